/* Emission rules of the builtin (tests/backends/builtin/test_builtin_emission.py says which each shows):
 * assert's parts as statements, `(void) sizeof` not run, `if (e) ; else s`, const tables and string
 * literals indexed, negated tests, post-increments stepped after their statement, goto states that all
 * return, Option parameters tested then used, pointers stepped by a size_t, swaps, range tests. */
#include <assert.h>
#include <stddef.h>

static int sp_hits;

static int sp_bump(int by)
{
	sp_hits += by;
	return sp_hits;
}

int sp_checked(int n)
{
	int i = 0;
	assert(n >= 0);
	assert(sp_bump(1) > 0);
	(void) sizeof(sp_bump(100));
	(void) sp_bump(2), sp_bump(3);
	({ int t = n * 2; sp_hits += t; });
	({ sp_hits += 1; i++; });
	if (n > 3) ; else sp_hits -= 1;
	if (i == 1) ; else sp_hits = -1000;
	return sp_hits + i;
}

const unsigned char sp_table[5] = { 1, 2, 3, 0x7f, 0xff };

int sp_lookup(int i)
{
	static const short local[3] = { -1, 0, 1 };
	return sp_table[i % 5] + local[i % 3] + "0123456789"[i % 10];
}

float sp_min(float x, float y)
{
	if (y < x)
		return y;
	else
		return x;
}

int sp_count(int n)
{
	int i, s = 0;
	for (i = 0; i < n; i++)
		s += i;
	i++;
	++s;
	return s + i;
}

int sp_negate(int a, unsigned b, double d)
{
	int k = 0;
	double nan = (d - d) / (d - d);
	if (!(a < 3)) k += 1;
	if (!(b >= 2)) k += 2;
	if (!(nan < d)) k += 4;
	if (!(d <= nan)) k += 8;
	do { k += 16; a++; } while (a < 2);
	do { k += 100; } while (nan > d);
	if (a == 7) ; else k += 1000;
	return k;
}

struct sp_pair { int a, b; };

int sp_sum(int a, int b)
{
	struct sp_pair p = { a, b };
	struct sp_pair q = p;
	int arr[3] = { 1, 2, 3 };
	int *x = arr;
	return q.a + p.b + x[1];
}

static void sp_copy(char *dst, const char *src, int n)
{
	while (n-- > 0)
		*dst++ = *src++;
}

int sp_steps(int n)
{
	char buf[8] = { 0 };
	int i = 0, s = 0, k = 3;
	int *pk = &k;
	sp_copy(buf, "abcdefg", n);
	while (i < n)
		s += buf[i++];
	s += (int)sizeof(i++);
	s += n > 2 && i++;
	s += k++;
	s += *pk;
	return s * 100 + i * 10 + k;
}

int sp_goto(int n)
{
	int r = 0;
	if (n < 0)
		goto fail;
	r = n * 2;
	return r;
fail:
	r = -1;
	return r;
}

static void sp_store(int v, int *out)
{
	if (out)
		*out = v;
}

static void sp_pair_set(int v, struct sp_pair *p)
{
	if (p) {
		p->a = v;
		p->b = p->a + 1;
	}
}

static int sp_read(const int *in)
{
	int v = 0;
	if (in)
		v = *in + 1;
	return v;
}

int sp_options(int v)
{
	int x = 0;
	struct sp_pair p = { 0, 0 };
	sp_store(v, &x);
	sp_store(v + 1, 0);
	sp_pair_set(v, &p);
	sp_pair_set(v, 0);
	return x + p.a * 10 + p.b * 100 + sp_read(&x) + sp_read(0);
}

unsigned sp_kind(int ch)
{
	switch (ch) {
	case 'P':
	case 'R':
		return ch;
	default:
		return 0;
	}
}

int sp_find(int n)
{
	int hits = 0;
	while (n > 0) {
		if (n == 3)
			goto fail;
		n--;
		if (n == 7) {
			hits = 5;
			return hits;
		}
	}
	return 1;
fail:
	return -1;
}

int sp_walk(int n)
{
	int a[6] = { 1, 2, 3, 4, 5, 6 };
	int *p = a;
	size_t k = (size_t)n, one = 1;
	p += k;
	p -= one;
	return *p;
}

#define SP_SWAP(a, b) do { int _tmp = (a); (a) = (b); (b) = _tmp; } while (0)

int sp_ranges(int lo, int hi, unsigned w)
{
	int k = 0;
	if (lo > hi)
		SP_SWAP(lo, hi);
	if (w >= 0xd800 && w <= 0xdfff)
		k += 1;
	if (w < 0x80 || w > 0x7ff)
		k += 2;
	if (w >= 10 && w < 20)
		k += 4;
	if (w < 0x30 || 0x39 < w) /* the bound first */
		k += 8;
	return k * 10000 + lo * 100 + hi;
}
