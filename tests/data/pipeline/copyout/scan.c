/* Scalar out-parameters written last, beside a string with no extent a run-time check could compare. */

/* Reads the decimal digits of `s`; stores their value in `*res` only when there is one. */
int digits(const char *s, int *res)
{
	int t = 0, i = 0;
	while (s[i] >= '0' && s[i] <= '9') {
		t = t * 10 + (s[i] - '0');
		i++;
	}
	if (i == 0)
		return -1;
	*res = t;
	return i;
}

/* Counts the leading spaces of `s`, added to `*used` when it is not NULL. */
static int blanks(const char *s, unsigned long *used)
{
	unsigned long n = 0;
	while (s[n] == ' ')
		n++;
	if (used)
		*used += n;
	return (int)n;
}

/* Skips blanks, then digits: the value through `res`, the bytes consumed added to `*used`. */
int field(const char *s, int *res, unsigned long *used)
{
	unsigned long at = 0;
	int n, v = 0;
	blanks(s, &at);
	n = digits(s + at, &v);
	if (n < 0)
		return -1;
	at += n;
	*res = v;
	*used += at;
	return 0;
}

/* Writes `*out` and then reads `s` again: its reads after the write see what the write changed. */
int stamp(const char *s, int *out)
{
	int i = 0;
	*out = 0;
	while (s[i] == 'a')
		i++;
	return i;
}
