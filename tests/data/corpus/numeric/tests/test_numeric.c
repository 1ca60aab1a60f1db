#include <stdio.h>
#include "../numeric.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

int main(void)
{
	int x, y;
	rational a, b, s;
	cplx p = {1.5, -2.0}, q = {0.5, 3.0}, m;

	CHECK(gcd_u(48, 18) == 6 && gcd_u(0, 5) == 5 && gcd_u(7, 0) == 7);
	CHECK(gcd_l(-48, 18) == 6 && lcm_l(4, -6) == 12 && lcm_l(0, 3) == 0);
	CHECK(ext_gcd(240, 46, &x, &y) == 2 && 240 * x + 46 * y == 2);
	CHECK(sieve_count(100) == 25 && sieve_count(1) == 0 && sieve_count(20000) == 1229);
	CHECK(is_prime(2) && is_prime(97) && !is_prime(91) && !is_prime(1) && is_prime(1000003));
	CHECK(modpow(2, 10, 1000) == 24 && modpow(3, 0, 7) == 1 && modpow(5, 3, 1) == 0);
	CHECK(modpow(0xFFFFFFFFFFFFull, 0xFFFF, 0xFFFFFFFFFFFFFFC5ull) != 0);
	CHECK(modpow(10, 18, 1000000007ull) == 49);
	CHECK(isqrt(0) == 0 && isqrt(15) == 3 && isqrt(16) == 4 && isqrt(4000000000UL) == 63245);
	a = rat_make(1, 2);
	b = rat_make(2, -6);
	CHECK(b.num == -1 && b.den == 3);
	s = rat_add(a, b);
	CHECK(s.num == 1 && s.den == 6);
	s = rat_mul(a, b);
	CHECK(s.num == -1 && s.den == 6);
	CHECK(rat_cmp(&a, &b) == 1 && rat_cmp(&b, &a) == -1 && rat_cmp(&a, &a) == 0);
	m = c_mul(p, q);
	CHECK(m.re == 6.75 && m.im == 3.5);
	m = c_add(p, q);
	CHECK(m.re == 2.0 && m.im == 1.0 && c_abs2(m) == 5.0);
	CHECK(mandel_iter(0.0, 0.0, 50) == 50 && mandel_iter(2.0, 2.0, 50) == 1);
	CHECK(popcount32(0) == 0 && popcount32(0xFFFFFFFFu) == 32 && popcount32(0x80000001u) == 2);
	CHECK(reverse_bits(1) == 0x80000000u && reverse_bits(0xF0) == 0x0F000000u);
	CHECK(is_pow2(64) && !is_pow2(0) && !is_pow2(65));
	CHECK(next_pow2(0) == 1 && next_pow2(17) == 32 && next_pow2(32) == 32);
	CHECK(parity(7) == 1 && parity(0xFF) == 0);
	CHECK(bswap16(0x1234) == 0x3412);
	CHECK(rotl32(0x80000001u, 1) == 3 && rotl32(5, 0) == 5 && rotl32(1, 33) == 2);
	CHECK(sign_of(-9) == -1 && sign_of(0) == 0 && sign_of(4) == 1);
	CHECK(abs_nobranch(-5) == 5 && abs_nobranch(5) == 5);
	return failures != 0;
}
