/* Unions, static tables, state machines and goto-based cleanup. */
#include <stdlib.h>
#include <string.h>
#include "machine.h"

double value_as_double(const struct value *v)
{
	switch (v->type) {
	case V_INT:
		return (double)v->u.i;
	case V_DBL:
		return v->u.d;
	case V_STR:
		return v->u.s ? strtod(v->u.s, NULL) : 0.0;
	}
	return 0.0;
}

int value_is_truthy(struct value v)
{
	if (v.type == V_INT)
		return v.u.i != 0;
	if (v.type == V_DBL)
		return v.u.d != 0.0;
	return v.u.s != NULL && v.u.s[0] != '\0';
}

static const struct {
	const char *name;
	int num;
} weekdays[] = {
	{ "mon", 1 }, { "tue", 2 }, { "wed", 3 }, { "thu", 4 },
	{ "fri", 5 }, { "sat", 6 }, { "sun", 7 },
};

int weekday_number(const char *name)
{
	unsigned i;

	for (i = 0; i < sizeof weekdays / sizeof weekdays[0]; i++)
		if (strcmp(weekdays[i].name, name) == 0)
			return weekdays[i].num;
	return 0;
}

const char *month_name(int m)
{
	static const char *const names[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};

	return m >= 1 && m <= 12 ? names[m - 1] : "?";
}

int days_in_month(int month, int year)
{
	static const unsigned char mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	if (month < 1 || month > 12)
		return -1;
	return mdays[month - 1] + (month == 2 && leap);
}

int parse_kv(const char *line, char *key, size_t keylen, long *val)
{
	enum { S_KEY, S_EQ, S_VAL, S_DONE } st = S_KEY;
	size_t k = 0;
	int neg = 0, digits = 0;

	*val = 0;
	for (; st != S_DONE; line++) {
		char c = *line;
		switch (st) {
		case S_KEY:
			if (c == '=' || c == ' ') {
				st = c == '=' ? S_VAL : S_EQ;
				break;
			}
			if (c == '\0' || k + 1 >= keylen)
				return -1;
			key[k++] = c;
			break;
		case S_EQ:
			if (c == '=')
				st = S_VAL;
			else if (c != ' ')
				return -1;
			break;
		case S_VAL:
			if (c == '-' && !digits && !neg) {
				neg = 1;
			} else if (c >= '0' && c <= '9') {
				*val = *val * 10 + (c - '0');
				digits++;
			} else if (c == '\0' || c == '\n') {
				st = S_DONE;
				line--;
			} else if (c != ' ' || digits) {
				return -1;
			}
			break;
		default:
			break;
		}
	}
	key[k] = '\0';
	if (neg)
		*val = -*val;
	return digits ? 0 : -1;
}

int run_traffic(int steps, int *red_count)
{
	enum light { RED, GREEN, YELLOW } s = RED;
	int t = 0, reds = 0;

	while (steps-- > 0) {
		switch (s) {
		case RED:
			reds++;
			if (++t >= 3) { s = GREEN; t = 0; }
			break;
		case GREEN:
			if (++t >= 2) { s = YELLOW; t = 0; }
			break;
		case YELLOW:
			s = RED;
			t = 0;
			break;
		}
	}
	*red_count = reds;
	return (int)s;
}

int build_buffers(size_t n, size_t m, long *sum)
{
	int ret = -1;
	long *a, *b;
	size_t i;

	a = malloc(n * sizeof(*a));
	if (!a)
		goto out;
	b = malloc(m * sizeof(*b));
	if (!b)
		goto free_a;
	if (n == 0 || m == 0) {
		ret = -2;
		goto free_b;
	}
	for (i = 0; i < n; i++)
		a[i] = (long)i;
	for (i = 0; i < m; i++)
		b[i] = (long)(i * 2);
	*sum = 0;
	for (i = 0; i < n && i < m; i++)
		*sum += a[i] * b[i];
	ret = 0;
free_b:
	free(b);
free_a:
	free(a);
out:
	return ret;
}

int float_bits_class(float f)
{
	union { float f; unsigned int u; } pun;
	unsigned exp, man;

	pun.f = f;
	exp = (pun.u >> 23) & 0xff;
	man = pun.u & 0x7fffff;
	if (exp == 0xff)
		return man ? 3 : 2;
	if (exp == 0)
		return man ? 1 : 0;
	return 4;
}
