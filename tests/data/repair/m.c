#include <stdint.h>

uint64_t first(uint64_t x)
{
	return x + 1;
}

uint64_t second(uint64_t x)
{
	return x + 2;
}

uint64_t third(uint64_t x)
{
	return first(x) + second(x);
}
