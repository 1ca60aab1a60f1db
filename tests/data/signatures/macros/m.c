/* Pointer parameters named in macros: the proofs read the body with these macros expanded. */
struct box { int v; int v1; };

#define GET(s) ((s)->v)
#define FAIL_IF_NULL(s) if (!(s)) return -1
#define DECL_ACC int acc = 0; /* a statement without its `;` where it is used: the body does not parse */
#define NAME(s) #s
int get(struct box *b) { DECL_ACC FAIL_IF_NULL(b); (void)NAME(b); return GET(b) + acc; }

#define ZERO(b) (b)->v = 0
void zero(struct box *b) { ZERO(b); }

/* negative cases: what the expansion shows keeps it raw, or the expansion is not known */
struct box *kept;
#define KEEP(p) kept = (p)
void keep(struct box *b) { KEEP(b); }

#define MEMBER(s, n) ((s)->v##n)
int member(struct box *b) { return MEMBER(b, 1); }

/* not negative: two definitions, but the compiler skips the `#ifdef ALT` one, so the other expands */
#ifdef ALT
#define TWICE(s) ((s)->v * 3)
#else
#define TWICE(s) ((s)->v * 2)
#endif
int twice(struct box *b) { return TWICE(b); }
