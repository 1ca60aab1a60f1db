#include <string.h>
static int dp[33][33];
int lcs_len(int variant) { const char *a = variant ? "AGGTABQWERTY" : "ABCBDAB";
    const char *b = variant ? "GXTXAYBWRT" : "BDCABA";
    int n = (int)strlen(a), m = (int)strlen(b);
    for (int i = 0; i <= n; i++) for (int j = 0; j <= m; j++) {
        if (!i || !j) dp[i][j] = 0;
        else if (a[i - 1] == b[j - 1]) dp[i][j] = dp[i - 1][j - 1] + 1;
        else dp[i][j] = dp[i - 1][j] > dp[i][j - 1] ? dp[i - 1][j] : dp[i][j - 1]; }
    return dp[n][m]; }
