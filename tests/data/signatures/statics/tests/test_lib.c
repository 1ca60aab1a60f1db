#include "lib.h"

int main(void)
{
	struct rec r = {0, 5};
	int bad = 0;

	rec_clear(&r);
	bad |= r.n != 7;
	rec_remember(&r);
	rec_clear(&r); /* poke(0) zeroes the first byte of r.n (7), then n += 2 */
	bad |= (r.n != 2) << 1;
	bad |= (rec_tick(&r) != 1 || rec_tick(&r) != 2 || r.n != 2) << 2;
	bad |= (counter_read(counter_bump(0)) != 1) << 3;
	bad |= (counter_read(counter_bump(0)) != 2) << 4;
	return bad;
}
