#include <stdint.h>
#include <stddef.h>
#include "loads.h"

uint32_t stripes(const void *input, size_t len, uint32_t seed)
{
	/* cursors compared with ends, the flow analysis's shape (rule byte-cursor): stripes of 16 bytes
	   while 16 remain (the limit only under len >= 16), words while 4 remain, then single bytes */
	const uint8_t *p = (const uint8_t *)input;
	const uint8_t *const stop = p + len;
	uint32_t h;

	if (len >= 16) {
		const uint8_t *const limit = stop - 16;
		uint32_t a = seed + 101, b = seed ^ 0x5bd1e995u, c = seed, d = seed - 7;

		do {
			a = (a ^ get32(p)) * 2246822519u;
			p += 4;
			b = (b + get32(p)) * 3266489917u;
			p += 4;
			c = (c ^ get32(p)) * 668265263u;
			p += 4;
			d = (d + get32(p)) * 374761393u;
			p += 4;
		} while (p <= limit);
		h = a + (b << 3) + (c >> 5) + d;
	} else {
		h = seed * 31 + 17;
	}
	h += (uint32_t)len;
	while (p + 4 <= stop) {
		h = (h + get32(p) * 3266489917u) * 668265263u;
		p += 4;
	}
	while (p < stop) {
		h = (h ^ *p) * 2654435761u;
		p++;
	}
	return h ^ (h >> 15);
}

uint32_t pairs(const uint8_t *data, size_t n)
{
	/* the parameter itself is the cursor, 8-byte steps under n >= 8, then bytes by index */
	const uint8_t *end = data + n;
	uint32_t h = 2166136261u;

	if (n >= 8) {
		const uint8_t *last = end - 8;
		while (data <= last) {
			h = (h ^ get32(data)) * 16777619u + data[5];
			data += 8;
		}
	}
	for (; data < end; data += 1)
		h = (h ^ data[0]) * 16777619u;
	return h;
}

/* the limit with no guard: a 16-byte stripe read before any test, on any len */
uint32_t unguarded(const void *input, size_t len)
{
	const uint8_t *p = (const uint8_t *)input;
	const uint8_t *const limit = p + len - 16;
	uint32_t h = 1;

	do {
		h = h * 33 + get32(p) + get32(p + 12);
		p += 16;
	} while (p <= limit);
	return h;
}

/* a step past the end test: p[1] read where only one byte is known left */
uint32_t skipping(const void *input, size_t len)
{
	const uint8_t *p = (const uint8_t *)input;
	const uint8_t *const stop = p + len;
	uint32_t h = 7;

	while (p < stop) {
		h = h * 31 + p[1];
		p += 2;
	}
	return h;
}

/* written through its cursor: not a const buffer, stays raw */
void scramble(uint8_t *buf, size_t len)
{
	uint8_t *p = buf;
	uint8_t *const stop = p + len;

	while (p < stop) {
		*p ^= 0x5a;
		p++;
	}
}

int32_t signed_sum(const char *s, size_t n)
{
	/* a char cursor: its bytes are read signed (as C reads a char here) */
	const char *p = s;
	const char *const end = s + n;
	int32_t t = 0;

	while (p < end) {
		t = t * 3 + *p;
		if (p + 2 <= end)
			t -= p[1];
		p++;
	}
	return t;
}

int32_t signed_void(const void *in, size_t n)
{
	/* a signed char cursor over a void buffer (a slice of u8): each byte read signed */
	const signed char *p = in;
	const signed char *const end = p + n;
	int32_t t = 5;

	for (; p < end; p++)
		t = t * 7 - *p;
	return t;
}

uint32_t char_words(const char *s, size_t n)
{
	/* 4-byte windows of a char buffer: a slice of i8 has no from_ne_bytes, so it stays raw */
	const char *p = s;
	const char *const end = p + n;
	uint32_t h = 0;

	while (p + 4 <= end) {
		h = h * 31 + get32(p);
		p += 4;
	}
	return h;
}

int32_t mixed(const uint8_t *data, size_t n)
{
	/* a char cursor over a u8 buffer: the slice is of u8, each byte read as C reads a char (signed) */
	const char *p = (const char *)data;
	const char *const end = p + n;
	int32_t t = 5;

	for (; p < end; p++)
		t = t * 7 - *p + (p + 2 <= end ? p[1] : 0);
	return t;
}
