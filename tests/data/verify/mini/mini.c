#include "mini.h"

static uint32_t twice(uint32_t x) { return x * 2; }
uint64_t add_u64(uint64_t a, uint64_t b) { return a + b; }
int32_t add_i32(int32_t a, int32_t b) { return a + b; }
uint32_t mid(uint32_t lo, uint32_t hi) { return lo + (hi - lo) / 2; }
uint64_t triple(uint64_t x) { return x * 3; }
uint32_t sum_u32(const uint32_t *buf, size_t n)
{
	uint32_t s = 0;
	for (size_t i = 0; i < n; i++)
		s += buf[i];
	return s;
}
void fill(uint8_t *dst, size_t len, uint8_t v)
{
	for (size_t i = 0; i < len; i++)
		dst[i] = v;
}
bool split(uint64_t x, uint32_t *hi, uint32_t *lo)
{
	*hi = (uint32_t)(x >> 32);
	*lo = (uint32_t)x;
	return *hi != 0;
}
struct pair mkpair(uint32_t a, uint8_t b) { struct pair p = { a, b }; return p; }
uint32_t pair_sum(struct pair p) { return p.a + p.b; }
void pair_bump(struct pair *p) { p->a += twice(1); p->b += 1; }
double half(double x) { return x / 2; }
int apply(int (*f)(int), int x) { return f(x); }
uint32_t shl(uint32_t x, uint32_t n) { return x << n; }
int32_t divi(int32_t a, int32_t b) { return a / b; }
uint32_t hang_on_7(uint32_t x) { return x + 1; }
uint32_t crash_on_5(uint32_t x) { return x ^ 1; }
int cmp_u16(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
	return (x > y) - (x < y);
}
uint64_t divrem(uint64_t a, uint64_t b, uint64_t *rem)
{
	if (!b)
		return 0;
	if (rem)
		*rem = a % b;
	return a / b;
}
static uint32_t total;
uint32_t tally(uint32_t x)
{
	if (x == 13)
		*(volatile uint32_t *)0 = x; /* the C crashes: the input is skipped */
	total += x;
	return total;
}
const char *find_char(const char *s, char c)
{
	for (; *s; s++)
		if (*s == c)
			return s;
	return 0;
}
