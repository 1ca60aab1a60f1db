static void swap_int(int *a, int *b) { int t = *a; *a = *b; *b = t; }
static int partition(int *v, int lo, int hi) { int p = v[hi], i = lo - 1;
    for (int j = lo; j < hi; j++) if (v[j] <= p) swap_int(&v[++i], &v[j]);
    swap_int(&v[i + 1], &v[hi]); return i + 1; }
static void qsort_rec(int *v, int lo, int hi) { if (lo < hi) { int p = partition(v, lo, hi);
    qsort_rec(v, lo, p - 1); qsort_rec(v, p + 1, hi); } }
long qs_run(int seed) { int v[32]; unsigned x = (unsigned)seed;
    for (int i = 0; i < 32; i++) { x = x * 1103515245u + 12345u; v[i] = (int)(x >> 16) % 1000 - 500; }
    qsort_rec(v, 0, 31); long h = 0; for (int i = 0; i < 32; i++) h = h * 31 + v[i]; return h; }
