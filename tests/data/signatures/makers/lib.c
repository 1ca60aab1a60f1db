#include <stdlib.h>
#include "lib.h"

/* A maker: returns NULL or an item malloc made during the call. */
static struct item *item_new(int v)
{
	struct item *it = malloc(sizeof *it);
	if (!it)
		return NULL;
	it->v = v;
	return it;
}

/* A passer: returns what it loads from the member items, which it follows. */
static struct item *first_item(struct list *l)
{
	return l->items;
}

/* A cycle of calls: sums the first k items. */
static int sum(const struct item *it, size_t k)
{
	if (k == 0)
		return 0;
	return it[k - 1].v + sum(it, k - 1);
}

/* A local holding a maker's new item: only that item is touched through it, and name (a char pointer,
   which may point into *l) is never followed, so l is a reference. */
int list_probe(struct list *l, int v)
{
	struct item *it = item_new(v);
	if (!it)
		return -1;
	l->last = it->v * 2;
	free(it);
	return l->last;
}

/* A local holding a passer's result: items, followed, cannot lead into *l; name is never followed. */
void list_bump(struct list *l)
{
	struct item *it = first_item(l);
	it->v += 1;
	l->last = it->v;
}

/* A recursive callee follows no member of *l but what it is passed. */
int list_total(struct list *l)
{
	l->last = sum(l->items, l->n);
	return l->last;
}

/* A passer returning name, which may point into *l: written through, so l stays raw. */
static char *label(struct list *l)
{
	return l->name;
}

void list_mark(struct list *l, char c)
{
	char *s = label(l);
	l->last = 7;
	s[0] = c;
}
