struct value { int kind; union { long i; double d; struct { int lo, hi; }; }; };
long am_int(long v) { struct value x; x.kind = 1; x.i = v; return x.i + x.kind; }
int am_pair(int a, int b) { struct value x; x.lo = a; x.hi = b; struct value *p = &x;
    return p->lo * 10 + p->hi; }
int am_size(void) { return sizeof(struct value); }
