#include <stddef.h>
#include <stdint.h>

/* Read by both functions: an int32_t pointer may point at it, so no run-time overlap check can free them. */
static int32_t enabled = 1;

/* Puts the smaller of two counters first; returns whether it swapped them. Both are written and may
   alias, so the builtin keeps them raw pointers. */
int32_t order(int32_t *a, int32_t *b)
{
	int32_t t;

	if (!enabled || a == NULL || b == NULL)
		return 0;
	if (*a <= *b)
		return 0;
	t = *a;
	*a = *b;
	*b = t;
	return 1;
}

/* Adds step to the counter unless that passes limit, counting the hits; returns whether it did.
   Both pointers are written and may alias: raw. */
int32_t bump(int32_t *counter, int32_t *hits, int32_t step, int32_t limit)
{
	if (!enabled || counter == NULL || hits == NULL)
		return 0;
	if (*counter > limit - step)
		return 0;
	*counter = *counter + step;
	*hits = *hits + 1;
	return 1;
}

/* The sum of the first n values and the last one again; 0 for none. Indexes outside the counted loop:
   raw. */
int64_t total(const int32_t *values, int32_t n)
{
	int64_t sum = 0;
	int32_t i;

	if (values == NULL || n <= 0)
		return 0;
	for (i = 0; i < n; i++)
		sum += values[i];
	return sum + values[n - 1];
}

/* x kept within [lo, hi]. */
int32_t clamp(int32_t x, int32_t lo, int32_t hi)
{
	if (x < lo)
		return lo;
	if (x > hi)
		return hi;
	return x;
}
