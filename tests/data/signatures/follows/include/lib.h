#include <stddef.h>
struct item { int v; };
struct list { char *name; struct item *items; size_t n; };
void list_zero(struct list *l);
void list_rename(struct list *l, char c);
