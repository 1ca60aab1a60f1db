#include "helpers.h"

uint64_t rotated(uint64_t *acc, unsigned int s);
byte_t mixed(byte_t *acc, byte_t b);
int bumped(int *n);
int hooks(int *n);
uint32_t stored(uint32_t *out, uint32_t v);
uint32_t loaded(uint32_t *out, uint32_t v);

static int hook_runs;
static void count_hook(void) { hook_runs++; }

int main(void)
{
	uint64_t a = 0x8000000000000001ULL;
	byte_t m = 7;
	int n = 4, k = 10;
	uint32_t o = 0, l = 0;
	int ok = rotated(&a, 4) == (0x18ULL ^ 1) && a == 0x18ULL;
	ok = ok && mixed(&m, 3) == mix_table[((7 << 1) ^ 3) & 15] && mixed(&m, 200) == m;
	ok = ok && bumped(&n) == 5 && n == 5 && helper_calls == 1;
	helper_hook = count_hook;
	ok = ok && hooks(&k) == 11 && hook_runs == 1;
	ok = ok && stored(&o, 9) == 19 && o == 9 && loaded(&l, 5) == 16 && l == 15;
	return !ok;
}
