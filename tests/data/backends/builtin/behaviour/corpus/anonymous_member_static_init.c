struct tagged { int kind; union { int i; float f; }; struct { char tag; short w; }; };
static struct tagged by_name = { .kind = 1, .i = 5, .w = -3 };
static const struct tagged by_pos = { 2, { 7 }, { 'q', 9 } };
static struct tagged by_float = { .f = 2.5f, .tag = 'z' };
int run_anon_init(int k) { struct tagged *t = k ? &by_name : &by_float;
    return t->i + t->kind * 10 + t->tag * 100 + t->w * 1000 + by_pos.i * 100000 + by_pos.tag + by_pos.w; }
