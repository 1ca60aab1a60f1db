/* Parsers of a number that store it through an out-parameter last, beside a string no run-time check can
 * bound, calling a header's macros and inline functions on the way. */
#include "quiet.h"

int last_seen;

/* Reads hex digits of `s`; their value in `*res` when there is one. */
int hex_value(const char *s, long *res)
{
	long v = 0;
	int i = 0;
	while ((s[i] >= '0' && s[i] <= '9') || IS_HEX(s[i])) {
		int c = lowered(s[i]);
		v = v * 16 + (c <= '9' ? c - '0' : c - 'a' + 10);
		i++;
	}
	if (seldom(i == 0))
		return -1;
	*res = v;
	return i;
}

/* Reads decimal digits; their value divided by `d` in `*res`. */
int scaled(const char *s, unsigned int d, unsigned long long *res)
{
	unsigned long long v = 0;
	int i = 0;
	while (s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (unsigned)(s[i++] - '0');
	if (i == 0 || d == 0)
		return -1;
	v = div_by(v, d);
	*res = v;
	return i;
}

/* As hex_value, noting the first byte in a global first. */
int noted(const char *s, long *res)
{
	int i = 0;
	NOTE(s[0]);
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0)
		return -1;	/* after the global's write: `*res` is not written on every path */
	*res = i;
	return i;
}

/* Counts digits after zeroing `*res` through the header's writer. */
int zeroed(const char *s, int *res)
{
	int i = 0;
	zero_out(res);
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	*res = i;
	return i;
}

static int twice(int x) { return 2 * x; }

/* Counts digits, doubled through a macro calling its argument. */
int applied(const char *s, int *res)
{
	int i = 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	i = APPLY(twice, i);
	if (i == 0)
		return -1;
	*res = i;
	return i;
}
