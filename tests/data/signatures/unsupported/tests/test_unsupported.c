/* Links against the C and against the migrated crate: every function, including the ones kept in C. */
struct pair {
	int a;
	int b;
};

struct lds {
	long double v;
	int n;
};

int add(int a, int b);
int twice(int a);
long double ld_scale(long double x, int k);
double use_ld(double x);
double half(double x);
int ld_is_null(const long double *p);
long double rtwice(long double x);
struct lds lds_make(int n);
int lds_n(const struct lds *p);
int pair_sum(const struct pair *p);
int real_is_null(const long double *p);

int main(void)
{
	struct pair p = { 2, 3 };
	struct lds s = lds_make(7);
	long double x = 1.5L;

	if (add(2, 3) != 5 || twice(4) != 8)
		return 1;
	if (ld_scale(1.0L, 3) != 8.0L || use_ld(1.0) != 8.0 || half(3.0) != 1.5)
		return 2;
	if (!ld_is_null(0) || ld_is_null(&x) || !real_is_null(0))
		return 3;
	if (rtwice(x) != 3.0L || s.n != 7 || lds_n(&s) != 7 || pair_sum(&p) != 5)
		return 4;
	return 0;
}
