/* Bit twiddling. */
#include "numeric.h"

int popcount32(uint32_t x)
{
	x = x - ((x >> 1) & 0x55555555);
	x = (x & 0x33333333) + ((x >> 2) & 0x33333333);
	x = (x + (x >> 4)) & 0x0F0F0F0F;
	return (x * 0x01010101) >> 24;
}

uint32_t reverse_bits(uint32_t x)
{
	uint32_t r = 0;
	int i;

	for (i = 0; i < 32; i++, x >>= 1)
		r = (r << 1) | (x & 1);
	return r;
}

int is_pow2(unsigned long x)
{
	return x && !(x & (x - 1));
}

uint32_t next_pow2(uint32_t x)
{
	if (x == 0)
		return 1;
	x--;
	x |= x >> 1;
	x |= x >> 2;
	x |= x >> 4;
	x |= x >> 8;
	x |= x >> 16;
	return x + 1;
}

int parity(unsigned int x)
{
	x ^= x >> 16;
	x ^= x >> 8;
	x ^= x >> 4;
	x &= 0xf;
	return (0x6996 >> x) & 1;
}

uint16_t bswap16(uint16_t x)
{
	return (uint16_t)((x << 8) | (x >> 8));
}

uint32_t rotl32(uint32_t x, unsigned r)
{
	r &= 31;
	return (x << r) | (x >> ((32 - r) & 31));
}

int sign_of(int x)
{
	return (x > 0) - (x < 0);
}

int abs_nobranch(int x)
{
	int mask = x >> (sizeof(int) * 8 - 1);

	return (x + mask) ^ mask;
}
