/* Static helpers whose pointer parameters may share memory by their types (a struct of ints beside an
   int): references where every call passes distinct objects (rule disjoint-call-sites), raw where a call
   passes one object twice. */
#include <stddef.h>
struct pt { int x, y; };

static void cs_split(struct pt *p, int *n) { *n = p->x; p->y = *n + 1; }

static int cs_get(const struct pt *base, struct pt *out) { if (base) out->x = base->y; return out->x; }

/* called below with `&a` and `&a.x`: *n is p->x, so the C's order of reads and writes shows */
static void cs_both(struct pt *p, int *n) { *n += p->x; p->x = *n * 2; }

static int cs_twice(struct pt *q, int v) {
    int k, m;
    int *r = &k;
    if (v > 0)
        r = &m;
    cs_split(q, r);
    return *r + cs_get(NULL, q);
}

int cs_run(int v) {
    struct pt a = {v, 0}, b = {1, v};
    int k = 0;
    cs_split(&a, &k);
    int s = a.y * 10 + k + cs_twice(&b, v);
    cs_both(&a, &a.x);
    return s * 100 + a.x + a.y;
}
