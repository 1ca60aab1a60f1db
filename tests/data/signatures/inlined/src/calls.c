/* every function keeps a reference parameter across a helper's call (helpers.h, outside SRC) */
#include "helpers.h"

const byte_t mix_table[16] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3};
int helper_calls;
void (*helper_hook)(void);

uint64_t rotated(uint64_t *acc, unsigned int s)
{
	*acc = rot64(*acc, s);
	return *acc ^ 1;
}

byte_t mixed(byte_t *acc, byte_t b)
{
	*acc = mix_byte(*acc, b);
	return *acc;
}

int bumped(int *n)
{
	*n = counted(*n);
	return *n;
}

int hooks(int *n)
{
	*n = hooked(*n + 1);
	return *n;
}

uint32_t stored(uint32_t *out, uint32_t v)
{
	uint32_t tmp = 0;
	*out = v;
	store32(v + 1, &tmp);
	return *out + tmp;
}

uint32_t loaded(uint32_t *out, uint32_t v)
{
	uint32_t in = v * 3;
	*out = load32(&in);
	return *out + 1;
}
