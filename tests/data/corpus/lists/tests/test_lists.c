#include <stdio.h>
#include <stdlib.h>
#include "../lists.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

int main(void)
{
	struct node *l = NULL, *a = NULL, *b = NULL, *n;
	struct dlist d;
	int v, i;

	for (i = 0; i < 5; i++)
		l = list_push(l, i);
	l = list_append(l, 99);
	CHECK(list_length(l) == 6);
	CHECK(list_nth(l, 0, &v) == 0 && v == 4);
	CHECK(list_nth(l, 5, &v) == 0 && v == 99);
	CHECK(list_nth(l, 6, &v) == -1);
	CHECK(list_find(l, 2) && list_find(l, 2)->data == 2 && !list_find(l, 7));
	l = list_reverse(l);
	CHECK(l->data == 99 && list_length(l) == 6);
	CHECK(list_remove(&l, 99) == 1 && l->data == 0);
	CHECK(list_remove(&l, 3) == 1 && list_remove(&l, 3) == 0 && list_length(l) == 4);
	CHECK(!list_has_cycle(l));
	list_free(l);

	for (i = 10; i > 0; i -= 3)
		a = list_sorted_insert(a, list_push(NULL, i));
	for (i = 0; i < 9; i += 4)
		b = list_sorted_insert(b, list_push(NULL, i));
	a = list_merge_sorted(a, b);
	CHECK(list_length(a) == 7);
	for (n = a, v = -1; n; n = n->next) {
		CHECK(n->data >= v);
		v = n->data;
	}
	n = a;
	while (n->next)
		n = n->next;
	n->next = a->next;
	CHECK(list_has_cycle(a));
	n->next = NULL;
	list_free(a);

	dlist_init(&d);
	for (i = 1; i <= 4; i++)
		dlist_push_back(&d, i);
	dlist_push_front(&d, 0);
	CHECK(d.count == 5 && d.head->key == 0 && d.tail->key == 4);
	dlist_unlink(&d, d.head->next->next);
	free(NULL);
	CHECK(d.count == 4);
	CHECK(dlist_checksum(&d, 0) == ((((17L * 31 + 0) * 31 + 1) * 31 + 3) * 31 + 4));
	CHECK(dlist_checksum(&d, 1) == ((((17L * 31 + 4) * 31 + 3) * 31 + 1) * 31 + 0));
	CHECK(dlist_pop_front(&d, &v) && v == 0);
	dlist_clear(&d);
	CHECK(d.count == 0 && d.head == NULL && d.tail == NULL && !dlist_pop_front(&d, &v));
	return failures != 0;
}
