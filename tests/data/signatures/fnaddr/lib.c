/* Static functions whose address is taken: in a global table, returned, stored in a member, passed on. */
#include "lib.h"

static void bump(struct counter *c, int by) { c->n += by; }

static void reset(struct counter *c, int by)
{
	if (c)
		c->n = by;
}

/* dst and src may be one counter (C code calling through the pointer may pass it twice): stays raw */
static void move(struct counter *dst, struct counter *src)
{
	dst->n += src->n;
	src->n = 0;
}

static int call_with(counter_fn f, struct counter *c, int by)
{
	f(c, by);
	return c->n;
}

const counter_fn counter_ops[2] = { bump, reset };

pair_fn mover(void) { return move; }

void install(struct holder *h) { h->fn = reset; }

int bump_twice(struct counter *c)
{
	bump(c, 1);
	bump(c, 2);
	return c->n;
}

int apply(int i, int start, int by)
{
	struct counter c = { start };
	counter_ops[i & 1](&c, by);
	return c.n;
}

int apply_bump(int start, int by)
{
	struct counter c = { start };
	return call_with(bump, &c, by);
}
