/* An array parameter indexed by an element of a constant table (a const global of integer literals) below
   the size it declares: a slice of that size (rule declared-size, signatures/dims.table_range). */
#include <stdint.h>

#define CT_N 6
const uint16_t ct_perm[CT_N] = {3, 0, 5, 1, 4, 2};
static const uint8_t ct_short[8] = {7, 3, };  /* the elements left out are 0 */
const int16_t ct_negs[3] = {-1, 2, 0};
uint16_t ct_writable[3] = {0, 1, 2};

void ct_shuffle(uint8_t out[CT_N], const uint8_t in[CT_N]) {
    for (int i = 0; i < CT_N; i++) out[i] = in[ct_perm[i]];
}
int ct_pick(const int a[8], int k) { return a[ct_short[k & 7]]; }

/* must stay raw: a negative element, a table that is written, one whose greatest element is past the
   size, a local table hiding the global one */
int ct_neg(const int a[3], int k) { return ct_negs[k] < 0 ? 0 : a[ct_negs[k]]; }
int ct_wr(const int a[3], int k) { ct_writable[k] = (uint16_t)(2 - k); return a[ct_writable[k]]; }
int ct_big(const int a[5], int k) { return ct_perm[k] < 5 ? a[ct_perm[k]] : -1; }
int ct_hidden(const int a[6], int k) { const uint16_t ct_perm[2] = {1, 0}; return a[ct_perm[k & 1]]; }

int ct_run(int k) {
    uint8_t in[CT_N] = {10, 20, 30, 40, 50, (uint8_t)k}, out[CT_N];
    int a[8] = {1, k, 3, -4, 5, 6, 7, 8};
    ct_shuffle(out, in);
    int s = 0;
    for (int i = 0; i < CT_N; i++) s = s * 3 + out[i];
    s += ct_pick(a, k) * 7 + ct_pick(a, 1) + ct_neg(a, 1) + ct_neg(a, 0) + ct_wr(a, 1) + ct_big(a, 2);
    return s + ct_big(a, 0) + ct_hidden(a, k);
}
