#include <stddef.h>
#include "lib.h"

int main(void)
{
	unsigned char store[4];
	buf b = {store, 0, sizeof store};
	struct node second = {7, NULL}, first = {3, &second};
	struct cfg c = {2, 1};
	int x = 5, lo = 0, hi = 0, a[3] = {1, 2, 3};

	buf_put(&b, 'a');
	buf_put(&b, 'b');
	if (buf_len(&b) != 2 || store[1] != 'b')
		return 1;
	buf_reset(&b);
	buf_reset(NULL);
	if (buf_len(&b) != 0)
		return 2;
	if (node_value(&first) != 3 || node_value(NULL) != -1 || node_next_value(&first) != 7 ||
	    node_next_value(&second) != -1)
		return 3;
	if (get_or(&x, 1) != 5 || get_or(NULL, 1) != 1 || call_getter(&x) != 5 || call_getter(NULL) != 7)
		return 4;
	set_if(&x, 9);
	set_if(NULL, 9);
	set_both(&lo, &hi, 10);
	set_both(NULL, &hi, 20);
	if (x != 9 || lo != 9 || hi != 21)
		return 5;
	set_twice(&lo, 30);
	set_twice(NULL, 30);
	if (lo != 31)
		return 9;
	clear(&lo);
	if (lo != 0)
		return 10;
	if (apply(&c, 4) != 9)
		return 6;
	remember(&x);
	if (recall() != 10)
		return 7;
	if (last_of(a, 3) != 9)
		return 8;
	return 0;
}
