/* Scalar globals are Rust atomics (Relaxed loads and stores): ++/--, compound assignments with C's
   wrap-around and conversions, assignments used as values, addresses, floats through their bits, _Bool,
   char, enum, a file-static one, static locals, and a pointer global holding the address of one. */
enum sg_mode { SG_OFF, SG_ON = 5 };
static int sg_count;
unsigned sg_total = 4294967290u;
unsigned char sg_small = 250;
char sg_ch = 'a';
double sg_scale = 1.5;
float sg_ratio = -0.25f;
_Bool sg_flag;
enum sg_mode sg_mode = SG_ON;
long sg_big = -3;
int *sg_where = &sg_count;

int sg_inc(int n) { for (int i = 0; i < n; i++) sg_count++; return sg_count; }
unsigned sg_wrap(unsigned d) { sg_total += d; return sg_total; }
int sg_narrow(int d) { sg_small += d; sg_ch -= d; return sg_small * 1000 + sg_ch; }
int sg_value(int v) { int a = sg_count = v; int b = (sg_count += 2); return a * 100 + b; }
int sg_ops(int s) { sg_count <<= s; sg_count |= 1; sg_count ^= 3; sg_count /= 2; sg_count %= 7; return sg_count; }
double sg_grow(double f) { sg_scale *= f; sg_scale += 0.5; sg_scale--; return sg_scale; }
float sg_shrink(float x) { sg_ratio = sg_ratio - x; sg_ratio++; return sg_ratio; }
int sg_set_flag(int v) { sg_flag = v; return sg_flag + 2 * !sg_flag; }
int sg_switch(int m) { sg_mode = m ? SG_ON : SG_OFF; return sg_mode == SG_ON ? (int)sg_mode : -1; }
long sg_step(long d) { sg_big -= d; long old = sg_big--; return old * 10 + sg_big; }
int sg_through(int v) { int *p = &sg_count; *p = v; return sg_count + *sg_where; }
double sg_through_d(double v) { double *p = &sg_scale; *p = v; return sg_scale; }
int sg_tick(void) { static int n = 5; static double acc; acc += 0.5; return n++ * 10 + (int)acc; }
int sg_more(int d) { sg_count += d * 2; sg_count -= 1; int pre = ++sg_count; return pre * 10 + sg_count--; }
