#include <stddef.h>
#include <stdint.h>

/* The larger of two counters; 0 when either is missing. */
int32_t max_of(const int32_t *a, const int32_t *b)
{
	if (a == NULL || b == NULL)
		return 0;
	if (*a > *b)
		return *a;
	return *b;
}

/* Adds step to the counter unless that passes limit; returns whether it did. */
int32_t bump(int32_t *counter, int32_t step, int32_t limit)
{
	if (counter == NULL)
		return 0;
	if (*counter > limit - step)
		return 0;
	*counter = *counter + step;
	return 1;
}

/* The sum of the first n values; 0 for none. */
int64_t total(const int32_t *values, int32_t n)
{
	int64_t sum = 0;
	int32_t i;

	if (values == NULL)
		return 0;
	for (i = 0; i < n; i++)
		sum += values[i];
	return sum;
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
