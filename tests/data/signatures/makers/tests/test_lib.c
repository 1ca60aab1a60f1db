#include "lib.h"

static struct item xs[3] = {{1}, {2}, {3}};
static char nm[4] = "abc";

int main(void)
{
	struct list l = {nm, xs, 3, 0};
	int bad = 0;

	bad |= list_probe(&l, 5) != 10 || l.last != 10;
	list_bump(&l);
	bad |= (xs[0].v != 2 || l.last != 2) << 1;
	bad |= (list_total(&l) != 7 || l.last != 7) << 2;
	list_mark(&l, 'X');
	bad |= (nm[0] != 'X' || l.last != 7) << 3;
	l.name = (char *)&l.last; /* name into the struct itself: still right, as list_mark stays raw */
	list_mark(&l, 9);
	bad |= (*(char *)&l.last != 9) << 4;
	return bad;
}
