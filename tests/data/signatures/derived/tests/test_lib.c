#include <string.h>
#include "lib.h"

int main(void)
{
	struct stack *s = stack_new(4, "ab:c");
	stack_push(s, 3);
	stack_push(s, 5);
	if (s->n != 2 || s->base[1] != 5 || strcmp(s->label, "ab+c") != 0)
		return 1;
	if (stack_pop(s) != 5 || stack_pop(s) != 3 || s->n != 0)
		return 2;
	stack_free(s);
	return 0;
}
