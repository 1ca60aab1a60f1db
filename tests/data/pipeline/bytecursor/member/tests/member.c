#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "../member.h"

/* the same by index over a copy of the bytes, little-endian words (the machine's order) */
static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

static uint32_t ref32(const struct acc32 *s)
{
	uint8_t b[16];
	size_t i = 0;
	uint32_t h = s->v + s->total;
	memcpy(b, s->tail, sizeof b);
	for (; i + 4 <= s->used; i += 4)
		h = (h ^ le32(b + i)) * 2654435761u;
	for (; i < s->used; i++)
		h = (h + b[i]) * 16777619u;
	return h ^ (h >> 13);
}

static uint64_t ref64(const struct acc64 *s)
{
	uint8_t b[16];
	size_t i = 0;
	uint64_t h = s->v;
	memcpy(b, s->tail, sizeof b);
	if (i + 8 <= s->used) {
		h ^= (uint64_t)le32(b) * 11400714785074694791u;
		h += le32(b + 4);
		i = 8;
	}
	for (; i < s->used; i++)
		h = (h ^ b[i]) * 1099511628211u;
	return h;
}

int main(void)
{
	int bad = 0;
	for (uint32_t used = 0; used <= 16; used++) {
		for (uint32_t seed = 0; seed < 3; seed++) {
			struct acc32 a = {seed * 7 + used, 0x9e3779b9u * seed, {0}, used};
			struct acc64 c = {0xcbf29ce484222325u ^ seed, {0}, (uint16_t)used};
			for (int k = 0; k < 4; k++)
				a.tail[k] = 0x01020304u * (k + 1) + seed * 0x11111111u;
			c.tail[0] = 0x0102030405060708u + seed;
			c.tail[1] = 0xf0e0d0c0b0a09080u ^ seed;
			uint32_t h = finish32(&a);
			uint64_t g = finish64(&c);
			bad |= h != ref32(&a) || g != ref64(&c);
			printf("%u %u %08x %016llx\n", used, seed, h, (unsigned long long)g);
		}
	}
	/* the raw ones */
	struct acc32 a = {0, 0, {0x01020304u, 0x00ff0000u, 7, 9}, 10};
	printf("%td %u\n", tail_end(&a) - (const uint8_t *)a.tail, inner_start(&a));
	clear_tail(&a);
	printf("%u %u %u\n", a.tail[0], a.tail[1], a.tail[2]);
	struct floaty f = {{1.5f, -2.0f, 0.25f, 3.0f}, 12};
	printf("%u\n", float_bytes(&f));
	printf("%s\n", bad ? "FAIL" : "ok");
	return bad;
}
