#include <string.h>
#include "mix.h"

static uint32_t mix_rotl(uint32_t x, int r)
{
	return (x << r) | (x >> (32 - r));
}

void mix_reset(struct mix_state *s, uint32_t seed)
{
	int i;

	s->total = 0;
	s->used = 0;
	s->acc = seed;
	for (i = 0; i < 4; i++)
		s->mem[i] = 0;
}

int mix_update(struct mix_state *s, const unsigned char *src, size_t n)
{
	int i;

	if (s->used > 16 || n > 16 - s->used)
		return -1;
	s->total += (uint32_t)n;
	memcpy((uint8_t *)s->mem + s->used, src, n);
	s->used += (uint32_t)n;
	if (s->used == 16) {
		for (i = 0; i < 4; i++)
			s->acc = mix_rotl(s->acc ^ s->mem[i], 5) * 2654435761u;
		s->used = 0;
	}
	return 0;
}

int mix_load(struct mix_state *s, const unsigned char *src, size_t n)
{
	if (n > sizeof(s->mem))
		return -1;
	memcpy(s->mem, src, n);
	s->used = (uint32_t)n;
	return 0;
}

uint32_t mix_digest(const struct mix_state *s)
{
	return s->acc ^ s->total ^ (s->used << 24);
}
