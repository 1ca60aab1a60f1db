#include <stdio.h>

struct v { int x, y; };
void add(struct v *dst, const struct v *a, const struct v *b);
void swap_into(struct v *dst, const struct v *a);
void twice(struct v *dst, const struct v *a);
void shift_add(int *dst, const int *src, int n);
int digits_into(const char *s, int *out);
int digits_sum(const char *s);
struct cell { int v; struct cell *next; };
void take_next(const struct cell *c, struct cell *out);
void biased(int out[4], const int src[2]);
struct holder { unsigned char *data; unsigned char *pos; int state; };
void attach(struct holder *h, unsigned char *mem);
int yes_no(const char *s, int *res);
unsigned char digest(const unsigned char *table, unsigned char *data, int n);

int main(void)
{
	struct v p = {1, 2}, q = {10, 20}, r = {0, 0}, s = {3, 4}, t = {0, 0};
	int a[5] = {1, 2, 3, 4, 5}, b[3] = {10, 20, 30}, d = 0, n1, n2;
	union { char c[8]; int i; } u = {"123x"};
	struct cell c0 = {7, 0}, c1 = {8, &c0}, o = {0, 0};

	add(&r, &p, &q);	/* disjoint: the Rust runs */
	add(&p, &p, &q);	/* dst == a: the C original runs */
	swap_into(&t, &s);	/* disjoint */
	swap_into(&s, &s);	/* overlapping */
	twice(&q, &q);
	shift_add(a, b, 3);	/* disjoint */
	shift_add(a + 1, a, 3);	/* overlapping ranges */
	n1 = digits_into("4567", &d);	/* disjoint */
	n2 = digits_into(u.c, &u.i);	/* `out` overlaps the string's first bytes */
	printf("%d %d %d %d %d\n", n1, d, n2, u.i, digits_sum("34"));
	c0.next = &c0;		/* a cell whose next is itself */
	take_next(&c1, &o);	/* disjoint: o becomes c0 */
	take_next(&c1, &c1);	/* overlapping: the C original runs */
	printf("%d %d %d\n", o.v, c1.v, o.next == &c0 && c1.next == &c0);
	int e[5] = {10, 20, 30, 40, 50}, f[4];
	biased(f, e);		/* disjoint: the Rust runs */
	biased(e + 1, e);	/* overlapping: the C reads e[1] after writing it */
	printf("%d %d %d %d %d %d\n", f[0], f[3], e[0], e[1], e[2], e[3]);
	struct holder h = {0, 0, 0}, g = {0, 0, 0};
	attach(&h, (unsigned char *)&g);	/* apart */
	attach(&g, (unsigned char *)&g);	/* the buffer is the holder itself */
	int y1 = -1, y2;
	union { char c[4]; int i; } w = {"on"};
	y2 = yes_no("off", &y1);	/* apart: the Rust runs */
	int y3 = yes_no(w.c, &w.i);	/* `res` is the word's own bytes: the C runs */
	printf("%d %d %d %d\n", y1, y2, y3, w.i);
	unsigned char tab[256], msg[4] = {1, 2, 3, 4};
	for (int i = 0; i < 256; i++)
		tab[i] = (unsigned char)(i * 7 + 1);
	int h1 = digest(tab, msg, 4);		/* apart: the Rust runs */
	int h2 = digest(tab, tab + 10, 4);	/* the data lies in the table: the C runs */
	printf("%d %d\n", h1, h2);
	printf("%d %d %d %d %d %d %d %d %d %d %d %d\n", r.x, r.y, p.x, p.y, t.x, t.y, s.x, s.y, q.x, q.y,
	       a[0], a[3]);
	return !(r.x == 11 && r.y == 22 && p.x == 11 && p.y == 22 && t.x == 4 && t.y == 3 && s.x == 4 &&
		 s.y == 4 && q.x == 40 && q.y == 40 && a[0] == 11 && a[3] == 70 && n1 == 4 && d == 4567 &&
		 n2 == 3 && u.i == 123 && digits_sum("34") == 50 && o.v == 7 && c1.v == 7 &&
		 o.next == &c0 && c1.next == &c0 && f[0] == 11 && f[1] == 22 &&
		 f[3] == 4 && e[1] == 11 && e[2] == 13 && e[3] == 3 &&
		 h.data == (unsigned char *)&g && g.pos == (unsigned char *)&g && g.state == 1 &&
		 y1 == 0 && y2 == 0 && y3 == 0 && w.i == 1 &&
		 h1 == 240 && h2 == 28);
}
