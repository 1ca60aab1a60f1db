#include "compat.h"

u32 before(u32 x)
{
	return x + 1;
}

u32 damaged(u32 x)
{
	u32 y = x +* ;
	return before(y) @ 2;
}

u32 after(u32 x)
{
	return damaged(x) + before(x);
}
