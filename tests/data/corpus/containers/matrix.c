/* Fixed-size matrices as 2-D array parameters. */
#include <string.h>
#include "containers.h"

void mat_identity(int m[N][N])
{
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			m[i][j] = i == j;
}

void mat_transpose(int m[][N])
{
	for (int i = 0; i < N; i++)
		for (int j = i + 1; j < N; j++) {
			int t = m[i][j];
			m[i][j] = m[j][i];
			m[j][i] = t;
		}
}

long mat_trace(const int m[N][N])
{
	long t = 0;

	for (int i = 0; i < N; i++)
		t += m[i][i];
	return t;
}

int mat_det3(int m[N][N])
{
	return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
	     - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
	     + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
}

static void mul(int a[N][N], int b[N][N], int out[N][N])
{
	int tmp[N][N];

	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			tmp[i][j] = 0;
			for (int k = 0; k < N; k++)
				tmp[i][j] += a[i][k] * b[k][j];
		}
	memcpy(out, tmp, sizeof(tmp));
}

void mat_power(int m[N][N], unsigned e, int out[N][N])
{
	int base[N][N];

	memcpy(base, m, sizeof(base));
	mat_identity(out);
	while (e) {
		if (e & 1)
			mul(out, base, out);
		mul(base, base, base);
		e >>= 1;
	}
}

int spiral_sum(int rows, int cols, int grid[rows][cols])
{
	int top = 0, bottom = rows - 1, left = 0, right = cols - 1, sum = 0, k = 1;

	while (top <= bottom && left <= right) {
		for (int j = left; j <= right; j++)
			sum += grid[top][j] * k++;
		top++;
		for (int i = top; i <= bottom; i++)
			sum += grid[i][right] * k++;
		right--;
		if (top <= bottom) {
			for (int j = right; j >= left; j--)
				sum += grid[bottom][j] * k++;
			bottom--;
		}
		if (left <= right) {
			for (int i = bottom; i >= top; i--)
				sum += grid[i][left] * k++;
			left++;
		}
	}
	return sum;
}
