/* Calls the static functions of lib.c through their addresses from outside it, with NULL and aliases. */
#include <stddef.h>
#include "lib.h"

int main(void)
{
	struct counter a = { 2 }, b = { 3 };
	struct holder h = { NULL };

	counter_ops[0](&a, 5);
	counter_ops[1](NULL, 9); /* reset tests for NULL: nothing happens */
	if (a.n != 7)
		return 1;
	counter_ops[1](&b, 4);
	if (b.n != 4)
		return 2;
	mover()(&a, &b);
	if (a.n != 11 || b.n != 0)
		return 3;
	mover()(&a, &a); /* one counter passed twice: the C adds it to itself, then zeroes it */
	if (a.n != 0)
		return 4;
	install(&h);
	h.fn(NULL, 1);
	h.fn(&b, 6);
	if (b.n != 6 || bump_twice(&b) != 9)
		return 5;
	if (apply(0, 1, 2) != 3 || apply(1, 1, 2) != 2 || apply_bump(10, 5) != 15)
		return 6;
	return 0;
}
