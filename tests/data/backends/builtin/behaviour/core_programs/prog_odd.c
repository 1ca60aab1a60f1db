#include <string.h>
#include <stddef.h>
typedef int fn_t(int);
enum color { RED, GREEN, BLUE };
struct inner { int c; short s[2]; };
struct outer { struct inner b[3]; int *ptrs[2]; enum color col; };
static int twice(int x) { return 2 * x; }
static int *counter(void) { static int n; n++; return &n; }
static const char *pick(int k, const char *a, const char *b) { return k > 0 ? a : k < 0 ? b : NULL; }
static int classify(int v) {
	switch (v & 3) {
	case 0: return 10;
	case 1: return 11;
	case 2: return 12;
	default: return 13;
	}
}
int odd1(int k) {
	unsigned n = (unsigned)k;
	int loops = 0;
	while (n--) loops++;
	int a[6] = { 1, 2, 3, 4, 5, 6 }, *p = a + 3;
	p += 2; p -= 1;
	(*p)++;
	int neg = p[-1];
	fn_t *f = twice;
	return loops * 10000 + a[4] * 100 + neg * 10 + f(1) + classify(k);
}
long odd2(int sh) {
	unsigned long long one = 1;
	double d = 0.0;
	int r = !d + (d < 0.5 ? 1 : 2) * 10;
	signed char sc = -1;
	unsigned char uc = 255;
	r += (sc == uc) * 100 + ((unsigned char)sc == uc) * 1000;
	return (long)(one << sh) + r;
}
int odd3(int k) {
	struct outer o;
	memset(&o, 0, sizeof o);
	int x = 5;
	o.ptrs[1] = &x;
	o.b[2].s[1] = 7;
	short *sp = &o.b[2].s[0];
	sp[1] += 3;
	*o.ptrs[1] = o.b[2].s[1] * 2;
	o.col = BLUE;
	o.col = (enum color)(o.col - 1);
	const char *s = pick(k, "pos", "neg");
	int l = s ? (int)strlen(s) + s[0] : -1;
	return x * 1000 + o.col * 100 + l + *counter() * 0;
}
int odd4(int n) {
	int i = 0, hits = 0;
	for (;;) {
		switch (i % 5) {
		case 0: hits++; break;
		case 4: if (i > n) goto done; /* fall through */
		default: hits += 2;
		}
		i++;
	}
done:
	return hits * 100 + i;
}
int odd5(int n) {
	int i = 0, s = 0;
	do {
		i++;
		switch (i & 1) { case 0: continue; }
		s += i;
	} while (i < n);
	return s + (int)(sizeof(struct outer) > 16);
}
