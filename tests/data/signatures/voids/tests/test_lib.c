#include <assert.h>
#include <stdio.h>
#include "lib.h"

int main(void)
{
	struct point pts[] = { {3, 1}, {1, 2}, {3, 0}, {-2, 5}, {1, 1} };
	sort_points(pts, 5);
	for (int i = 0; i < 5; i++)
		printf("(%d,%d) ", pts[i].x, pts[i].y);
	int v[] = { 5, -1, 9, 0, 5, 3 };
	sort_ints(v, 6);
	for (int i = 0; i < 6; i++)
		printf("%d ", v[i]);
	unsigned char buf[] = "checksum";
	printf("\n%u %u %u\n", checksum(buf, 8), checksum(buf, 0), twice_checksum(buf, 3));
	printf("%ld\n", sum_all(v, 6));
	struct acc a = { 7, 7 };
	reset_acc(&a);
	int r1 = add_checked(&a, 5), r2 = add_checked(NULL, 1), r3 = add_checked(&a, -1);
	printf("%d %d %d %ld\n", r1, r2, r3, a.sum);
	reset_acc(&a);
	long wide = 1L << 40;
	int narrow = 12;
	struct box b;
	keep(&b, &a);
	forward(b.item);
	printf("%ld %d %ld %ld %d %d\n", a.sum, a.count, first_of(&wide, 1), first_of(&narrow, 0),
	       same(&a, &a), same(&a, &b));
	assert(pts[0].x == -2 && pts[1].y == 1 && v[0] == -1 && v[5] == 9);
	assert(sum_all(v, 6) == 21006);
	return 0;
}
