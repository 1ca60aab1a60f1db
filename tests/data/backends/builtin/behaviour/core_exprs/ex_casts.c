int ex_float_trunc(double d) { return (int)d + (int)(float)(d * 2); }
unsigned long ex_ptr_roundtrip(void) {
    int x = 3; unsigned long a = (unsigned long)&x; int *p = (int *)a; return *p; }
double ex_int_to_double(long v) { return (double)v / 4; }
int ex_bool_conv(double d) { _Bool b = d; return b + (_Bool)0.5 * 2; }
signed char ex_trunc_chain(long v) { return (signed char)(short)v; }
