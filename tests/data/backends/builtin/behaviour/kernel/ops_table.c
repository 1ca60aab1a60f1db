struct dev_ops { int (*open)(int); int (*close)(int); const char *name; };
static int d_open(int v) { return v + 1; }
static int d_close(int v) { return v - 1; }
static const struct dev_ops null_ops = { .open = d_open, .name = "null" };
static const struct dev_ops full_ops = { d_open, d_close, "full" };
static const struct dev_ops *const all_ops[] = { &null_ops, &full_ops };
int ops_call(int which, int v) { const struct dev_ops *o = all_ops[which];
    return (o->open ? o->open(v) : 0) * 100 + (o->close ? o->close(v) : 0) + o->name[0]; }
