int lis(const int *a, int n) {
	int dp[n], best = 0;
	for (int i = 0; i < n; i++) {
		dp[i] = 1;
		for (int j = 0; j < i; j++)
			if (a[j] < a[i] && dp[j] + 1 > dp[i]) dp[i] = dp[j] + 1;
		if (dp[i] > best) best = dp[i];
	}
	return best;
}
int vla_demo(int k)
{
	int v[8] = { 5, 1, 6, 2, 7, 3, 8, k };
	int m = k % 3 + 2; double w[m]; w[0] = 2.5; w[m - 1] = 1.5;  /* m >= 2: w[0] is set too */
	return lis(v, 8) * 10 + (int)(w[m - 1] * 2) + (int)w[0];
}
