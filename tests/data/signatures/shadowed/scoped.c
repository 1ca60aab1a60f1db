/* Names declared again in inner blocks: each use reads the variable in scope where it stands
 * (signatures/scopes.py), so the printf and ctype checks see its own type and these are safe fns. */
#include <ctype.h>
#include <stdio.h>

int inner_print(int k)
{
	{
		long x = 1L << 40;
		(void)x;
	}
	{
		int x = k * 3;
		printf("%d\n", x);
		return x;
	}
}

int both(long x)
{
	{
		int x = 2;
		printf("%d\n", x);
	}
	printf("%ld\n", x);
	return (int)(x % 7);
}

int outer_char(int k)
{
	char c = (char)('a' + k);
	{
		int c = 300;
		(void)c;
	}
	return isalpha(c) != 0;
}
