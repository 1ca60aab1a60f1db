#include "opt.h"
#include "self.h"

/* Twins: the compiler builds the second (config.h defines WANT_FAST to 1). */
#if WANT_FAST == 0
int scale(int x)
{
	return x * 2;
}
#else
int scale(int x)
{
	return x << 1;
}
#endif

#ifdef WANT_SLOW
static int slow_helper(int x)
{
	return x;
}
int slow_total;
#endif

int use_scale(int x)
{
	return scale(x) + self_fn();
}
