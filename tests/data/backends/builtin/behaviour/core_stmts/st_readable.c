/* Locals whose first value comes from an assignment, comments between statements, returns as tails. */

/* sum of 0..n-1 times a sign chosen by both arms of an if */
int st_deferred(int c, int n)
{
	int i, sum, sign, maybe = 5;

	sum = 0; /* first value */
	for (i = 0; i < n; i++)
		sum += i;
	if (c)
		sign = 1;
	else if (n > 10)
		sign = -2;
	else
		sign = -1;
	// only sometimes
	if (n > 3)
		maybe = 3;
	return sum * sign + maybe;
}

unsigned st_paren_mix(unsigned a, unsigned b)
{
	unsigned x = (a << 2) + (b & 3);
	int lt = ((int)a < (int)b);

	if ((a > b) && ((a - b) > 2))
		return ((x));
	return (x ^ (unsigned)lt) | ((a + b) >> 1);
}

int st_nested_loops(int n)
{
	int i, j, t = 0;

	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			t += j;
	return t;
}

unsigned st_flags(unsigned x, unsigned y)
{
	x = x & y;
	x = x | 4u;
	x = x ^ ~~y;
	return x + !!(x > y);
}

static int st_ignored(int flags, int n)
{
	int unused_total;
	int step = 2;

	return n * step;
}

int st_unused(int n)
{
	return st_ignored(7, n) + 1;
}

int st_branch_local(int n)
{
	int *ptr; /* a local named as a segment of `core::ptr::null_mut` */
	int v, t = 0;
	int buf[2] = {n, n + 1};

	ptr = buf;
	if (n > 0) {
		v = n * 2;
		t += v;
	}
	while (t < 20) {
		v = t + 3;
		t += v;
	}
	return t + *ptr;
}

int st_assigned_value(const char *s)
{
	const char *p;
	int c, rv;

	if ((p = s) == 0)
		return -1;
	if (*p == '-') {
		rv = 1;
		if (rv > 5)
			return rv;
	} else {
		rv = 2;
	}
	while ((c = *p++) != 0)
		rv += c;
	return rv;
}

int st_assigned_demo(int k)
{
	char b[4] = {'-', 'a', 'b', 0};

	if (k == 1)
		b[0] = 'x';
	return st_assigned_value(k > 1 ? 0 : b);
}

int st_table(int k)
{
	char digits[4] = {'a', 'b', 'c', 'd'};
	int sum[2] = {0, 0};

	sum[k & 1] = digits[k & 3];
	return sum[0] + sum[1];
}

int st_tail_choice(int i, int n)
{
	int k = i * 2;

	n += 1;
	return k != n ? k : -1;
}

void st_flag_set(unsigned *f)
{
	*f = *f | 4u;
}

unsigned st_flag(unsigned x)
{
	st_flag_set(&x);
	return x;
}

int st_nested_tail(int a, int b)
{
	if (a > 0) {
		b += a;
		if (b > 10)
			return 1;
		else
			return 2;
	} else {
		return 3;
	}
}

int st_case_jumps(int k, int t)
{
	switch (k) {
	case 1:
		if (t == 0) {
			t = 5;
			break;
		} else {
			return -1;
		}
		break; /* never reached */
	default:
		t = 9;
	}
	return t;
}
