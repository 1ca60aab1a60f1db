/* Copies and comparisons between slices (signatures/slicecopies.py): memcpy/memmove of whole elements
   between slice parameters of one count, or local arrays with a constant count, as copy_from_slice, memcmp
   of byte slices in Rust; a local array and a slice, or one object on both sides, stay the C library's. */
#include <stdint.h>
#include <string.h>

void sc_copy(int *dst, const int *src, int n) { memcpy(dst, src, n * sizeof(int)); }

void sc_move(double *dst, const double *src, size_t n) { memmove(dst, src, n * sizeof(double)); }

void sc_head(uint8_t *dst, size_t n) {
    uint8_t t[5] = {9, 8, 7, 6, 5};
    memcpy(dst, t, n);
}

int sc_take(const short *src, int n) {
    short t[6] = {0};
    memcpy(t, src, n * sizeof(short));
    return t[0] + t[1] * 10 + t[5] * 100;
}

int sc_cmp(const uint8_t *a, const uint8_t *b, size_t n) { return memcmp(a, b, n); }

int sc_cmc(const char *a, size_t n) {
    char t[4] = "ab\xf0";
    return memcmp(a, t, n);
}

int sc_local(int k) {
    long a[5] = {k, k + 1, k + 2, k + 3, k + 4}, b[4] = {0};
    unsigned char s[4] = {1, 2, 3, 4}, t[5] = {1, 2, 9, 0, 0};
    memcpy(b, a, 3 * sizeof(long));
    memmove(a, b, 2 * sizeof b[0]);
    return (int)(b[2] * 3 + a[1] * 5 + a[4] * 7) + memcmp(s, t, 3) * 100 + memcmp(s, t, 2) * 1000;
}

void sc_shift(int *p, int n) { memmove(p + 1, p, n * sizeof(int)); }

int sc_run(int k) {
    int a[6] = {1, 2, 3, 4, 5, 6}, b[6] = {0};
    double x[3] = {1.5, 2.5, 3.5}, y[3] = {0};
    uint8_t h[5] = {0};
    short s[6] = {1, 2, 3, 4, 5, 6};
    sc_copy(b, a, k);
    sc_move(y, x, (size_t)(k % 4));
    sc_head(h, (size_t)(k % 6));
    int t = sc_take(s, k);
    uint8_t u[4] = {1, 2, 200, 4}, v[4] = {1, 2, 3, 4};
    char c[4] = {'a', 'b', 'c', 'd'};
    int m = sc_cmp(u, v, (size_t)(k % 5)), w = sc_cmc(c, (size_t)(k % 4));
    sc_shift(a, k % 6 > 4 ? 4 : k % 6);
    return b[0] + b[2] * 3 + b[5] * 5 + (int)(y[0] + y[2] * 7) + h[0] + h[4] * 11 + t + m * 1000 +
           w * 100000 + a[1] * 17 + a[5] * 19 + sc_local(k) * 3;
}
