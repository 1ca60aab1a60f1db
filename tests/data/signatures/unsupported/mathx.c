/* Ordinary functions next to ones whose signatures Rust cannot express with the same C ABI. */
#include <complex.h>

int add(int a, int b)
{
	return a + b;
}

int twice(int a)
{
	return add(a, a);
}

long double ld_scale(long double x, int k)
{
	long double r = x;
	for (int i = 0; i < k; i++)
		r *= 2.0L;
	return r;
}

double cnorm(_Complex double z)
{
	return creal(z) * creal(z) + cimag(z) * cimag(z);
}

/* Calls ld_scale, so it can only call it from C. */
double use_ld(double x)
{
	return (double)ld_scale((long double)x, 3);
}

static long double ld_half(long double x)
{
	return x / 2;
}

/* A pointer to long double is only a pointer: this one translates. */
int ld_is_null(const long double *p)
{
	return p == 0;
}

double half(double x)
{
	return (double)ld_half(x);
}
