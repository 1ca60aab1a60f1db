#include <hint.h>

struct tally tally = {2, 0};
static int store[3] = {4, 5, 6};

int *entry_point(void)
{
	return &store[1];
}

int clamp_hint(int v, int lo, int hi)
{
	if (rarely(v < lo))
		return lo;
	if (often(v <= hi))
		return v;
	return hi;
}

int checked_once(int v)
{
	return CHECK_ONCE(v > 100) ? 100 : clamp_hint(v, -100, 100);
}

int first_slot(struct box b)
{
	return FIRST_OF(&b);
}

int counted(int v)
{
	return HITS() + v;
}

int entry_value(void)
{
	return ENTRY + 1;
}

char digit(unsigned n)
{
	return DIGITS[n % 10];
}

int tagged(int v, int w)
{
	return TAGGED(v) + TAGGED(w);
}
