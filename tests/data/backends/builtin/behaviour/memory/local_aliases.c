/* A pointer parameter copied into a local of its own type as its only use (signatures/aliases.py, rule
   local-alias): the local stands for it, and the parameter is a reference or slice the local is bound to;
   beside copies that keep the parameter raw (walked, stored, returned, used beside the copy). */
struct la_node { int v; int w; struct la_node *next; };
static struct la_node *la_kept;

/* proven: read, written, NULL-tested, indexed below a count (read and written) */
static int la_get(const struct la_node *n) { const struct la_node *q = n; return q->v * 3 + q->w; }
static void la_set(struct la_node *n, int x) { struct la_node *q = n; q->v = x; q->w += x; }
static int la_maybe(struct la_node *n) { struct la_node *q = n; if (!q) return -1; q->w++; return q->v; }
static long la_sum(const int *a, int n) { const int *q = a; long s = 0; for (int i = 0; i < n; i++) s += q[i];
                                          return s; }
static void la_fill(int *a, int n, int x) { int *q = a; for (int i = 0; i < n; i++) q[i] = x + i; }

/* raw: the copy walks a list, is stored, returned, or the parameter is used beside it */
static int la_walk(struct la_node *n) { struct la_node *q = n; int s = 0; while (q) { s += q->v; q = q->next; }
                                        return s; }
static void la_store(struct la_node *n) { struct la_node *q = n; la_kept = q; }
static struct la_node *la_ret(struct la_node *n) { struct la_node *q = n; q->v++; return q; }
static int la_both(struct la_node *n) { struct la_node *q = n; q->v = 7; return n->v + q->w; }

long long la_run(int k) {
    struct la_node c = { k, 2, 0 }, b = { 5, 1, &c }, a = { 1, k, &b };
    int buf[6] = { 0 };
    la_set(&a, k + 1);
    la_fill(buf, 6, k);
    long long r = la_get(&a) + la_maybe(&b) + la_maybe(0) + la_sum(buf, 6) + la_sum(buf, 0);
    r = r * 31 + la_walk(&a);
    la_store(&c);
    la_kept->w += 4;
    r = r * 31 + la_ret(&b)->v + la_both(&c) + c.w;
    return r;
}
