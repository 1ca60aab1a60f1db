#include "halves.h"

void level_table(unsigned short t[LEVELS], unsigned short seed)
{
	int half, base;
	unsigned short step = seed | 1;

	t[0] = seed;
	for (half = LEVELS / 2; half; half >>= 1) {
		step = (unsigned short)(step * 3 + 1);
		for (base = 0; base < LEVELS; base += 2 * half)
			t[base + half] = (unsigned short)(t[base] ^ step);
	}
}

void pair_fold16(int x[16])
{
	int h, j;

	for (h = 8; h > 0; h /= 2) {
		for (j = 0; j < 16; j += h << 1) {
			int a = x[j], b = x[j + h];

			x[j] = a + b;
			x[j + h] = a - b;
		}
	}
}
