#define MAXN 4
#define COLS (2 * MAXN)
static int fill(int dp[][MAXN + 1], char names[][COLS - 1], int n) { int s = 0;
    for (int i = 0; i < n; i++) { names[i][0] = (char)('a' + i); names[i][COLS - 2] = 0;
        for (int j = 0; j <= MAXN; j++) { dp[i][j] = i * 10 + j; s += dp[i][j] * (j + 1); } }
    return s + names[n - 1][0]; }
int run_const_dims(int n) { int dp[3][MAXN + 1]; char names[3][COLS - 1];
    return fill(dp, names, n) * 100 + dp[n - 1][MAXN] + (int)sizeof(names[0]); }
