#include <stdio.h>
#include "../clock.h"

int clash_value(void);
int first(int *a);
int first_plus(int *a);
int poke(int v);

int main(void)
{
	int bad = 0;
	bad |= since(10, 15) != 5;
	bad |= later(100, 5) != 105;
	bad |= widen(21) != 42;
	bad |= len_of(9) != 10;
	bad |= scale(4) != 8;
	bad |= total(1) != 5;
	bad |= !is_null(0);
	bad |= tick() != 20;
	bad |= ticks(1) != 3;
	bad |= clash_value() != 7;
	bad |= first(&bad) != 0 || first_plus(&bad) != 1 || poke(3) != 2;
	count = 5;
	bad |= total(1) != 7;
	if (bad)
		printf("FAIL\n");
	return bad;
}
