#define N 4
static int row_sum(int (*row)[N]) { int s = 0; for (int i = 0; i < N; i++) s += (*row)[i]; return s; }
static long grid_sum(const double (*g)[2][3], int n) { double t = 0; for (int k = 0; k < n; k++)
    for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) t += g[k][i][j]; return (long)(t * 10); }
int run_ptr_to_array(int k) { int m[3][N]; double cube[2][2][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < N; j++) m[i][j] = i * k + j;
    for (int i = 0; i < 12; i++) (&cube[0][0][0])[i] = i * 0.5 + k;
    int (*p)[N] = m; p++;
    return row_sum(p) * 100 + row_sum(&m[2]) + (int)grid_sum(cube, 2) * 10000; }
