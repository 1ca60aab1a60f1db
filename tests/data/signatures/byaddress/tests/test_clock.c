/* Calls lib's static functions through their addresses from outside SRC, with disjoint and with
 * overlapping pointers (the adapter then runs the C original), and prints what they did. */
#include <stdio.h>
#include "clock.h"

int main(void)
{
	struct clock a = { 7, 30 }, b = { 9, 0 };
	int k = 5, m = 2;
	struct node x = { 1, 0 }, y = { 2, &x };

	clock_op(0)(&a, &b, &k);		/* apart: the Rust runs */
	printf("%d %d %d\n", a.hour, a.min, k);
	clock_op(0)(&b, &b, &b.hour);		/* num is b's own hour: the C original runs */
	printf("%d %d\n", b.hour, b.min);
	clock_op(1)(&a, &a, &m);
	printf("%d %d %d\n", a.hour, a.min, m);
	clock_op(1)(&a, 0, &a.min);		/* num is a's own minutes */
	printf("%d %d\n", a.hour, a.min);
	printf("%d %d\n", run_op(0, 3, 4), run_op(1, 23, 2));
	ticker()(&a, &a.min);
	printf("%d %d %d\n", a.hour, a.min, tick_own(&b));
	x.next = &x;
	peeker()(&y, &m);
	peeker()(&x, &x.v);			/* out is the node itself, reached through next too */
	printf("%d %d %d\n", m, y.v, x.v);
	/* what gcc's build of the C prints: the Rust library must do the same */
	return !(k == 0 && b.hour == 27 && b.min == 27 && a.hour == 20 && a.min == 56 && m == 1 && y.v == 2 &&
		 x.v == 2 && run_op(0, 3, 4) == 408 && run_op(1, 23, 2) == 106 && tick_own(&b) == 54);
}
