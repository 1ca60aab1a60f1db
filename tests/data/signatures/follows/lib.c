#include "lib.h"

/* Follows items, never name (a char pointer, which may point anywhere, even into *l): nothing reaches *l
   through name while it runs, so l is a reference (rule unfollowed-members). */
void list_zero(struct list *l)
{
	struct item *it = l->items;
	for (size_t i = 0; i < l->n; i++)
		it[i].v = 0;
	l->n = 0;
}

/* Writes through name, which may point into *l: stays raw. */
void list_rename(struct list *l, char c)
{
	l->name[0] = c;
	l->n = 1;
}
