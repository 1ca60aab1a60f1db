#include <string.h>
#include "lib.h"

int main(void)
{
	struct line *l = line_new("abc");
	struct stats st = { 0, 0, 0 };
	line_stats(&st, l);
	if (st.len != 3 || st.first != 'a' || st.calls != 1 || strcmp(l->text, "Xbc") != 0)
		return 1;
	line_put(l, l->text); /* a pointer into the owned buffer beside its struct */
	if (strcmp(l->text, "!bX") != 0)
		return 2;
	line_put(l, l->text + 1);
	if (strcmp(l->text, "!!b") != 0)
		return 3;
	struct line *m = line_new("xy");
	line_take(l, m);
	if (strcmp(l->text, "y!b") != 0 || l->len != 2)
		return 4;
	line_take(m, m); /* the same line twice */
	if (strcmp(m->text, "yy") != 0)
		return 5;
	line_free(m);
	line_free(l);
	return 0;
}
