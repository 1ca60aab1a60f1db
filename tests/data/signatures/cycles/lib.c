/* Recursion and the borrow proofs: parameters a cycle of calls reads only, or reads as a string, are
 * borrowed at the cycle's fixpoint; one stored in a global, two that may alias, and one passed on through
 * the function's own address stay raw. */
#include <string.h>
#include "lib.h"

/* c is never written: a shared view, though label may point anywhere and n->kid is followed */
int total(struct cfg *c, const struct node *n)
{
	if (c->skip || !n)
		return 0;
	return n->v + total(c, n->kid[0]) + total(c, n->kid[1]);
}

/* name is read to its NUL by strcmp on every call: a C string down the recursion */
int count(const struct item *it, char *name)
{
	int hit = strcmp(it->name, name) == 0;
	if (!it->next)
		return hit;
	return hit + count(it->next, name);
}

/* mutual recursion: each member's c is proven only while the other's is */
static int tall_kids(struct cfg *c, const struct node *n)
{
	return tall(c, n->kid[0]) + tall(c, n->kid[1]);
}

int tall(struct cfg *c, const struct node *n)
{
	if (!n || c->skip)
		return 0;
	return 1 + tall_kids(c, n);
}

/* stored in a global: the pointer outlives the call, raw */
static struct cfg *seen;

int mark(struct cfg *c, int d)
{
	seen = c;
	if (d <= 0)
		return c->skip;
	return mark(c, d - 1);
}

struct cfg *last_marked(void)
{
	return seen;
}

/* both may be the same int all the way down: raw */
static void acc(int *sum, int *out, int d)
{
	*sum += d;
	*out = *sum;
	if (d > 0)
		acc(sum, out, d - 1);
}

int run(int d)
{
	int x = 0;
	acc(&x, &x, d);
	return x;
}

/* the recursion goes through the function's address: no proof reaches the callee, raw */
static int (*again)(struct cfg *, const struct node *);

int hop(struct cfg *c, const struct node *n)
{
	if (c->skip || !n)
		return 0;
	return n->v + again(c, n->kid[0]);
}

void setup(void)
{
	again = hop;
}
