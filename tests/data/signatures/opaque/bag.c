#include <stdlib.h>
#include "bag.h"
#include "bag.inc"

bag *bag_new(unsigned cap)
{
	bag *b = malloc(sizeof(bag) + cap * sizeof(int));
	if (b) {
		b->cap = cap;
		b->len = 0;
	}
	return b;
}

void bag_free(bag *b) { free(b); }

unsigned bag_cap(const bag *b) { return b->cap; }

void bag_clear(bag *b) { b->len = 0; }

int bag_add(bag *b, int v)
{
	if (b->len == b->cap)
		return -1;
	b->items[b->len++] = v;
	return (int)b->len;
}

int bag_get(const bag *b, unsigned i) { return i < b->len ? b->items[i] : -1; }

int sum4(const int a[4])
{
	int s = 0;
	for (int i = 0; i < 4; i++)
		s += a[i];
	return s;
}

void fill(int a[2 * WIDTH], int v)
{
	for (int i = 0; i < 2 * WIDTH; i++)
		a[i] = v + i;
}

/* reads one past the size it declares: stays a raw pointer */
int last_past(const int a[4]) { return a[0] + a[4]; }

int sum_first(const int a[4]) { return sum4(a) + a[0]; }
