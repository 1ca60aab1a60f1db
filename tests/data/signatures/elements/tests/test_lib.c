/* The C test of lib.c: run against the C, then against the Rust (every function translated). */
void le_bubble(int *a, int n);
void le_select(int *a, int n);
void le_rec(int *a, int n);
int le_sentinel(int *a, int n, int key);
void le_select_any(int *a, int n);
void le_keep_pairs(int *a, int n);
int le_grow(int *a, int n);
extern int *le_kept;

static int sorted(const int *a, int n) {
	for (int i = 0; i + 1 < n; i++)
		if (a[i] > a[i + 1])
			return 0;
	return 1;
}

int main(void)
{
	int a[7] = {5, 3, -2, 9, 0, 3, 1}, b[7] = {5, 3, -2, 9, 0, 3, 1}, c[7] = {5, 3, -2, 9, 0, 3, 1};
	int d[7] = {5, 3, -2, 9, 0, 3, 1}, e[6] = {4, 8, 15, 16, 23, 42};

	le_bubble(a, 7);
	le_select(b, 7);
	le_rec(c, 7);
	le_select_any(d, 7);
	le_bubble(a, 0);
	le_select(b, 1);
	le_rec(c, 0);
	if (!sorted(a, 7) || !sorted(b, 7) || !sorted(c, 7) || !sorted(d, 7) || a[0] != -2 || d[6] != 9)
		return 1;
	if (le_sentinel(e, 6, 15) != 2 || le_sentinel(e, 6, 42) != 5 || le_sentinel(e, 6, 7) != -1 || e[5] != 42)
		return 2;
	le_keep_pairs(e, 6);
	if (e[0] != 8 || e[1] != 4 || le_kept != &e[4] || le_grow(e, 1) != 24)
		return 3;
	return 0;
}
