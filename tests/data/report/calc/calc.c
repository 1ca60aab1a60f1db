#include "calc.h"

int add(int a, int b)
{
	return a + b;
}

int twice(int a)
{
	return add(a, a);
}

long double halve(long double x)
{
	return x / 2;
}
