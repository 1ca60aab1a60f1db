#include "nonexistent.h"

int ok_fn(int x)
{
	return x + 1;
}

int needs_missing(int x)
{
	return missing_fn(x) + MISSING_CONST;
}
