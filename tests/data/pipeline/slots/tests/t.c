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
double grids_total(grid *const *gs, int n);
void clear_names(const char **names, int n);

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
	grid a = {2, 3, NULL}, b = {4, 1, NULL};
	grid *gs[2] = {&a, &b};
	const char *names[3] = {"x", "y", "z"};

	s += grids_total(gs, 2) + grids_total(gs, 0);
	clear_names(names, 2);
	if (names[0] || names[1] || !names[2])
		return 2;
	skip(&cur, 3);
	skip(&cur, -1);
	printf("%g %p %d\n", s, (void *)g, *cur);
	return !(s == 3 + 24 + 7 + 10 && g == NULL && *cur == 3);
}
