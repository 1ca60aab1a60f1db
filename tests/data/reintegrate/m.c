#include <stdint.h>
typedef uint64_t u64;

int calls;

static u64 helper(u64 x)
{
	return x * 2;
}

u64 twice(u64 x)
{
	calls++;
	return helper(x);
}

u64 add(u64 a, u64 b)
{
	return a + b;
}
