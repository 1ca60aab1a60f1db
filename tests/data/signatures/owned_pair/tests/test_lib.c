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
	line_free(l);
	return 0;
}
