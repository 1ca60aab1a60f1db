/* Spellings clippy's default lints flag (issue 15): a local lent only to a `const T *` (unused_mut), C's
   `+=` on a double and its own `x = x + y` (assign_op_pattern), an optional out-parameter written at its
   last use, also as `if let Some(n) = n` (needless_option_as_deref). */
#include <stddef.h>
#include <stdlib.h>

struct cc_sample { unsigned t, v; };
struct cc_pt { double x, y; };

static unsigned cc_peek(const struct cc_sample *s) { return s->t * 3u + s->v; }

unsigned cc_lend(unsigned t, unsigned v)
{
	struct cc_sample s = { t, v };
	if (s.v > 1000u)
		return 0;
	return cc_peek(&s);
}

void cc_move(struct cc_pt *p, double dx, double dy)
{
	p->x += dx * 1000;
	p->y = p->y + dy;
}

double cc_sum(const double *a, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s = s + a[i];
	return s;
}

unsigned cc_digits(const char *s, size_t *consumed)
{
	unsigned n = 0;
	while (*s >= '0' && *s <= '9') {
		n = n * 10 + (unsigned)(*s - '0');
		s++;
	}
	if (!consumed)
		return n + 1u;
	if (n > 99u) {
		*consumed = *consumed + 2;
		return n;
	}
	*consumed = *consumed + 1;
	return n;
}

int cc_pair(const int *a, int n)
{
	int s = 0;

	if (n >= 2) {
		const int *p = a;

		s = *p;
		p++;
		s += *p;
		p++; /* the last step: nothing reads p after it (rustc's unused_assignments) */
	}
	return s;
}

unsigned cc_span(const char *s, size_t *len)
{
	const char *e = s;
	while (*e == ' ')
		e++;
	if (len)
		*len = (size_t)(e - s);
	return (unsigned)(e - s) * 2u;
}

int cc_box(int k)
{
	int *p;
	int r;

	p = NULL; /* a store the next one overwrites: nothing reads it */
	p = malloc(sizeof *p);
	if (!p)
		return -1;
	*p = k * 3;
	r = *p + 1;
	free(p);
	p = NULL; /* the last store: nothing reads it */
	return r;
}

long cc_run(int k)
{
	struct cc_pt p = { 1.5, -2.0 };
	double a[4] = { 0.25, k, -1.0, 8.0 };
	size_t used = 7;
	char text[8] = { '1', '2', (char)('0' + (k & 7)), 'x', 0 };
	unsigned d;
	cc_move(&p, 0.5, (double)k);
	d = cc_digits(text, &used);
	d += cc_span("  x", NULL) + cc_span(" y", &used) + (unsigned)cc_box(k);
	return (long)cc_lend((unsigned)k, 5u) + (long)(p.x + p.y) + (long)(cc_sum(a, 4) * 4) + (long)d * 10 +
		(long)used;
}
