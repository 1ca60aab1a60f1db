#include "track.h"

unsigned track_max(struct track *k, unsigned win, unsigned t, unsigned v);
unsigned track_peek(const struct track *k);
unsigned keep(struct sample *s);
unsigned swap_both(struct sample *a, struct sample *b);
unsigned next_of(struct sample *s, unsigned i);
unsigned counted(struct track *k);
unsigned summed(unsigned t, unsigned v);

int main(void)
{
	struct track k = { { { 0, 0 }, { 0, 0 }, { 0, 0 } } };
	struct sample pair[2] = { { 1, 2 }, { 3, 4 } };
	int ok = track_max(&k, 10, 1, 5) == 5 && k.s[2].v == 5 && k.s[1].t == 1;
	ok = ok && track_max(&k, 10, 2, 3) == 5 && track_max(&k, 10, 3, 9) == 9 && k.s[2].t == 3;
	ok = ok && track_max(&k, 1, 30, 1) == 1 && track_peek(&k) == 2;
	ok = ok && keep(&pair[0]) == 3 && last_sample == &pair[0];
	ok = ok && swap_both(&pair[0], &pair[1]) == 4 && pair[1].v == 3 && swap_both(&pair[0], &pair[0]) == 4;
	ok = ok && next_of(pair, 1) == 2 && pair[1].t == 2;
	ok = ok && counted(&k) == 31 && resets == 1;
	ok = ok && summed(2, 3) == 5;
	return !ok;
}
