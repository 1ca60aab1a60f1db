#include <stddef.h>
enum slot { S_A, S_B, S_N };
struct tbl { int (*fns[2])(int); int vals[S_N]; };
struct bf { unsigned a : 3; signed b : 5; unsigned c : 1; };
static int inc(int x) { return x + 1; }
static int dbl(int x) { return x * 2; }
static int match(int type) { int ref = type, loop = 2, impl = 3, fn = 4; return ref + loop + impl + fn; }
int weird1(int k) {
	struct tbl t = { { inc, dbl }, { [S_B] = 40 } };
	int r = t.fns[k & 1](10) + t.vals[S_B];
	int (*g)(int) = inc;
	r += (g == t.fns[0]) * 1000 + (g != dbl) * 100;
	long (*h)(long) = (long (*)(long))dbl;
	return r + match(k) + (int)h(1);
}
int weird2(int v) {
	struct bf s = { 0 };
	s.a = v; s.b = -v; s.c = 1;
	s.a++; s.b += 3; s.c ^= 1;
	int x = s.a * 100 + s.b * 10 + s.c;
	return x;
}
struct lnode { int v; struct lnode *next; };
int weird3(int key) {
	struct lnode n[4] = { { 1, &n[1] }, { 2, &n[2] }, { 3, &n[3] }, { 4, NULL } };
	struct lnode *p;
	for (p = n; p && p->v != key; p = p->next);
	const char *s = "a1b2c3";
	int digits = 0; char c;
	while ((c = *s++) != '\0') if (c >= '0' && c <= '9') digits += c - '0';
	return (p ? p->v : -1) * 100 + digits;
}
