/* Number theory. */
#include <stdlib.h>
#include <string.h>
#include "numeric.h"

#define SIEVE_MAX 10000

static unsigned char composite[SIEVE_MAX + 1];

unsigned gcd_u(unsigned a, unsigned b)
{
	while (b) {
		unsigned t = a % b;
		a = b;
		b = t;
	}
	return a;
}

long gcd_l(long a, long b)
{
	if (a < 0) a = -a;
	if (b < 0) b = -b;
	return b == 0 ? a : gcd_l(b, a % b);
}

long lcm_l(long a, long b)
{
	if (a == 0 || b == 0)
		return 0;
	return labs(a / gcd_l(a, b) * b);
}

int ext_gcd(int a, int b, int *x, int *y)
{
	int x1, y1, g;

	if (b == 0) {
		*x = 1;
		*y = 0;
		return a;
	}
	g = ext_gcd(b, a % b, &x1, &y1);
	*x = y1;
	*y = x1 - (a / b) * y1;
	return g;
}

int sieve_count(int limit)
{
	int count = 0;

	if (limit > SIEVE_MAX)
		limit = SIEVE_MAX;
	memset(composite, 0, sizeof(composite));
	for (int i = 2; (long)i * i <= limit; i++)
		if (!composite[i])
			for (int j = i * i; j <= limit; j += i)
				composite[j] = 1;
	for (int i = 2; i <= limit; i++)
		count += !composite[i];
	return count;
}

int is_prime(unsigned long n)
{
	unsigned long i;

	if (n < 2)
		return 0;
	if (n % 2 == 0)
		return n == 2;
	for (i = 3; i * i <= n; i += 2)
		if (n % i == 0)
			return 0;
	return 1;
}

uint64_t modpow(uint64_t base, uint64_t exp, uint64_t mod)
{
	uint64_t result = 1;

	if (mod == 1)
		return 0;
	base %= mod;
	while (exp > 0) {
		if (exp & 1)
			result = (unsigned __int128)result * base % mod;
		exp >>= 1;
		base = (unsigned __int128)base * base % mod;
	}
	return result;
}

unsigned isqrt(unsigned long x)
{
	unsigned long op = x, res = 0, one = 1UL << (sizeof(long) * 8 - 2);

	while (one > op)
		one >>= 2;
	while (one != 0) {
		if (op >= res + one) {
			op -= res + one;
			res += one << 1;
		}
		res >>= 1;
		one >>= 2;
	}
	return (unsigned)res;
}
