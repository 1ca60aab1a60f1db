/* Functions the harness could not call: an always_inline definition (its declaration view has no body to
 * inline), and a parameter that is a pointer to a typedef of a function type. */
#include "calls.h"

__attribute__((always_inline)) inline void mix(unsigned char s[4])
{
	for (int i = 0; i < 4; i++)
		s[i] ^= (unsigned char)(s[(i + 1) % 4] << 1);
}

__attribute__((always_inline)) inline void mix_bad(unsigned char s[4])
{
	for (int i = 0; i < 4; i++)
		s[i] ^= (unsigned char)(s[(i + 1) % 4] << 1);
}

void bump(int *item)
{
	*item = (int)((unsigned)*item + 1u);
}

int visit_all(int *items, int n, visit_fn *visit)
{
	for (int i = 0; i < n; i++)
		if (visit)
			visit(&items[i]);
	return n > 0 ? items[0] & 0xff : -1;
}

int visit_all_bad(int *items, int n, visit_fn *visit)
{
	for (int i = 0; i < n; i++)
		if (visit)
			visit(&items[i]);
	return n > 0 ? items[0] & 0xff : -1;
}

/* Bit-fields: given by value (what the function returns from them is compared). */
struct flags {
	unsigned kind : 3;
	unsigned level : 5;
	int delta : 4;
	unsigned wide : 32;
};

int flags_score(const struct flags *f)
{
	return (int)(f->kind * 100 + f->level * 3) + f->delta + (int)(f->wide & 0xff);
}

int flags_score_bad(const struct flags *f)
{
	return (int)(f->kind * 100 + f->level * 3) + f->delta + (int)(f->wide & 0xff);
}
