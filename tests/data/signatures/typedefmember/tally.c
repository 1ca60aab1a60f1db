#include <string.h>
#include "tally.h"

int tally_load(struct tally *t, const unsigned char *src, size_t n)
{
	if (n > sizeof(t->c))
		return -1;
	memcpy(t->c, src, n);
	t->used = (uint32_t)n;
	return 0;
}

void tally_bump(struct tally *t, unsigned k, uint32_t by)
{
	t->c[k & 3u] += by;
}

uint32_t tally_sum(const struct tally *t)
{
	return t->c[0] + t->c[1] * 3u + t->c[2] * 5u + t->c[3] * 7u + t->used;
}
