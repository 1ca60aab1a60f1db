/* void * parameters typed by their uses (signatures/voids.py), and ones that stay raw */
#include <stdlib.h>
#include <string.h>
#include "lib.h"

/* a comparator: each parameter only initialises a local of one struct type */
static int by_x(const void *a, const void *b)
{
	const struct point *p = a;
	const struct point *q = (const struct point *)b;
	if (p->x != q->x)
		return (p->x > q->x) - (p->x < q->x);
	return (p->y > q->y) - (p->y < q->y);
}

/* every use a cast to the same type (casting const away, only read) */
static int by_value(const void *a, const void *b)
{
	return (*(int *)a > *(int *)b) - (*(int *)a < *(int *)b);
}

void sort_points(struct point *pts, size_t n)
{
	qsort(pts, n, sizeof *pts, by_x);
}

void sort_ints(int *v, size_t n)
{
	qsort(v, n, sizeof *v, by_value);
}

/* a byte buffer with its count */
unsigned checksum(const void *data, size_t len)
{
	const unsigned char *bytes = data;
	unsigned sum = 0;
	for (size_t i = 0; i < len; i++)
		sum = sum * 31 + bytes[i];
	return sum;
}

/* a caller in SRC passing a typed pointer */
unsigned twice_checksum(const unsigned char *buf, size_t n)
{
	return 2 * checksum(buf, n);
}

/* context pointers */
void reset_acc(void *ctx)
{
	struct acc *s = (struct acc *)ctx;
	s->sum = 0;
	s->count = 0;
}

static void add_to(int x, void *ctx)
{
	struct acc *s = ctx;
	s->sum += x;
	s->count++;
}

void visit(const int *v, size_t n, void (*cb)(int, void *), void *ctx)
{
	for (size_t i = 0; i < n; i++)
		cb(v[i], ctx);
}

long sum_all(const int *v, size_t n)
{
	struct acc s;
	reset_acc(&s);
	visit(v, n, add_to, &s);
	return s.sum * 1000 + s.count;
}

/* a context pointer tested for NULL, past a jump */
int add_checked(void *ctx, int x)
{
	struct acc *s = ctx;
	if (!s || x < 0)
		goto bad;
	s->sum += x;
	return 0;
bad:
	return -1;
}

/* negatives: cast to two types, stored, compared, passed on as void */
long first_of(const void *p, int wide)
{
	if (wide)
		return *(const long *)p;
	return *(const int *)p;
}

void keep(struct box *b, void *p)
{
	b->item = p;
}

int same(const void *a, const void *b)
{
	return a == b;
}

void forward(void *ctx)
{
	memset(ctx, 0, sizeof(struct acc));
}
