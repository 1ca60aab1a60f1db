#include "lib.h"

/* slots points at `struct ent *` objects, and *t holds none (its pointer to pointers is of another type):
   writing t->slots[h] cannot touch *t, so t is a reference. e stays raw: a chain may lead to it. */
void table_put(struct table *t, struct ent *e)
{
	size_t h = (size_t)e->key % t->n;
	e->next = t->slots[h];
	t->slots[h] = e;
	t->count++;
}

void table_clear(struct table *t)
{
	for (size_t i = 0; i < t->n; i++)
		t->slots[i] = NULL;
	t->count = 0;
}

/* at may point at head, a `struct ent *` inside *c: stays raw. */
void cursor_set(struct cursor *c, struct ent *e)
{
	*c->at = e;
}
