static int sum(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
static void fill(int a[], int n, int v) { while (n--) a[n] = v + n; }
static int trace(int m[][3], int n) { int t = 0; for (int i = 0; i < n; i++) t += m[i][i]; return t; }
int apar_sum(int v) { int a[6]; fill(a, 6, v); return sum(a, 6) + sum(a + 2, 2) * 1000; }
int apar_2d(void) { int m[3][3] = { {1, 2, 3}, {4, 5, 6}, {7, 8, 9} }; return trace(m, 3); }
