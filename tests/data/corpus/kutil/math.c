// SPDX-License-Identifier: GPL-2.0
/* 128-bit products, logarithms and hashing in the style of include/linux/math64.h and log2.h. */
#include "kutil.h"

int __ilog2_u64(u64 n)
{
	return 63 - __builtin_clzll(n);
}

int order_base_2(unsigned long n)
{
	if (n <= 1)
		return 0;
	return is_power_of_2(n) ? ilog2(n) : ilog2(n - 1) + 1;
}
EXPORT_SYMBOL(order_base_2);

u128 mul_u64_full(u64 a, u64 b)
{
	return (u128)a * b;
}

u64 mul_u64_u64_shr(u64 a, u64 b, unsigned int shift)
{
	u128 p = mul_u64_full(a, b);

	if (shift >= 128)
		return 0;
	return (u64)(p >> shift);
}
EXPORT_SYMBOL(mul_u64_u64_shr);

#define GOLDEN_RATIO_32 0x61C88647

u32 hash_32(u32 val, unsigned int bits)
{
	if (__builtin_constant_p(bits) && bits == 0)
		return 0;
	return val * GOLDEN_RATIO_32 >> (32 - bits);
}

long grid_walk(const int (*g)[GRID], int rows)
{
	long acc = 0;
	const int (*row)[GRID];

	for (row = g; row < g + rows; row++)
		for (int j = 0; j < GRID; j++)
			acc = acc * 3 + (*row)[j];
	return acc;
}
