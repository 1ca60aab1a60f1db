/* Objects ending in a flexible array member, given directly and behind a pointer member. */
#include <stddef.h>

struct bag {
	unsigned count;
	int items[];
};

struct cursor {
	const struct bag *bag;
	unsigned pos;
};

int bag_sum(const struct bag *b)
{
	int sum = 0;

	for (unsigned i = 0; i < b->count; i++)
		sum += b->items[i] & 0xffff;
	return sum;
}

int bag_sum_bad(const struct bag *b)
{
	int sum = 0;

	for (unsigned i = 0; i < b->count; i++)
		sum += b->items[i] & 0xffff;
	return sum;
}

void bag_bump(struct bag *b)
{
	for (unsigned i = 0; i < b->count; i++)
		b->items[i] = (int)((unsigned)b->items[i] + 1u);
}

void bag_bump_bad(struct bag *b)
{
	for (unsigned i = 0; i < b->count; i++)
		b->items[i] = (int)((unsigned)b->items[i] + 1u);
}

int cursor_peek(const struct cursor *c)
{
	return c->bag && c->pos < c->bag->count ? c->bag->items[c->pos] : -1;
}

int cursor_peek_bad(const struct cursor *c)
{
	return c->bag && c->pos < c->bag->count ? c->bag->items[c->pos] : -1;
}
