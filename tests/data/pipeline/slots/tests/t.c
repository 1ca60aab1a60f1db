#include <stdio.h>
#include <stdlib.h>

typedef struct {
	int rows;
	int cols;
	double *data;
} grid;
void grid_fill(grid **g, double v);
int grid_make(grid **out, int rows, int cols);
void grid_drop(grid **slot);
int count_at(int *const *counter);
double grid_sum(int rows, int cols, double v);
void skip(const int **cur, int n);

int main(void)
{
	grid *g = NULL;
	int n = 7, *pn = &n;
	double s;
	const int nums[4] = {1, 2, 3, 4}, *cur = nums;

	if (grid_make(&g, 2, 3) != 0)
		return 1;
	grid_fill(&g, 1.5);
	s = g->data[0] + g->data[5];
	grid_drop(&g);
	grid_drop(&g);		/* a cleared slot */
	grid_drop(NULL);
	s += grid_sum(3, 4, 2.0) + count_at(&pn);
	skip(&cur, 3);
	skip(&cur, -1);
	printf("%g %p %d\n", s, (void *)g, *cur);
	return !(s == 3 + 24 + 7 && g == NULL && *cur == 3);
}
