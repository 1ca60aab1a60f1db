/* Pointers stepped once per turn of a loop counting their length down (rule stepped-count): slices. */
#include <stddef.h>

unsigned st_sum(unsigned s, const unsigned char *b, size_t len) { while (len--) s = s * 31 + *b++; return s; }

void st_fill(int *out, size_t n, int v) { while (n-- > 0) { if (v & 1) *out++ = v; v = v * 3 + 1; } }

int st_signed(const int *p, int n) { int s = 0; while (n-- > 0) s += *p++ * (n + 1); return s; }

/* must stay raw: two steps a turn, a signed count tested by `n--` alone, a count changed elsewhere, a
   loop inside a loop, a pre-increment */
int st_twice(const int *p, size_t n) { int s = 0; while (n--) { s += *p++; s -= *p++; } return s; }
int st_neg(const int *p, int n) { int s = 0; while (n--) s += *p++; return s; }
int st_more(const int *p, size_t n) { int s = 0; n += 1; while (n--) s += *p++; return s; }
int st_outer(const int *p, size_t n) {
    int s = 0;
    do { while (n--) s += *p++; } while (s < 0 && n != (size_t)-1);
    return s;
}
int st_pre(const int *p, size_t n) { int s = 0; while (n--) s += *++p; return s; }

int st_run(int k) {
    unsigned char b[5] = {1, 2, 3, 4, (unsigned char)k};
    int o[7] = {0}, a[8] = {k, 2, -3, 4, 5, -6, 7, k * 2};
    st_fill(o, 6, k);
    int s = (int)st_sum(7, b, 5) + o[0] + o[3] * 5 + o[5] * 7 + o[6] + st_signed(a, 4) + st_signed(a, -2);
    return s + st_twice(a, 4) + st_neg(a, 3) + st_more(a, 7) + st_outer(a, 6) + st_pre(a, 7);
}
