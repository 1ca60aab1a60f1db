#include <stdio.h>
#include <string.h>
#include "kobj.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

struct item {
	int v;
	struct list_head link;
};

static int released;
static void count_release(struct kref *k) { (void)k; released++; }

int main(void)
{
	static struct kset set;
	struct kobj *a, *b, *c, *e;
	struct kref r;
	unsigned int ids[8];
	struct list_head l1 = LIST_HEAD_INIT(l1), l2;
	struct item items[4];
	int i;

	kref_init(&r);
	kref_get(&r);
	CHECK(kref_read(&r) == 2 && kref_put(&r, count_release) == 0);
	CHECK(kref_put(&r, count_release) == 1 && released == 1 && kref_put(&r, count_release) == -EINVAL);

	kset_init(&set);
	a = kobj_create(&set, 10, "a", 5, 0);
	b = kobj_create(&set, 20, "b", -3, 0);
	c = kobj_create(&set, 30, "c", 2, 1);
	CHECK(!IS_ERR(a) && !IS_ERR(b) && !IS_ERR(c) && set.count == 3);
	e = kobj_create(&set, 10, "dup", 0, 0);
	CHECK(IS_ERR(e) && PTR_ERR(e) == -EEXIST);
	e = kobj_create(&set, 40, "bad", 0, 7);
	CHECK(IS_ERR(e) && PTR_ERR(e) == -EINVAL && IS_ERR_OR_NULL(NULL));
	CHECK(kset_find(&set, 20) == b && kset_find(&set, 21) == NULL);
	CHECK(!strcmp(kobj_kind_name(c), "heavy") && !strcmp(kobj_kind_name(a), "plain"));
	CHECK(kset_total_weight(&set) == 5 - 3 + 2 * 10 + 30);
	CHECK(kset_ids(&set, ids, 8) == 3 && ids[0] == 10 && ids[2] == 30);
	kref_get(&a->ref);
	CHECK(kobj_put(&set, a) == 0 && kset_find(&set, 10) == a);
	CHECK(kset_remove_invalid(&set) == 1 && set.count == 2 && set.released == 1 && !kset_find(&set, 20));
	CHECK(kset_ids(&set, ids, 1) == 1 && ids[0] == 10);
	CHECK(kobj_put(&set, e) == -EINVAL);
	kset_destroy(&set);
	CHECK(set.count == 0 && set.released == 3 && list_empty(&set.objects));
	CHECK(kset_ids(&set, ids, 8) == 0);

	INIT_LIST_HEAD(&l2);
	for (i = 0; i < 4; i++) {
		items[i].v = i;
		list_add_tail(&items[i].link, i < 2 ? &l1 : &l2);
	}
	list_splice_tail_init(&l2, &l1);
	CHECK(list_count(&l1) == 4 && list_empty(&l2));
	list_rotate_left(&l1);
	CHECK(list_first_entry(&l1, struct item, link)->v == 1);
	CHECK(list_entry(l1.prev, struct item, link)->v == 0);
	return failures != 0;
}
