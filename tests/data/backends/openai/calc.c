#include <stdint.h>

#define SCALE 3

struct acc {
	uint32_t total;
	uint32_t count;
};

uint32_t scale(uint32_t x)
{
	return x * SCALE;
}

void acc_add(struct acc *a, uint32_t x)
{
	a->total += scale(x);
	a->count++;
}
