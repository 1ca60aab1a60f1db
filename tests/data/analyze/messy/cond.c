#include "compat.h"

#ifdef CONFIG_FAST
static u32 pick(u32 a)
{
	return a << 1;
}
#else
static u32 pick(u32 a)
{
	return a + a;
}
#endif

#if defined(CONFIG_DEBUG) && CONFIG_DEBUG > 1
#define DEBUG_LEVEL 2
u32 debug_only(u32 v)
{
	return pick(v) + DEBUG_LEVEL;
}
#elif defined(CONFIG_DEBUG)
#define DEBUG_LEVEL 1
#endif

u32 always(u32 v)
{
#ifdef CONFIG_FAST
	return pick(v);
#else
	return pick(v) + 1;
#endif
}
