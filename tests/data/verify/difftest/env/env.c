#include <stdlib.h>
#include <time.h>
#include "env.h"

/* Leaks what it allocates, as kfifo_alloc does when nobody frees the fifo. */
int grab(unsigned int mb)
{
	char *p = malloc((size_t)mb << 20);

	if (p)
		p[0] = 1;
	return p != NULL;
}

int grab_free(unsigned int mb)
{
	char *p = malloc((size_t)mb << 20);
	int ok = p != NULL;

	free(p);
	return ok;
}

int ilog2_u64(unsigned long long x)
{
	return 63 - __builtin_clzll(x);
}

unsigned int weight(const unsigned long *map, unsigned int nbits)
{
	unsigned int k, w = 0;

	for (k = 0; k < nbits / 64; k++)
		w += (unsigned int)__builtin_popcountl(map[k]);
	return w;
}

int at(const int *a, int i)
{
	return a[i];
}

unsigned long spin(unsigned int rounds)
{
	unsigned long acc = 1;
	unsigned int i;

	for (i = 0; i < rounds; i++)
		acc = acc * 6364136223846793005UL + i;
	return acc;
}

int slow(int n)
{
	return n;
}

/* Takes 0.7 s on input 1 (the crate's never returns there): near enough to the watchdog that a Rust run past
   it shows no more than a slower Rust. */
int near_limit(int n)
{
	if (n == 1) {
		struct timespec t = { 0, 700000000 };

		nanosleep(&t, NULL);
	}
	return n;
}
