#ifndef NUMERIC_H
#define NUMERIC_H
#include <stdint.h>

typedef struct {
	long num;
	long den;
} rational;

typedef struct complex_s {
	double re, im;
} cplx;

unsigned gcd_u(unsigned a, unsigned b);
long gcd_l(long a, long b);
long lcm_l(long a, long b);
int ext_gcd(int a, int b, int *x, int *y);
int sieve_count(int limit);
int is_prime(unsigned long n);
uint64_t modpow(uint64_t base, uint64_t exp, uint64_t mod);
unsigned isqrt(unsigned long x);

rational rat_make(long n, long d);
rational rat_add(rational a, rational b);
rational rat_mul(rational a, rational b);
int rat_cmp(const rational *a, const rational *b);

cplx c_add(cplx a, cplx b);
cplx c_mul(cplx a, cplx b);
double c_abs2(cplx z);
int mandel_iter(double cr, double ci, int max);

int popcount32(uint32_t x);
uint32_t reverse_bits(uint32_t x);
int is_pow2(unsigned long x);
uint32_t next_pow2(uint32_t x);
int parity(unsigned int x);
uint16_t bswap16(uint16_t x);
uint32_t rotl32(uint32_t x, unsigned r);
int sign_of(int x);
int abs_nobranch(int x);
#endif
