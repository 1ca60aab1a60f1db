#include <stddef.h>
#include "lib.h"

int main(void)
{
	int v[5] = {1, -2, 3, 40, 5};
	unsigned q = 7;
	struct acc acc = {0, 0};

	if (sum(v, 5) != 47 || sum(v, 0) != 0 || sum(NULL, 0) != 0 || sum(v, -3) != 0)
		return 1;
	scale(v, 5, -3);
	if (v[0] != -3 || v[3] != -120 || sum(v, 5) != -141)
		return 2;
	scale(NULL, 0, 9);
	divide(17, 5, &q);
	if (q != 3)
		return 3;
	divide(17, 0, &q);
	if (q != 0)
		return 4;
	add_to(&acc, 5);
	add_all(&acc, v, 5);
	if (acc.sum != 5 - 141 || acc.count != 6)
		return 5;
	if (total(v, 5) != -141 + 3)
		return 6;
	if (quotient(100, 7) != 14 || quotient(1, 0) != 0)
		return 7;
	if (halve(9) != 4)
		return 8;
	return 0;
}
