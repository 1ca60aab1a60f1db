#include <stddef.h>
struct ent { int key; struct ent *next; };
struct table { struct ent **slots; size_t n; size_t count; };
struct cursor { struct ent *head; struct ent **at; };
void table_put(struct table *t, struct ent *e);
void table_clear(struct table *t);
void cursor_set(struct cursor *c, struct ent *e);
