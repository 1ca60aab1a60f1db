/* Counted copies (signatures/counted.py): a pointer passed to memcpy/memset/memcmp with a count of exactly
   n of its elements is a slice of n; a count of another shape leaves it raw. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int cc_sum_copy(const int *vals, size_t n) {
    int *b = malloc(n * sizeof(int) + 1);
    if (!b)
        return -1;
    memcpy(b, vals, n * sizeof(int));
    int t = 0;
    for (size_t i = 0; i < n; i++)
        t += b[i] * (int)(i + 1);
    free(b);
    return t;
}

int cc_clear(int *vals, int n) {
    memset(vals, 0, sizeof *vals * n);
    int t = 0;
    for (int i = 0; i < n; i++)
        t += vals[i];
    return t;
}

void cc_fill(uint8_t *vals, size_t n, int c) { memset(vals, c, n); }

int cc_same(const unsigned char *a, const unsigned char *b, size_t n) { return memcmp(a, b, n) < 0; }

void cc_more(int *vals, int n) { memset(vals, 0, (n + 1) * sizeof(int)); }

void cc_dec(uint8_t outp[6], int x) {
    memset(outp, 0, 6);
    outp[0] = (uint8_t)x;
    outp[5] = (uint8_t)(x + 1);
}

int cc_run(int k) {
    int a[6] = {1, 2, 3, 4, 5, 6};
    uint8_t bytes[5] = {0};
    int s = cc_sum_copy(a, (size_t)k);
    cc_fill(bytes, 4, 0x41 + k);
    cc_more(a, 2);
    int z = cc_clear(a + 3, 2);
    uint8_t six[7] = {9, 9, 9, 9, 9, 9, 9};
    cc_dec(six, k);
    s += six[0] + six[1] * 3 + six[5] * 5 + six[6] * 7;
    unsigned char x[3] = {1, 2, 3}, y[3] = {1, 2, 4};
    return s * 1000 + bytes[0] + bytes[3] * 2 + bytes[4] + z + a[2] * 7 + a[5] * 11 + cc_same(x, y, (size_t)k % 4) * 100000;
}
