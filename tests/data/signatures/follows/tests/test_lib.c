#include "lib.h"

int main(void)
{
	struct item xs[2] = {{1}, {2}};
	char nm[4] = "abc";
	struct list l = {nm, xs, 2};

	list_zero(&l);
	if (l.n != 0 || xs[0].v != 0 || xs[1].v != 0)
		return 1;
	list_rename(&l, 'X');
	if (nm[0] != 'X' || l.n != 1)
		return 2;
	l.name = (char *)&l.n; /* name into the struct itself: still right, as list_rename stays raw */
	list_rename(&l, 0);
	return l.n == 1 ? 0 : 3;
}
