#include "compat.h"

/* café au lait: this comment is Latin-1, not UTF-8 */
u32 latin(u32 x)
{
	return x * 2; /* µs */
}

u32 after_latin(u32 x)
{
	return latin(x) + 1;
}
