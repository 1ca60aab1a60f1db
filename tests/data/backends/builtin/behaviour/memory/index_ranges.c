/* Indices proven inside the slice by the ranges of their loop variables (signatures/ranges.py). */
#define HALF 4

int ir_rev(const int a[6]) { int s = 0; for (int i = 0; i < 6; i++) s = s * 3 + a[5 - i]; return s; }

void ir_pairs(long out[2 * HALF], const int in[HALF]) {
    for (unsigned char i = 0; i < HALF; i++) { out[i * 2] = in[i]; out[i * 2 + 1] = -in[i]; }
}

int ir_mask(const int t[16], int x) { return t[x & 15] + t[(x >> 2) & 0xf]; }

int ir_mod(const int t[5], unsigned x) { return t[x % 5]; }

void ir_sort(int *a, int n) {  /* bubble sort: a[j + 1] below n as j < n - 1 - i, all signed */
    for (int i = 0; i < n - 1; i++)
        for (int j = 0; j < n - 1 - i; j++)
            if (a[j] > a[j + 1]) { int t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; }
}

int ir_grid(const int g[12]) { int s = 0; for (int r = 0; r < 3; r++) for (int c = 0; c <= 3; c++) s += g[r * 4 + c] * (r + c); return s; }

/* must stay raw: one past the size, below 0, an unproven offset, an unsigned bound that wraps at 0 */
int ir_past(const int a[6]) { int s = 0; for (int i = 0; i < 6; i++) s += a[6 - i]; return s; }
int ir_below(const int a[6]) { int s = 0; for (int i = 0; i < 6; i++) s += a[i - 1]; return s; }
int ir_shift(const int *a, int n, int k) { int s = 0; for (int i = 0; i < n; i++) s += a[i + k]; return s; }
int ir_next(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i + 1]; return s; }
int ir_wrap(const int *a, unsigned n) { int s = 0; for (unsigned i = 0; i < n - 1; i++) s += a[i + 1]; return s; }
int ir_wide(const int t[16], int x) { return t[x & 16]; }

int ir_run(int k) {
    long out[2 * HALF];
    int a[7] = {1, 2, 3, 4, 5, 6, k}, in[HALF] = {k, 2, -3, 4}, t[17], g[12];
    int v[7] = {5, k, -2, 9, 0, 3, 1};
    for (int i = 0; i < 17; i++) t[i] = i * i - k;
    for (int i = 0; i < 12; i++) g[i] = i + k;
    ir_pairs(out, in);
    ir_sort(v, 7);
    int s = ir_rev(a) + ir_mask(t, k) + ir_mod(t, (unsigned)k) + ir_grid(g) + ir_past(a);
    for (int i = 0; i < 2 * HALF; i++) s = s * 7 + (int)out[i];
    for (int i = 0; i < 7; i++) s = s * 5 + v[i];
    return s + ir_next(a, 5) + ir_wrap(a, 5) + ir_shift(a, 3, 2) + ir_below(a + 1) + ir_wide(t, k);
}
