#include <stdlib.h>

typedef struct {
	int rows;
	int cols;
	double *data;
} grid;

/* A slot read once on every call: the grid it holds is followed raw. */
void grid_fill(grid **g, double v)
{
	for (int i = 0; i < (*g)->rows * (*g)->cols; i++)
		(*g)->data[i] = v;
}

/* A slot only stored into: a fresh grid, or NULL when out of memory. */
int grid_make(grid **out, int rows, int cols)
{
	grid *g = malloc(sizeof *g);
	if (!g)
		return -1;
	g->rows = rows;
	g->cols = cols;
	g->data = calloc((size_t)rows * (size_t)cols, sizeof(double));
	*out = g;
	return g->data ? 0 : -1;
}

/* A slot loaded, freed and cleared; NULL is allowed. */
void grid_drop(grid **slot)
{
	if (!slot || !*slot)
		return;
	free((*slot)->data);
	free(*slot);
	*slot = NULL;
}

/* A slot of a counter pointer, read only. */
int count_at(int *const *counter)
{
	return **counter;
}

void skip(const int **cur, int n)
{
	*cur += n;		/* a cursor slot moved on without reading through it */
}

/* An array of grids read below its count: a slice of pointers. */
double grids_total(grid *const *gs, int n)
{
	double t = 0;
	for (int i = 0; i < n; i++)
		t += gs[i]->rows * gs[i]->cols;
	return t;
}

void clear_names(const char **names, int n)
{
	/* an array of strings cleared below its count */
	for (int i = 0; i < n; i++)
		names[i] = NULL;
}

/* Callers lending a local's address. */
double grid_sum(int rows, int cols, double v)
{
	grid *g = NULL;
	double s = 0;
	if (grid_make(&g, rows, cols) == 0) {
		grid_fill(&g, v);
		for (int i = 0; i < rows * cols; i++)
			s += g->data[i];
	}
	grid_drop(&g);
	return s;
}
