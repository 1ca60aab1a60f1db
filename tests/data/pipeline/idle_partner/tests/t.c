#include <stdio.h>

struct grid { int n; double cell[16]; };
double diagonal_max(struct grid *g, int *moves);
double counted_max(struct grid *g, int *moves);

static void fill(struct grid *g)
{
	g->n = 4;
	for (int i = 0; i < 16; i++)
		g->cell[i] = (i * 7) % 11;
}

int main(void)
{
	struct grid g;
	int k = 0, bad = 0;
	fill(&g);
	bad |= diagonal_max(&g, &k) != 6.0 || k != 0 || g.cell[3] != 6.0;
	fill(&g);
	bad |= diagonal_max(&g, &g.n) != 6.0 || g.n != 4;	/* the pointer lies in `g`: never followed */
	bad |= diagonal_max(&g, 0) != -1.0;
	fill(&g);
	bad |= counted_max(&g, &k) != 6.0 || k != 3;
	printf("%d %g %d\n", bad, g.cell[2], k);
	return bad;
}
