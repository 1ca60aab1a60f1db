/* Dynamic programming on 2-D tables. */
#include <stdlib.h>
#include <string.h>
#include "graphdp.h"

static int max2(int a, int b) { return a > b ? a : b; }
static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;
	return m < c ? m : c;
}

int lcs_length(const char *a, const char *b)
{
	int L[MAXS + 1][MAXS + 1];
	int n = strlen(a), m = strlen(b), i, j;

	if (n > MAXS || m > MAXS)
		return -1;
	for (i = 0; i <= n; i++) {
		for (j = 0; j <= m; j++) {
			if (i == 0 || j == 0)
				L[i][j] = 0;
			else if (a[i - 1] == b[j - 1])
				L[i][j] = L[i - 1][j - 1] + 1;
			else
				L[i][j] = max2(L[i - 1][j], L[i][j - 1]);
		}
	}
	return L[n][m];
}

int edit_distance(const char *s, const char *t)
{
	static int d[MAXS + 1][MAXS + 1];
	size_t n = strlen(s), m = strlen(t);

	if (n > MAXS || m > MAXS)
		return -1;
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++)
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1,
				       d[i - 1][j - 1] + (s[i - 1] != t[j - 1]));
	return d[n][m];
}

int knapsack(const int *wt, const int *val, int n, int cap)
{
	int *best = calloc(cap + 1, sizeof(int));
	int i, w, r;

	if (!best)
		return -1;
	for (i = 0; i < n; i++)
		for (w = cap; w >= wt[i]; w--)
			best[w] = max2(best[w], best[w - wt[i]] + val[i]);
	r = best[cap];
	free(best);
	return r;
}

void mat_mul(int n, const int a[][MAXV], const int b[][MAXV], int c[][MAXV])
{
	int i, j, k;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			int s = 0;
			for (k = 0; k < n; k++)
				s += a[i][k] * b[k][j];
			c[i][j] = s;
		}
}

long long fib_memo(int n)
{
	static long long memo[93];

	if (n < 2)
		return n;
	if (n > 92)
		return -1;
	if (memo[n])
		return memo[n];
	return memo[n] = fib_memo(n - 1) + fib_memo(n - 2);
}

int coin_change(const int coins[], int ncoins, int amount)
{
	int ways[256];

	if (amount < 0 || amount > 255)
		return -1;
	memset(ways, 0, sizeof ways);
	ways[0] = 1;
	for (int c = 0; c < ncoins; c++)
		for (int v = coins[c]; v <= amount; v++)
			ways[v] += ways[v - coins[c]];
	return ways[amount];
}

int longest_increasing(const int *a, int n)
{
	int len[64], best = 0;

	if (n > 64)
		n = 64;
	for (int i = 0; i < n; i++) {
		len[i] = 1;
		for (int j = 0; j < i; j++)
			if (a[j] < a[i] && len[j] + 1 > len[i])
				len[i] = len[j] + 1;
		best = max2(best, len[i]);
	}
	return best;
}
