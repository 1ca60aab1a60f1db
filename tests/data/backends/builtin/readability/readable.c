// SPDX-License-Identifier: MIT
/*
 * Readability cases: comments carried over, idiomatic tails, no redundant parentheses.
 */

/*
 * clamp_add - add, then clamp to a limit
 *
 * The limit wins when the sum passes it.
 */
int clamp_add(int a, int b, int limit)
{
	/* the sum first */
	int s = a + b;

	// then the clamp
	if (s > limit)
		s = limit; /* clamped */
	return s;
}

/* TODO: a faster way exists; this one is exact. */
unsigned first_byte(const unsigned char *p)
{
	return *p;
}

void store(int *out, int v)
{
	*out = v;
	return;
}

int paren_mix(int a, int b, int c)
{
	int x = (a + b) * c;
	int y = a + (b * c);
	int z = ((a));
	if ((a > b) && (b > c))
		z = (z + 1);
	return (x - (y - z)) + ((a << 2) + 1);
}

int second(const int *p, int k)
{
	return p[k + 1];
}

int deferred(int c, int n)
{
	int i, sum, sign, maybe = 5;

	sum = 0;
	for (i = 0; i < n; i++)
		sum += i;
	if (c)
		sign = 1;
	else
		sign = -1;
	if (n > 3)
		maybe = 3;
	return sum * sign + maybe;
}

typedef int (*hook)(int);

int call_hook(hook h, const int *v, unsigned long i)
{
	if (h != 0)
		return h(v[i]);
	return v[i + 1];
}

#include <stddef.h>

int at_size(const int *v, size_t i)
{
	return v[i] + *(v + i) + *(v - i);
}

#include <stdio.h>

void say(const char *m)
{
	fputs(m, stderr);
}

double half(double x)
{
	return x / 2;
}

long span(const char *a, const char *b)
{
	return b - a;
}
