#include "lib.h"

int main(void)
{
	struct ent *slots[3] = {NULL, NULL, NULL};
	struct ent a = {1, NULL}, b = {4, NULL}, c = {2, NULL};
	struct table t = {slots, 3, 0};

	table_put(&t, &a);
	table_put(&t, &b);
	table_put(&t, &c);
	if (t.count != 3 || slots[1] != &b || b.next != &a || slots[2] != &c || slots[0] != NULL)
		return 1;
	table_clear(&t);
	if (t.count != 0 || slots[1] != NULL || slots[2] != NULL)
		return 2;
	struct cursor cur = {NULL, NULL};
	cur.at = &cur.head; /* into the struct itself: right, as cursor_set stays raw */
	cursor_set(&cur, &a);
	return cur.head == &a ? 0 : 3;
}
