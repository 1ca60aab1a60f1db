/* Pointer parameters spelled through typedefs (signatures/kinds.py `spelled`): a struct pointer, a const
   one, one through a second typedef, a `char *`, a function pointer and an array. */
typedef struct pt_s { int x; int y; } *pt_t;
typedef const struct pt_s *cpt_t;
typedef pt_t pt_alias;
typedef char *string;
typedef int (*combine_fn)(int, int);
typedef int triple[3];

int pt_get(cpt_t p);
void pt_set(pt_t p, int v);
int pt_bump(pt_alias p);
int str_len(string s);
int str_count(string s, char c);
void pt_keep(pt_t p);
int pt_kept_x(void);
void dbl_scale(double *d);
int pt_swap_same(pt_t p);
int pt_swap_local(pt_t p);
void pt_swap(pt_t a, pt_t b);
int apply(combine_fn f, int a, int b);
int triple_sum(triple t);
int triples_mid(triple *p, int n);
int ignore(void *p, int k);
void pt_reset(pt_t p);
int pt_twice(int v);
