/* A pointer parameter pointed at a local of the function where the caller passed NULL (signatures/defaults.py,
   rule null-default): an `Option` reference, rebound to `Some(&mut local)`; beside defaults that keep the
   parameter raw (the local also used by name, a global or another parameter as the default, the parameter
   stored, returned or reassigned again). */
#include <stddef.h>

struct nd_cfg { int scale; int bias; };
static int nd_global = 40;
static int *nd_kept;

static void nd_bump(int *n) { *n += 1; }

/* proven: an out-parameter, a const struct given a local default, braces and `== NULL`, passed on */
static int nd_parse(int k, int *err) {
    int dummy;
    if (!err)
        err = &dummy;
    *err = 0;
    if (k < 0) { *err = k; return -1; }
    return k * 2;
}
static int nd_width(const struct nd_cfg *c, int x) {
    struct nd_cfg fallback = { 3, 4 };
    if (c == NULL) { c = &fallback; }
    return c->scale * x + c->bias;
}
static int nd_count(int *n, int k) {
    int spare = 100;
    if (NULL == n) n = &spare;
    for (int i = 0; i < k; i++) nd_bump(n);
    return *n;
}
static int nd_pair(struct nd_cfg *c, long *n) {
    struct nd_cfg d = { 0, 1 };
    long m = 5;
    if (!c) c = &d;
    if (!n) n = &m;
    c->scale += 2;
    *n += c->scale * c->bias;
    return c->scale + (int)*n;
}
/* through a local standing for the parameter (signatures/aliases.py): the local is given the default */
static int nd_viaq(struct nd_cfg *c) {
    struct nd_cfg *q = c;
    struct nd_cfg d = { 1, 2 };
    if (!q) q = &d;
    q->bias += 1;
    return q->scale + q->bias;
}

/* raw: the local read by name beside the parameter, a global or a parameter as default, stored, returned */
static int nd_both(int *p) { int d = 5; if (!p) p = &d; *p += 1; return d + *p; }
static int *nd_global_default(int *p) { if (!p) p = &nd_global; *p += 2; return p; }
static int nd_other(int *p, int *q) { if (!p) p = q; *p = 7; return *q; }
static int nd_store(int *p) { int d = 1; if (!p) p = &d; *p = 9; nd_kept = p; return *p; }
static int nd_again(int *p, int *q) { int d = 2; if (!p) p = &d; *p += 1; p = q; return *p; }

long long nd_run(int k) {  /* one call per statement: C leaves the order of a sum's calls unspecified */
    int err = 99, n = k, other = 3, cell = 11, m = 1;
    struct nd_cfg cfg = { 2, k };
    long long r = nd_parse(k, &err);
    r = r * 31 + nd_parse(k, NULL);
    r = r * 31 + err;
    r = r * 31 + nd_width(&cfg, k);
    r = r * 31 + nd_width(NULL, k);
    r = r * 31 + nd_count(&n, 3);
    r = r * 31 + nd_count(NULL, 2);
    r = r * 31 + n;
    long wide = k;
    r = r * 31 + nd_pair(&cfg, &wide);
    r = r * 31 + nd_pair(NULL, &wide);
    r = r * 31 + nd_pair(&cfg, NULL);
    r = r * 31 + nd_pair(NULL, NULL);
    r = r * 31 + wide + cfg.scale;
    r = r * 31 + nd_viaq(&cfg);
    r = r * 31 + nd_viaq(NULL);
    r = r * 31 + cfg.bias;
    r = r * 31 + nd_both(&m);
    r = r * 31 + nd_both(NULL);
    r = r * 31 + m;
    r = r * 31 + *nd_global_default(&cell);
    r = r * 31 + *nd_global_default(NULL);
    r = r * 31 + cell;
    r = r * 31 + nd_other(&cell, &other);
    r = r * 31 + nd_other(NULL, &other);
    r = r * 31 + other;
    r = r * 31 + nd_store(&cell);
    r = r * 31 + *nd_kept;
    r = r * 31 + nd_store(NULL);  /* nd_kept then dangles: never read again */
    r = r * 31 + nd_again(&m, &other);
    r = r * 31 + nd_again(NULL, &cell);
    return r * 31 + m;
}
