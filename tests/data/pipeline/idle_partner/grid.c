/* A struct parameter beside a pointer the function only steps or compares, never follows: whatever the
 * caller passes for it (even the struct's own address), nothing is reached through it. */

struct grid { int n; double cell[16]; };

/* The largest diagonal cell, each running maximum written back into the first row; `moves` counts the new
 * maxima in the pointer itself, a step no caller ever sees (nothing follows it). */
double diagonal_max(struct grid *g, int *moves)
{
	double best = g->cell[0];
	if (moves == 0)
		return -1.0;
	for (int i = 0; i < 4; i++) {
		if (g->cell[i * 4 + i] > best) {
			best = g->cell[i * 4 + i];
			moves++;
		}
		g->cell[i] = best;
	}
	return best;
}

/* As diagonal_max, but the count goes through the pointer: `g` may share its bytes. */
double counted_max(struct grid *g, int *moves)
{
	double best = g->cell[0];
	for (int i = 0; i < 4; i++) {
		if (g->cell[i * 4 + i] > best) {
			best = g->cell[i * 4 + i];
			*moves += 1;
		}
		g->cell[i] = best;
	}
	return best;
}
