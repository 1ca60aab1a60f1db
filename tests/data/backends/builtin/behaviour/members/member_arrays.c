/* Array members of a struct indexed in place through a pointer parameter (signatures/members.py): `p->a[i]`
   of a member `T a[N]`, N > 1, is an element of the pointee, so the pointer is a reference and Rust indexes
   `p.a[i as usize]`, bounds-checked; beside pointers that must stay raw. */
#include <stdlib.h>
#include <string.h>

struct ma_key { unsigned long long k[2]; };
struct ma_sample { unsigned t, v; };
struct ma_win { struct ma_sample s[3]; int n; };
struct ma_inner { int a[4]; };
struct ma_outer { int n; struct ma_inner in; };
struct ma_hack { int n; int d[1]; };
struct ma_flex { int n; int d[]; };

/* proven: constant indexes, a loop index below the size, an index from a parameter, writes through &mut */
unsigned long long ma_mix(const struct ma_key *key, unsigned long long x) {
    return ((x ^ key->k[0]) * 31u) + key->k[1];
}
static unsigned ma_sum(const struct ma_win *w) { unsigned s = 0; for (int i = 0; i < 3; i++) s = s * 7 + w->s[i].v; return s; }
static int ma_at(const struct ma_outer *o, int i) { return o->in.a[i] + o->n; }
static void ma_shift(struct ma_win *w, unsigned t, unsigned v) {
    w->s[0] = w->s[1];
    w->s[1] = w->s[2];
    w->s[2].t = t;
    w->s[2].v = v;
    w->s[1].v += v;
    w->s[0].t++;
    w->n++;
}
static void ma_put(struct ma_outer *o, int i, int v) { o->in.a[i] = v; o->in.a[(i + 1) & 3] -= v; }

/* raw: the struct hack's trailing a[1] and a[], an element's address returned or stored, an array member
   decaying to a pointer handed to the C library, two dimensions */
static int ma_hacked(struct ma_hack *h, int i) { return h->d[i] + h->n; }
static int ma_flexed(struct ma_flex *h) { return h->d[0] + h->n; }
static unsigned *ma_where(struct ma_win *w, int i) { return &w->s[i].v; }
static int *ma_saved;
static void ma_keep(struct ma_inner *p) { ma_saved = &p->a[2]; p->a[0] = 1; }
static void ma_clear(struct ma_inner *p) { memset(p->a, 0, sizeof p->a); p->a[3] = 9; }
struct ma_grid { int m[3][3]; };
static int ma_cell(const struct ma_grid *g, int i) { return g->m[i][2 - i]; }

long long ma_run(int k) {
    struct ma_key key = { { 0x9e3779b97f4a7c15ULL, (unsigned long long)k } };
    struct ma_win w = { { { 1, 2 }, { 3, 4 }, { 5, (unsigned)k } }, 0 };
    struct ma_outer o = { k, { { 1, 2, 3, 4 } } };
    struct ma_hack h = { 3, { k } };
    struct ma_flex *f = malloc(sizeof *f + 2 * sizeof(int));
    struct ma_grid g = { { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } } };
    struct ma_inner in = { { 5, 6, 7, 8 } };
    long long s = (long long)(ma_mix(&key, (unsigned long long)k) % 1000003);
    ma_shift(&w, 11, (unsigned)k);
    ma_shift(&w, 12, 13);
    s = s * 31 + ma_sum(&w) + w.n;
    for (int i = 0; i < 4; i++) { ma_put(&o, i, i * k); s = s * 3 + ma_at(&o, i); }
    *ma_where(&w, 1) = 99;
    ma_keep(&in);
    *ma_saved += k;
    s = s * 5 + in.a[0] + in.a[2] + ma_sum(&w);
    ma_clear(&in);
    f->n = 2;
    f->d[0] = k;
    s = s * 7 + in.a[1] + in.a[3] + ma_hacked(&h, 0) + ma_flexed(f) + ma_cell(&g, k & 1);
    free(f);
    return s;
}
