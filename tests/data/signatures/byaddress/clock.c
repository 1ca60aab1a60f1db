/* Static functions called only through their addresses (a table, a returned pointer): their C ABI adapter
 * can compare their pointers' bytes and run the C original when they overlap. */
#include "clock.h"

/* `num` may point into `*c`; `now` is never named, so it conflicts with nothing */
static void set_am(struct clock *c, struct clock *now, int *num)
{
	int n = *num;

	*num = 0;
	if (n)
		c->hour = n;
	c->min = c->hour + n;
}

static void set_pm(struct clock *c, struct clock *now, int *num)
{
	int n = *num;

	*num = n + 1;
	c->hour = (c->hour + n) % 24;
	c->min += *num;
}

static const clock_fn ops[2] = { set_am, set_pm };

clock_fn clock_op(int i) { return ops[i & 1]; }

int run_op(int i, int hour, int num)
{
	struct clock c = { hour, 0 };

	ops[i & 1](&c, &c, &num);
	return c.hour * 100 + c.min + num;
}

/* called by name too, with `step` inside `*c`: stays raw (the adapter is not its only caller) */
static void tick(struct clock *c, int *step)
{
	c->min += *step;
	*step = c->min;
}

tick_fn ticker(void) { return tick; }

int tick_own(struct clock *c)
{
	tick(c, &c->hour);
	return c->hour;
}

/* `out` may be reached through `n->next`, which may point back at `*n`: no check of two ranges bounds
 * that, so both stay raw */
static void peek(struct node *n, int *out)
{
	*out = n->next->v;
	n->v = *out + 1;
}

node_fn peeker(void) { return peek; }
