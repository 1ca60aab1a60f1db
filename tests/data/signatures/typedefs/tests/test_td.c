#include <stddef.h>
#include "td.h"

static int add(int a, int b) { return a + b; }

int main(void)
{
	struct pt_s a = {2, 5}, b = {7, -1};
	int t[3] = {1, 2, 40};
	triple ts[2] = {{1, 2, 3}, {4, 50, 6}};

	if (pt_get(&a) != 11)
		return 1;
	pt_set(&a, 4);
	if (a.x != 4 || a.y != 9)
		return 2;
	if (pt_bump(&b) != 7 || b.y != 0 || pt_bump(NULL) != -1)
		return 3;
	if (str_len("typedef") != 7 || str_len("") != 0 || str_count("typedef", 'e') != 2)
		return 4;
	pt_keep(&b);
	b.x = 12;
	if (pt_kept_x() != 12)
		return 5;
	double d = 1.5;
	dbl_scale(&d);
	if (d != 18.0)
		return 12;
	if (pt_swap_same(&a) != 9 * 10 + 4)
		return 6;
	pt_swap(&a, &b);
	if (a.x != 0 || b.y != 9)
		return 9;
	pt_swap(&a, &a);
	if (a.x != 4 || a.y != 0)
		return 10;
	if (pt_swap_local(&a) != 4 || a.x != 8)
		return 11;
	if (apply(add, 3, 4) != 7 || triple_sum(t) != 43 || ignore(&a, 8) != 8 || triples_mid(ts, 2) != 52)
		return 7;
	pt_reset(&b);
	if (b.x != 0 || b.y != 9 || pt_twice(5) != 27 + 18)
		return 8;
	return 0;
}
