#include <stddef.h>
typedef struct { unsigned char *data; size_t len; size_t cap; } buf;
struct node { int v; struct node *next; };
struct cfg { int scale; int offset; };
size_t buf_len(const buf *b);
void buf_reset(buf *b);
void buf_put(buf *b, unsigned char c);
int node_value(const struct node *n);
int node_next_value(const struct node *n);
int get_or(const int *p, int dflt);
int call_getter(const int *p);
void set_if(int *out, int v);
void set_twice(int *out, int v);
void set_both(int *lo, int *hi, int v);
void clear(int *p);
int apply(struct cfg *c, int x);
void remember(int *p);
int recall(void);
int last_of(const int *a, int n);
