// SPDX-License-Identifier: GPL-2.0
#include "kbitmap.h"

int ilog2_u64(u64 v)
{
	return fls64(v) - 1;
}

unsigned long roundup_pow_of_two(unsigned long n)
{
	if (n <= 1)
		return 1;
	return 1UL << (BITS_PER_LONG - __builtin_clzl(n - 1));
}

unsigned int hweight8(unsigned int w)
{
	unsigned int res = w - ((w >> 1) & 0x55);

	res = (res & 0x33) + ((res >> 2) & 0x33);
	return (res + (res >> 4)) & 0x0F;
}

u32 reciprocal_value(u32 d)
{
	u64 m;
	int l;

	l = fls(d - 1);
	m = ((1ULL << 32) * ((1ULL << l) - d));
	m /= d;
	++m;
	return (u32)m;
}
