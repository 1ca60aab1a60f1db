#include <stdbool.h>
int rk_ll_ul(void) { return -1LL < 1UL; }
int rk_short_u(unsigned short a, short b) { return a > b; }
long rk_uint_long(unsigned a, long b) { return a + b; }
int rk_bool(int v) { bool b = v; _Bool c = (_Bool)0.5; return b + c * 10; }
bool rk_ret_bool(long v) { return v & 256; }
