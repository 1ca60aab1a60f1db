/* Indexes bounded by a remainder by the count (signatures/flowrem.py, rule index-range), and a count
   compared against `sizeof *p` (not a read of p): slices; beside pointers that must stay raw. */
#include <limits.h>
#include <stddef.h>

int rm_ring(const int *a, int n, int steps) {  /* j = (j + 1) % n after a guard n > 0 */
    int j = 0, s = 0;
    if (n <= 0) return 0;
    for (int t = 0; t < steps; t++) { s = s * 3 + a[j]; j = (j + 1) % n; }
    return s;
}

int rm_from(const int *a, unsigned n, unsigned start, int steps) {  /* an unsigned sum, wrapped or not */
    int s = 0;
    for (int t = 0; t < steps; t++) s = s * 5 + a[(start + t) % n];
    return s;
}

int rm_cycle(const unsigned char *pat, unsigned short plen, unsigned short len) {  /* p %= plen */
    unsigned char p = 0;
    int on = 0;
    if (plen == 0) return -1;
    for (unsigned short i = 0; i < len; i++) { on = on * 2 + pat[p] * i; p++; p %= plen; }
    return on;
}

long rm_copy(unsigned short *dst, const unsigned short *src, size_t count) {  /* sizeof(*dst) in a guard */
    long res;
    if (count == 0 || count > INT_MAX / sizeof(*dst)) return -7;
    for (res = 0; res < count; res++) {
        unsigned short c = src[res];
        dst[res] = c;
        if (!c) return res;
    }
    dst[count - 1] = 0;
    return -8;
}

/* must stay raw: a signed dividend that may be negative, a divisor past the count, a count changed before
   the index, an index read from the data, an index up to the count itself */
int rm_neg(const int *a, int n, int k) { if (n <= 0) return 0; return a[k % n]; }
int rm_wide(const int *a, int n, unsigned k) { return a[k % (n + 1)]; }
int rm_moved(const int *a, int n, unsigned k) { if (n <= 0) return 0; n = n + 1; return a[k % n]; }
int rm_data(const int *a, int n) { if (n <= 0) return 0; return a[a[0] % n]; }
int rm_upto(const int *a, int n, int i) { if (i < 0 || i > n) return 0; return a[i]; }

int rm_run(int k) {
    int a[5] = {4, k, -3, 7, 2};
    unsigned char pat[3] = {1, 0, 1};
    unsigned short src[4] = {7, (unsigned short)k, 0, 9}, dst[4] = {0};
    long s = rm_ring(a, 5, 12) + rm_ring(a, 0, 3) + rm_from(a, 5, (unsigned)k, 9) + rm_from(a, 3, 4000000000u, 4);
    s += rm_cycle(pat, 3, 10) + rm_cycle(pat, 0, 4) + rm_cycle(pat, 1, 300);
    s += rm_copy(dst, src, 4) * 11 + dst[0] + dst[1] + rm_copy(dst, src, 1) * 13 + dst[0] + rm_copy(dst, src, 0);
    s += rm_neg(a, 5, 3) + rm_wide(a, 4, 9) + rm_moved(a, 4, 7) + rm_data(a, 5) + rm_upto(a, 5, 4);
    return (int)s;
}
