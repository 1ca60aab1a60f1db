#include <stdlib.h>
#include <string.h>
#include "lib.h"

/* text only ever holds strdup's buffer (rule owned-buffer): no struct lies in it */
struct line *line_new(const char *s)
{
	struct line *l = malloc(sizeof *l);
	l->text = strdup(s);
	l->len = strlen(s);
	return l;
}

/* st cannot lie in l->text's buffer, which holds no struct: both are references */
void line_stats(struct stats *st, struct line *l)
{
	st->len = l->len;
	st->first = l->len ? l->text[0] : 0;
	l->text[0] = 'X';
	st->calls++;
}

/* p may point into l->text's buffer (the C test passes one): it stays raw */
void line_put(struct line *l, char *p)
{
	char c = *p;
	l->text[l->len - 1] = c;
	*p = '!';
}

/* dst and src may be the same line: the C ABI entry checks, and runs this C when they overlap */
void line_take(struct line *dst, const struct line *src)
{
	dst->text[0] = src->text[src->len - 1];
	dst->len = dst->len < src->len ? dst->len : src->len;
}

void line_free(struct line *l)
{
	free(l->text);
	free(l);
}
