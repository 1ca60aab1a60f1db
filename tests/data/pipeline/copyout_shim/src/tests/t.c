#include <stdio.h>
#include <string.h>

int hex_value(const char *s, long *res);
int scaled(const char *s, unsigned int d, unsigned long long *res);
int noted(const char *s, long *res);
int zeroed(const char *s, int *res);
int applied(const char *s, int *res);
extern int last_seen;

/* The string lies in the out-parameter's own bytes: the C reads them all before it writes `*res`. */
union shared { char c[16]; long l; unsigned long long n; };

static union shared holding(const char *text)
{
	union shared u;
	memset(&u, 0, sizeof u);
	strncpy(u.c, text, 7);
	return u;
}

int main(void)
{
	int bad = 0, r, n = 5;
	long v = 7;
	unsigned long long q = 9;
	union shared u = holding("aB3"), w = holding("100");
	r = hex_value("1fZ", &v);	/* disjoint */
	bad |= !(r == 2 && v == 31);
	r = hex_value("z", &v);	/* no digit: `v` untouched */
	bad |= !(r == -1 && v == 31);
	r = hex_value(u.c, &u.l);
	bad |= !(r == 3 && u.l == 0xab3);
	r = scaled(w.c, 4, &w.n);
	bad |= !(r == 3 && w.n == 25);
	r = scaled("7", 0, &q);
	bad |= !(r == -1 && q == 9);
	r = noted("12", &v);
	bad |= !(r == 2 && v == 2 && last_seen == '1');
	r = zeroed("123", &n);
	bad |= !(r == 3 && n == 3);
	r = applied("45", &n);
	bad |= !(r == 4 && n == 4);
	printf("%ld %llu %d\n", u.l, w.n, bad);
	return bad;
}
