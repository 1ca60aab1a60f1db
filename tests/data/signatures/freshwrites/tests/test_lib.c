#include <stdlib.h>
#include <string.h>
#include "lib.h"

int main(void)
{
	char hello[] = "he llo", world[] = " 42";
	struct obj a, b, c, d, n;
	obj_set(&a, hello);
	obj_set(&b, world);
	obj_concat(&a, &b, &c);
	if (c.kind != 1 || strcmp(c.text, "he llo 42") != 0)
		return 1;
	obj_squeeze(&c, &d);
	if (strcmp(d.text, "hello42") != 0 || strcmp(c.text, "he llo 42") != 0)
		return 2;
	if (obj_parse(&b, &n) != 42 || n.kind != 2 || n.text != NULL)
		return 3;
	free(c.text);
	free(d.text);
	return 0;
}
