#include "clock.h"

int count = 3;
static int level = 2; /* a file-scope static that a local and a parameter shadow */

long since(time_t start, time_t now) { return (long)(now - start); }
stamp_t later(stamp_t t, int by) { return t + by; }
unit_t widen(unit_t w) { return (unit_t)(w * 2u); }
LEN_TYPE len_of(LEN_TYPE n) { return (LEN_TYPE)(n + 1); }

/* a parameter with the name of a global */
int scale(int count) { return count * level; }

/* a local with the name of a file-scope static, and a parameter with it */
int total(int n)
{
	int level = n + 1;
	return level + count;
}

static int deeper(int level) { return level * 10; }

int is_null(const Hidden *h) { return h == 0; }
int tick(void) { return deeper(level); }
