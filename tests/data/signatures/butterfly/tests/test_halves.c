#include "halves.h"

int main(void)
{
	static const int folded[16] = {60, 68, 70, 62, 94, 54, 56, -32, 246, 94, 96, -136, 152, -176, -174, -614};
	unsigned short t[LEVELS];
	int x[16], i, sum = 0;

	level_table(t, 7);
	for (i = 0; i < LEVELS; i++)
		sum = (sum * 31 + t[i]) & 0xffff;
	if (t[0] != 7 || t[16] != (7 ^ 22) || sum != 3840)
		return 1;
	for (i = 0; i < 16; i++)
		x[i] = i * i - 5;
	pair_fold16(x);
	for (i = 0; i < 16; i++)
		if (x[i] != folded[i])
			return 2;
	return 0;
}
