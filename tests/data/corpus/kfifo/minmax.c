// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include "kfifo.h"

int clamp_int(int v, int lo, int hi)
{
	return clamp(v, lo, hi);
}

unsigned long clamp_ul(unsigned long v, unsigned long lo, unsigned long hi)
{
	if (unlikely(lo > hi))
		swap(lo, hi);
	return clamp(v, lo, hi);
}

unsigned int round_up_u(unsigned int x, unsigned int align)
{
	return round_up(x, align);
}

void sort_pair(long *a, long *b)
{
	if (*a > *b)
		swap(*a, *b);
}

int min_of3(int a, int b, int c)
{
	return min(min(a, b), c);
}

size_t copy_bounded(char *dst, size_t dstlen, const char *src, size_t srclen)
{
	size_t n;

	if (!dstlen)
		return 0;
	n = min_t(size_t, dstlen - 1, srclen);
	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}
