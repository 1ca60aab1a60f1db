/* A typedef of long double, and a struct with a long double member. */
typedef long double real;

struct lds {
	long double v;
	int n;
};

struct pair {
	int a;
	int b;
};

real rtwice(real x)
{
	return x * 2;
}

struct lds lds_make(int n)
{
	struct lds s = { 0.5L, n };
	return s;
}

/* Only a pointer to the struct: the signature is fine, the body reads a member. */
int lds_n(const struct lds *p)
{
	return p->n;
}

int pair_sum(const struct pair *p)
{
	return p->a + p->b;
}

int real_is_null(const real *p)
{
	return p == 0;
}

/* A typedef of a pointer to a function taking a long double: only a pointer. */
typedef double (*ldfn)(long double);

int has_fn(ldfn f)
{
	return f != 0;
}
