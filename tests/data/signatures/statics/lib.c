#include "lib.h"

/* A static local pointer: a call with NULL writes where an earlier call pointed it. */
static void poke(char *p)
{
	static char *kept;

	if (p)
		kept = p;
	else if (kept)
		*kept = 0;
}

void rec_remember(struct rec *r)
{
	poke((char *)&r->n);
}

/* r stays raw: poke(0) may write into *r through kept. */
void rec_clear(struct rec *r)
{
	poke(0);
	r->n += 2;
}

/* A static of scalars whose address never leaves: r may be a reference. */
static int ticks(void)
{
	static int count;

	return ++count;
}

int rec_tick(struct rec *r)
{
	r->n = ticks();
	return r->n;
}

/* A static whose address leaves: a later call writes what a caller may be reading. */
int *counter_bump(int inc)
{
	static int c;

	c += inc;
	return &c;
}

int counter_read(const int *p)
{
	counter_bump(1);
	return *p;
}
