static long widen(long v) { return v; }
static unsigned to_unsigned(unsigned v) { return v; }
static int trunc_arg(int v) { return v; }
int cv_args(int v) { return (int)(widen(v) + to_unsigned(v) % 1000 + trunc_arg(3.99)); }
int cv_ret_double(double d) { return d; }
unsigned char cv_ret_narrow(int v) { return v * 3; }
