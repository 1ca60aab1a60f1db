#include <stdio.h>

typedef unsigned short u16;
unsigned long wide_utf8size(const u16 *src);
int wide_count(const int *v, int *out);

int main(void)
{
	static const u16 empty[] = {0}, text[] = {'a', 0x100, 0x900, 'b', 0, 'z'};
	int a[4] = {5, 6, 0, 9}, b[3] = {4, 0, 0}, r = -1, x, y, z;

	printf("%lu %lu\n", wide_utf8size(empty), wide_utf8size(text));
	x = wide_count(a, &r);		/* apart: the Rust runs */
	y = wide_count(a, &a[3]);	/* past the zero: apart too */
	z = wide_count(b, &b[1]);	/* out is the zero itself: the C original runs */
	printf("%d %d %d %d %d %d %d\n", x, r, y, a[3], z, b[0], b[1]);
	return !(x == 7 && r == 2 && y == 7 && a[3] == 2 && z == 5 && b[1] == 1);
}
