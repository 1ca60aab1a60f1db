#include "track.h"

struct sample *last_sample;
int resets;

unsigned track_max(struct track *k, unsigned win, unsigned t, unsigned v)
{
	/* keeps the best (largest) value of a window of `win` ticks */
	if (v >= k->s[0].v || t - k->s[2].t > win)
		return track_reset(k, t, v);
	if (v >= k->s[1].v) {
		k->s[1].t = t;
		k->s[1].v = v;
	}
	return track_best(k);
}

unsigned track_peek(const struct track *k) { return track_best(k) + k->s[1].v; }

unsigned keep(struct sample *s) { sample_keep(s); return s->v; }

unsigned swap_both(struct sample *a, struct sample *b) { sample_swap(a, b); return a->v; }

unsigned next_of(struct sample *s, unsigned i) { return sample_next(s, i); }

unsigned counted(struct track *k)
{
	unsigned c = track_count(k);

	return c + (unsigned)resets;
}

static unsigned sample_sum(const struct sample *s) { return s->t + s->v; }

unsigned summed(unsigned t, unsigned v)
{
	struct sample x = { .t = t, .v = v };

	return sample_sum(&x); /* a local for a `const` pointer parameter: lent as `&x` */
}
