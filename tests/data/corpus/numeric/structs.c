/* Rational and complex numbers as structs passed and returned by value. */
#include "numeric.h"

rational rat_make(long n, long d)
{
	rational r;
	long g;

	if (d < 0) {
		n = -n;
		d = -d;
	}
	g = gcd_l(n, d);
	if (g == 0)
		g = 1;
	r.num = n / g;
	r.den = d / g;
	return r;
}

rational rat_add(rational a, rational b)
{
	return rat_make(a.num * b.den + b.num * a.den, a.den * b.den);
}

rational rat_mul(rational a, rational b)
{
	rational r = { a.num * b.num, a.den * b.den };

	return rat_make(r.num, r.den);
}

int rat_cmp(const rational *a, const rational *b)
{
	long l = a->num * b->den, r = b->num * a->den;

	return (l > r) - (l < r);
}

cplx c_add(cplx a, cplx b)
{
	cplx r = { .re = a.re + b.re, .im = a.im + b.im };
	return r;
}

cplx c_mul(cplx a, cplx b)
{
	cplx r;

	r.re = a.re * b.re - a.im * b.im;
	r.im = a.re * b.im + a.im * b.re;
	return r;
}

double c_abs2(cplx z)
{
	return z.re * z.re + z.im * z.im;
}

int mandel_iter(double cr, double ci, int max)
{
	cplx z = {0.0, 0.0}, c = {cr, ci};
	int i;

	for (i = 0; i < max && c_abs2(z) <= 4.0; i++)
		z = c_add(c_mul(z, z), c);
	return i;
}
