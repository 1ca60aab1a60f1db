#include <shim.h>

void tally_add(struct tally *t, int v)
{
	t->count++;
	t->total += (unsigned)v;
	t->last = (wide_t)v;
}

int tally_count(const struct tally *t)
{
	return t->count;
}

void wide_set(wide_t *w, wide_t v)
{
	*w = v;
}

int handle_given(struct handle *h)
{
	return h != 0;
}

unsigned char mix_all(unsigned char crc, const unsigned char *buf, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		crc = mix8(crc, buf[i]);
	return crc;
}

int peek_twice(int x)
{
	return peek(&x) * 2;
}
