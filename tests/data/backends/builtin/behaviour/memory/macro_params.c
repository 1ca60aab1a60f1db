/* Pointers named only through macros, proven on the expanded body: NULL-tested in one, written in another. */
struct box { int v; };
#define GET(s) ((s)->v)
#define FAIL_IF_NULL(s) if (!(s)) return -1
#define DECL_ACC int acc = 3;
#define PUT(s, x) (s)->v = (x)
static int get(const struct box *b) { DECL_ACC FAIL_IF_NULL(b); return GET(b) + acc; }
static void put(struct box *b, int x) { PUT(b, x * 2); }
int mp_run(int x, int null) {
    struct box b = { 1 };
    put(&b, x);
    return get(null ? 0 : &b) * 10 + b.v;
}
