/* One object through memcpy/memset/memcmp beside any other pointer (signatures/copies.py one_object): the
   parameter is a reference, the call stays the C library's; the shapes after the marker stay raw. */
#include <stdlib.h>
#include <string.h>

typedef struct { long a; long b; } oo_pair;  /* no padding: memcmp reads every byte */

oo_pair *oo_clone(const oo_pair *p) {
    oo_pair *r = malloc(sizeof *r);
    if (r) memcpy(r, p, sizeof(oo_pair));
    return r;
}
void oo_out(size_t *out, int k) {
    size_t *h = malloc(sizeof *h);
    if (!h) return;
    *h = (size_t)k * 3u;
    if (out) memcpy(out, h, sizeof(size_t));
    free(h);
}
int oo_same(const oo_pair *p, int k) {
    oo_pair *h = calloc(1, sizeof *h);
    if (!h) return -1;
    h->a = k;
    h->b = 10L * k;
    int same = memcmp(p, h, sizeof *p) == 0;
    free(h);
    return same;
}
void oo_fill(oo_pair *p) { memset(p, 0xff, sizeof *p); }

/* must stay raw: more than one object, the library's result kept, memmove (its operands may overlap) */
void oo_long(oo_pair *p, const oo_pair *src) { memcpy(p, src, sizeof *p + sizeof(long)); }
oo_pair *oo_kept(oo_pair *p, const oo_pair *src) { return memcpy(p, src, sizeof *p); }
void oo_move(oo_pair *p, int k) {
    oo_pair *h = malloc(sizeof *h);
    if (!h) return;
    h->a = k;
    h->b = k;
    memmove(p, h, sizeof *p);
    free(h);
}

long oo_run(int k) {
    oo_pair a = {k, 10L * k}, two[2] = {{1, 2}, {3, 4}}, copy[2] = {{0, 0}, {0, 0}}, c;
    size_t n = 0;
    oo_pair *b = oo_clone(&a);
    long s = b ? b->a + b->b : -1;
    free(b);
    oo_out(&n, k);
    oo_out(NULL, k);
    s = s * 3 + (long)n + oo_same(&a, k) + oo_same(&a, k + 1);
    oo_fill(&c);
    s = s * 5 + (c.a == -1) + (c.b == -1L);
    oo_long(copy, two);
    s = s * 7 + copy[1].a + copy[1].b + oo_kept(&c, &a)->b;
    oo_move(&c, k + 2);
    return s * 11 + c.a + a.a;
}
