/* Functions whose pointer parameters may overlap: a C caller may pass the same object twice. */
#include <stdlib.h>
struct v { int x, y; };
struct cell { int v; struct cell *next; };

void add(struct v *dst, const struct v *a, const struct v *b)
{
	dst->x = a->x + b->x;
	dst->y = a->y + b->y;
}

/* Overlapping, the C reads a->x after writing dst->x: only the C's order gives (y, y). */
void swap_into(struct v *dst, const struct v *a)
{
	dst->x = a->y;
	dst->y = a->x;
}

/* A Rust caller holding references: passes one of them twice, and to a callee taking raw pointers. */
void twice(struct v *dst, const struct v *a)
{
	add(dst, dst, a);
	swap_into(dst, dst);
}

/* Counted slices that may overlap: the check compares their lengths in bytes. */
void shift_add(int *dst, const int *src, int n)
{
	for (int i = 0; i < n; i++)
		dst[i] += src[i];
}

/* A walked C string and an out-parameter that may lie in it: the check spans the string to its NUL, and
   the C original, which reads every digit before it writes, runs for an overlapping call. It reads up to the
   NUL on every call (a break at the first non-digit would leave the string a raw pointer: scans.py). */
int digits_into(const char *s, int *out)
{
	int v = 0, n = 0;
	while (*s) {
		if (*s >= '0' && *s <= '9') {
			v = v * 10 + (*s - '0');
			n++;
		}
		s++;
	}
	*out = v;
	return n;
}

/* A Rust caller passing its own string, a literal and its locals' addresses: the borrow checker keeps them
   apart, so it calls the Rust directly. */
int digits_sum(const char *s)
{
	int d = 0, e = 0;
	int n = digits_into(s, &d);
	int m = digits_into("12", &e);

	return n + d + m + e;
}

/* A view of a cell whose `next` may lead back to it, beside a raw cell written whole (`next` may reach
   it too): the entry checks that the two cells' bytes are apart, else the C runs. */
void take_next(const struct cell *c, struct cell *out)
{
	if (!c->next)
		exit(1);
	*out = *c->next;
}

/* An output beside a const table of its type: nothing writes the table, so a written view cannot lie in it
   (overlaps._read_only), and the output and `src`, each indexed below its declared size, are references
   the entry compares by those bytes; the C runs for an overlapping call. */
static const int bias[4] = {1, 2, 3, 4};

void biased(int out[4], const int src[2])
{
	for (int k = 0; k < 4; k++)
		out[k] = bias[k];
	for (int k = 0; k < 2; k++)
		out[k] += src[k];
}

/* A holder that keeps a buffer's address and never touches the buffer: the buffer may even be the holder's
   own bytes, so nothing needs checking (rule untouched-partners). */
struct holder { unsigned char *data; unsigned char *pos; int state; };

void attach(struct holder *h, unsigned char *mem)
{
	h->data = mem;
	h->pos = mem;
	h->state = 1;
}

/* A word read at constant indexes only, beside an out-parameter that may lie in it: the entry compares the
   out-parameter with the first two bytes (more than a one-letter word holds: such a call runs the C). */
int yes_no(const char *s, int *res)
{
	if (!s)
		return -1;
	switch (s[0]) {
	case 'y':
		*res = 1;
		return 0;
	case 'o':
		if (s[1] == 'n') {
			*res = 1;
			return 0;
		}
		if (s[1] == 'f') {
			*res = 0;
			return 0;
		}
	}
	return -1;
}

/* A byte table read at masked indexes beside the data it digests: the entry compares the data with the
   table's 256 bytes, and the C runs when the data lies in the table. */
unsigned char digest(const unsigned char *table, unsigned char *data, int n)
{
	unsigned char c = 0;

	while (n-- > 0)
		c = table[(c ^ *data++) & 0xff];
	return c;
}
