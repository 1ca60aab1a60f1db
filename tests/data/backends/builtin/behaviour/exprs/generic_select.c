/* C11 6.5.1.1: _Generic is the association whose type is the controlling expression's after lvalue
   conversion (qualifiers dropped, arrays decayed), else default; the controlling expression is not
   evaluated. A macro body may spell the selection. */
#include <stddef.h>
#define LEADING(n) _Generic(n, unsigned int: __builtin_clz(n), unsigned long: __builtin_clzl(n), \
	unsigned long long: __builtin_clzll(n))
#define KIND(x) _Generic((x), char: 1, signed char: 2, unsigned char: 3, short: 4, int: 5, long: 6, \
	long long: 7, unsigned: 8, unsigned long: 9, float: 10, double: 11, char *: 12, const char *: 13, \
	word *: 14, default: 0)
typedef unsigned long word;

size_t gs_leading(size_t x) { return LEADING(x | 1); }
int gs_leading32(unsigned x) { return LEADING(x | 1u); }

long gs_kinds(int v)
{
	const int c = v; signed char sc = 1; short sh = 2; word w = 3; float f = 1.5f; char buf[4] = {0};
	const char *s = "x"; word *wp = &w;
	return KIND(c) + 16L * KIND(sc) + 256L * KIND(sh) + 4096L * KIND(w) + 65536L * KIND(f)
		+ 1048576L * KIND(buf) + 16777216L * KIND(s) + 268435456L * KIND(wp) + KIND(v * 2.0) * 0
		+ 4294967296L * KIND((long long)v);
}

int gs_place(int v)
{
	int a = 0; long b = 0;
	_Generic(v, int: a, default: b) = v + 1;
	return a * 10 + (int)b + _Generic(v++, int: v, default: 100);
}
