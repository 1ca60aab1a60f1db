/* Helpers of a header outside SRC (../include): static inline functions SRC calls, with no symbol. */
#ifndef TRACK_H
#define TRACK_H

struct sample { unsigned t; unsigned v; };
struct track { struct sample s[3]; };

extern struct sample *last_sample;
extern int resets;

/* writes only through its struct pointer: proven `&mut track` */
static inline unsigned track_reset(struct track *k, unsigned t, unsigned v)
{
	struct sample val = { .t = t, .v = v };
	k->s[2] = k->s[1] = k->s[0] = val;
	return k->s[0].v;
}

/* reads only: proven `&track` */
static inline unsigned track_best(const struct track *k) { return k->s[0].v; }

/* stores its pointer in a global: stays raw */
static inline void sample_keep(struct sample *s) { s->v += 1; last_sample = s; }

/* two pointers that may be the same sample: stays raw */
static inline void sample_swap(struct sample *a, struct sample *b)
{
	unsigned t = a->v;
	a->v = b->v;
	b->v = t;
}

/* indexes past the one element it is given: stays raw */
static inline unsigned sample_next(struct sample *s, unsigned i) { s[i].t = s[0].t + 1; return s[i].t; }

/* writes a mutable global: stays raw */
static inline unsigned track_count(struct track *k) { resets++; return k->s[0].t; }

#endif
