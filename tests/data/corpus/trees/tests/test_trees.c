#include <stdio.h>
#include "../trees.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

struct acc { int n; int last; int ordered; };

static void collect(int key, void *ctx)
{
	struct acc *a = ctx;

	if (a->n && key <= a->last)
		a->ordered = 0;
	a->last = key;
	a->n++;
}

int main(void)
{
	struct bst *t = NULL;
	struct avl *v = NULL;
	struct acc a = { 0, 0, 1 };
	int i;

	for (i = 0; i < 50; i++)
		t = bst_insert(t, (i * 17) % 53);
	t = bst_insert(t, 17);
	CHECK(bst_count(t) == 50);
	CHECK(bst_search(t, 34) && !bst_search(t, 100));
	CHECK(bst_min(t)->key == 0);
	CHECK(bst_is_valid(t, -1000, 1000));
	bst_inorder(t, collect, &a);
	CHECK(a.n == 50 && a.ordered);
	t = bst_delete(t, 0);
	t = bst_delete(t, 17);
	t = bst_delete(t, t->key);
	t = bst_delete(t, 999);
	CHECK(bst_count(t) == 47 && bst_is_valid(t, -1000, 1000));
	CHECK(bst_height(t) > 5 && bst_height(NULL) == 0);
	bst_free(t);

	for (i = 0; i < 100; i++)
		v = avl_insert(v, i);
	v = avl_insert(v, 5);
	CHECK(avl_balanced(v));
	CHECK(avl_height(v) == 7);
	for (i = 200; i > 100; i -= 2)
		v = avl_insert(v, i);
	CHECK(avl_balanced(v));
	avl_free(v);
	return failures != 0;
}
