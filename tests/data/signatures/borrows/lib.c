#include "lib.h"

int sum(const int *a, int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += a[i];
	return s;
}

void scale(int *a, unsigned n, int k)
{
	unsigned i;
	for (i = 0; i < n; i++)
		a[i] *= k;
}

void divide(unsigned a, unsigned b, unsigned *q)
{
	if (b == 0) {
		*q = 0;
		return;
	}
	*q = a / b;
}

void add_to(struct acc *acc, int v)
{
	acc->sum += v;
	acc->count++;
}

void add_all(struct acc *acc, const int *v, int n)
{
	add_to(acc, 0);
	acc->count--;
	for (int i = 0; i < n; i++)
		add_to(acc, v[i]);
}

unsigned quotient(unsigned a, unsigned b)
{
	unsigned q;

	divide(a, b, &q);
	return q;
}

unsigned halve(unsigned x)
{
	divide(x, 2, &x);
	return x;
}

int total(const int *a, int n)
{
	return sum(a, n) + sum(a, n / 2);
}
