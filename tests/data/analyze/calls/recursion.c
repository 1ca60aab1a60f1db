#include "api.h"

/* Mutual recursion: one unit for both. */
int is_even(unsigned int n)
{
	return n == 0 ? 1 : is_odd(n - 1);
}

int is_odd(unsigned int n)
{
	return n == 0 ? 0 : is_even(n - 1);
}

/* Self recursion. */
unsigned long fact(unsigned int n)
{
	return n <= 1 ? 1 : n * fact(n - 1);
}
