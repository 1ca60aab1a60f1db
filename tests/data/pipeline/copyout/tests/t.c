#include <stdio.h>
#include <string.h>

int digits(const char *s, int *res);
int field(const char *s, int *res, unsigned long *used);
int stamp(const char *s, int *out);

int main(void)
{
	int bad = 0;
	int v = 7, r;
	unsigned long used = 2;
	r = digits("123x", &v);	/* disjoint */
	printf("%d %d\n", r, v);
	bad |= !(r == 3 && v == 123);
	r = digits("x", &v);	/* no digits: `v` untouched */
	printf("%d %d\n", r, v);
	bad |= !(r == -1 && v == 123);
	/* the string lies in `u.i`'s bytes: the C reads them before writing `*res` */
	union { char c[8]; int i; } u;
	memset(&u, 0, sizeof u);
	memcpy(u.c, "42", 2);
	r = digits(u.c, &u.i);
	printf("%d %d\n", r, u.i);
	bad |= !(r == 2 && u.i == 42);
	r = field("  56;", &v, &used);	/* disjoint */
	printf("%d %d %lu\n", r, v, used);
	bad |= !(r == 0 && v == 56 && used == 6);
	union { char c[16]; unsigned long n; } w;
	memset(&w, 0, sizeof w);
	memcpy(w.c, " 9", 2);
	r = field(w.c, &v, &w.n);	/* `used` overlaps the string */
	printf("%d %d %lu\n", r, v, w.n);
	bad |= !(r == 0 && v == 9 && w.n == 14626);
	union { char c[8]; int i; } z;
	memset(&z, 0, sizeof z);
	memset(z.c, 'a', 6);
	r = stamp(z.c, &z.i);	/* the C reads the zeros it wrote */
	printf("%d %d\n", r, z.i);
	return bad || r != 0 || z.i != 0;	/* what gcc's build of the C gives */
}
