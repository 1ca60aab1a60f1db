#include "bag.h"
#include "lines.h"

int main(void)
{
	bag *b = bag_new(3);
	int a[2 * WIDTH], wide[5] = {1, 2, 3, 4, 5};

	if (!b || bag_cap(b) != 3 || bag_add(b, 7) != 1 || bag_add(b, 8) != 2 || bag_get(b, 1) != 8)
		return 1;
	bag_clear(b);
	if (bag_get(b, 0) != -1)
		return 2;
	bag_free(b);
	fill(a, 10);
	if (a[0] != 10 || a[3] != 13 || sum4(a) != 46)
		return 3;
	if (last_past(wide) != 6 || sum_first(wide) != 11)
		return 4;
	FILE *f = tmpfile();
	if (!f || put_two(f, 9) != 5 || count_lines(NULL) != -1)
		return 5;
	rewind(f);
	if (count_lines(f) != 2 || skip_to_end(f) != 5)
		return 6;
	fclose(f);
	return 0;
}
