#include <stddef.h>
struct item { int v; };
struct list { char *name; struct item *items; size_t n; int last; };
int list_probe(struct list *l, int v);
void list_bump(struct list *l);
int list_total(struct list *l);
void list_mark(struct list *l, char c);
