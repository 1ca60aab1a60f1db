// SPDX-License-Identifier: GPL-2.0
/* Bitmap operations in the style of lib/bitmap.c and lib/find_bit.c, written from scratch. */
#include <string.h>
#include "kbitmap.h"

bool test_and_set_bit(unsigned int nr, unsigned long *addr)
{
	unsigned long mask = BIT_MASK(nr);
	unsigned long *p = addr + BIT_WORD(nr);
	unsigned long old = *p;

	*p = old | mask;
	return (old & mask) != 0;
}
EXPORT_SYMBOL(test_and_set_bit);

void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	unsigned int len = BITS_TO_LONGS(nbits) * sizeof(unsigned long);

	memset(dst, 0, len);
}

void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	unsigned int nlongs = BITS_TO_LONGS(nbits), len = nlongs * sizeof(unsigned long);

	memset(dst, 0xff, len);
	if (nbits % BITS_PER_LONG)
		dst[nlongs - 1] = BITMAP_LAST_WORD_MASK(nbits);
}

static unsigned long _find_next(const unsigned long *addr, unsigned long nbits,
				unsigned long start, unsigned long invert)
{
	unsigned long tmp;

	if (unlikely(start >= nbits))
		return nbits;
	tmp = addr[start / BITS_PER_LONG] ^ invert;
	tmp &= BITMAP_FIRST_WORD_MASK(start);
	start -= start % BITS_PER_LONG;
	while (!tmp) {
		start += BITS_PER_LONG;
		if (start >= nbits)
			return nbits;
		tmp = addr[start / BITS_PER_LONG] ^ invert;
	}
	return min(start + __ffs(tmp), nbits);
}

unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{
	return _find_next(addr, size, offset, 0UL);
}
EXPORT_SYMBOL(find_next_bit);

unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	unsigned long idx;

	for (idx = 0; idx * BITS_PER_LONG < size; idx++) {
		if (addr[idx])
			return min(idx * BITS_PER_LONG + __ffs(addr[idx]), size);
	}
	return size;
}
EXPORT_SYMBOL(find_first_bit);

unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size)
{
	return _find_next(addr, size, 0, ~0UL);
}

unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	if (size) {
		unsigned long val = BITMAP_LAST_WORD_MASK(size);
		unsigned long idx = (size - 1) / BITS_PER_LONG;

		do {
			val &= addr[idx];
			if (val)
				return idx * BITS_PER_LONG + BITS_PER_LONG - 1 - __builtin_clzl(val);
			val = ~0ul;
		} while (idx--);
	}
	return size;
}

unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int k, lim = nbits / BITS_PER_LONG, w = 0;

	for (k = 0; k < lim; k++)
		w += hweight_long(src[k]);
	if (nbits % BITS_PER_LONG)
		w += hweight_long(src[k] & BITMAP_LAST_WORD_MASK(nbits));
	return w;
}

bool bitmap_and(unsigned long *dst, const unsigned long *a, const unsigned long *b, unsigned int nbits)
{
	unsigned int k, lim = nbits / BITS_PER_LONG;
	unsigned long result = 0;

	for (k = 0; k < lim; k++)
		result |= (dst[k] = a[k] & b[k]);
	if (nbits % BITS_PER_LONG)
		result |= (dst[k] = a[k] & b[k] & BITMAP_LAST_WORD_MASK(nbits));
	return result != 0;
}

void bitmap_or(unsigned long *dst, const unsigned long *a, const unsigned long *b, unsigned int nbits)
{
	unsigned int k, nr = BITS_TO_LONGS(nbits);

	for (k = 0; k < nr; k++)
		dst[k] = a[k] | b[k];
}

bool bitmap_equal(const unsigned long *a, const unsigned long *b, unsigned int nbits)
{
	unsigned int k, lim = nbits / BITS_PER_LONG;

	for (k = 0; k < lim; ++k)
		if (a[k] != b[k])
			return false;
	if (nbits % BITS_PER_LONG)
		if ((a[k] ^ b[k]) & BITMAP_LAST_WORD_MASK(nbits))
			return false;
	return true;
}

void bitmap_set(unsigned long *map, unsigned int start, int len)
{
	unsigned long *p = map + BIT_WORD(start);
	const unsigned int size = start + len;
	int bits_to_set = BITS_PER_LONG - (start % BITS_PER_LONG);
	unsigned long mask_to_set = BITMAP_FIRST_WORD_MASK(start);

	while (len - bits_to_set >= 0) {
		*p |= mask_to_set;
		len -= bits_to_set;
		bits_to_set = BITS_PER_LONG;
		mask_to_set = ~0UL;
		p++;
	}
	if (len) {
		mask_to_set &= BITMAP_LAST_WORD_MASK(size);
		*p |= mask_to_set;
	}
}

void bitmap_clear(unsigned long *map, unsigned int start, int len)
{
	unsigned long *p = map + BIT_WORD(start);
	const unsigned int size = start + len;
	int bits_to_clear = BITS_PER_LONG - (start % BITS_PER_LONG);
	unsigned long mask_to_clear = BITMAP_FIRST_WORD_MASK(start);

	while (len - bits_to_clear >= 0) {
		*p &= ~mask_to_clear;
		len -= bits_to_clear;
		bits_to_clear = BITS_PER_LONG;
		mask_to_clear = ~0UL;
		p++;
	}
	if (len) {
		mask_to_clear &= BITMAP_LAST_WORD_MASK(size);
		*p &= ~mask_to_clear;
	}
}

void bitmap_shift_left(unsigned long *dst, const unsigned long *src, unsigned int shift, unsigned int nbits)
{
	int k;
	unsigned int lim = BITS_TO_LONGS(nbits);
	unsigned int off = shift / BITS_PER_LONG, rem = shift % BITS_PER_LONG;

	for (k = lim - off - 1; k >= 0; --k) {
		unsigned long upper, lower;

		if (rem && k > 0)
			lower = src[k - 1] >> (BITS_PER_LONG - rem);
		else
			lower = 0;
		upper = src[k] << rem;
		dst[k + off] = lower | upper;
	}
	if (off)
		memset(dst, 0, off * sizeof(unsigned long));
}

unsigned long bitmap_find_free_region(unsigned long *map, unsigned int bits, int order)
{
	unsigned int pos, end, i;

	for (pos = 0; (end = pos + (1U << order)) <= bits; pos = end) {
		for (i = pos; i < end; i++)
			if (test_bit(i, map))
				break;
		if (i == end) {
			bitmap_set(map, pos, 1 << order);
			return pos;
		}
	}
	return -12UL;
}
