/* memset/memcpy of a whole local array of constant size: Rust assignments of the array (rule of
   signatures/copies.py), the functions safe fns; a part of an array stays a C library call. */
#include <string.h>

int ac_zero(int k) { int buf[8]; char s[16]; memset(buf, 0, sizeof buf); memset(s, 0, sizeof(s));
    buf[k & 7] = k; s[1] = 'a'; int t = 0; for (int i = 0; i < 8; i++) t += buf[i] * (i + 1);
    return t + s[1] + s[0] + s[15]; }
long ac_copy(int k) { long a[4] = {1, 2, 3, 4}; long b[4]; memcpy(b, a, sizeof b); a[0] = k;
    memmove(&a, b, sizeof(a)); b[3] = k; return a[0] * 1000 + a[3] * 100 + b[0] * 10 + b[3]; }
double ac_reuse(int k) { double d[3] = {1.5, -2.0, 4.25}; double e[3]; memcpy(e, d, sizeof(e));
    memset(d, 0, sizeof d); d[k & 1] = e[2 - (k & 1)]; return d[0] + d[1] * 3 + d[2] * 9 + e[0]; }
/* stays a call: part of the array */
int ac_part(int k) { char a[8] = {1, 2, 3, 4, 5, 6, 7, 8}; memset(a, 0, 4); return a[3] + a[4] + k; }
