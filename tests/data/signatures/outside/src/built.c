/* A body built by macros (a statement macro without its `;`), one defined twice: the compiler reads one. */
#include <shim.h>

#ifdef NEVER_DEFINED
#define START(n) int acc = 0;
#else
#define START(n) int acc = (n); acc += t->total;
#endif
#define FINISH return acc * 2;

int doubled(struct tally *t, int n)
{
	START(n)
	t->count++;
#ifdef NEVER_DEFINED
	acc += (__force int)(t->total);
#endif
	FINISH
}
