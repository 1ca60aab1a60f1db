// SPDX-License-Identifier: GPL-2.0
/* A set of reference-counted objects on a list and a hash, with per-kind ops tables. */
#include <stdlib.h>
#include "kobj.h"

static struct kset *release_target;

static int plain_validate(const struct kobj *obj)
{
	return obj->payload >= 0;
}

static long plain_weight(const struct kobj *obj)
{
	return obj->payload;
}

static long heavy_weight(const struct kobj *obj)
{
	return obj->payload * 10 + (long)obj->id;
}

static void kobj_free(struct kobj *obj)
{
	free(obj);
}

static const struct kobj_ops plain_ops = {
	.validate = plain_validate,
	.weight = plain_weight,
	.release = kobj_free,
};

static const struct kobj_ops heavy_ops = {
	.weight = heavy_weight,
	.release = kobj_free,
};

static const struct {
	const struct kobj_ops *ops;
	const char *name;
} kinds[] = {
	[0] = { &plain_ops, "plain" },
	[1] = { .ops = &heavy_ops, .name = "heavy" },
};

static inline unsigned int hash_id(unsigned int id)
{
	return (id * 0x61C88647u) >> (32 - KOBJ_HASH_BITS);
}

void kset_init(struct kset *set)
{
	unsigned int i;

	INIT_LIST_HEAD(&set->objects);
	for (i = 0; i < KOBJ_HASH_SIZE; i++)
		set->hash[i].first = NULL;
	set->count = 0;
	set->released = 0;
}
EXPORT_SYMBOL_GPL(kset_init);

struct kobj *kset_find(struct kset *set, unsigned int id)
{
	struct hlist_node *n;

	for (n = set->hash[hash_id(id)].first; n; n = n->next) {
		struct kobj *obj = container_of(n, struct kobj, hnode);
		if (obj->id == id)
			return obj;
	}
	return NULL;
}

struct kobj *kobj_create(struct kset *set, unsigned int id, const char *name, long payload, int kind)
{
	struct kobj *obj;

	if (kind < 0 || (size_t)kind >= ARRAY_SIZE(kinds))
		return ERR_PTR(-EINVAL);
	if (kset_find(set, id))
		return ERR_PTR(-EEXIST);
	obj = calloc(1, sizeof(*obj));
	if (unlikely(!obj))
		return ERR_PTR(-ENOMEM);
	obj->id = id;
	obj->name = name;
	obj->payload = payload;
	obj->ops = kinds[kind].ops;
	kref_init(&obj->ref);
	list_add_tail(&obj->node, &set->objects);
	hlist_add_head(&obj->hnode, &set->hash[hash_id(id)]);
	set->count++;
	return obj;
}

static void kobj_release(struct kref *ref)
{
	struct kobj *obj = container_of(ref, struct kobj, ref);

	list_del(&obj->node);
	hlist_del(&obj->hnode);
	release_target->count--;
	release_target->released++;
	obj->ops->release(obj);
}

int kobj_put(struct kset *set, struct kobj *obj)
{
	if (IS_ERR_OR_NULL(obj))
		return -EINVAL;
	release_target = set;
	return kref_put(&obj->ref, kobj_release);
}

long kset_total_weight(struct kset *set)
{
	struct list_head *pos;
	long total = 0;

	list_for_each(pos, &set->objects) {
		struct kobj *obj = list_entry(pos, struct kobj, node);
		total += obj->ops->weight ? obj->ops->weight(obj) : 0;
	}
	return total;
}

int kset_remove_invalid(struct kset *set)
{
	struct list_head *pos, *n;
	int removed = 0;

	list_for_each_safe(pos, n, &set->objects) {
		struct kobj *obj = list_entry(pos, struct kobj, node);
		if (obj->ops->validate && !obj->ops->validate(obj)) {
			kobj_put(set, obj);
			removed++;
		}
	}
	return removed;
}

int kset_ids(struct kset *set, unsigned int *out, int max)
{
	struct kobj *obj;
	int n = 0;

	if (list_empty(&set->objects))
		return 0;
	for (obj = list_first_entry(&set->objects, struct kobj, node);
	     &obj->node != &set->objects && n < max;
	     obj = list_entry(obj->node.next, struct kobj, node))
		out[n++] = obj->id;
	return n;
}

void kset_destroy(struct kset *set)
{
	while (!list_empty(&set->objects)) {
		struct kobj *obj = list_first_entry(&set->objects, struct kobj, node);
		while (kobj_put(set, obj) == 0)
			;
	}
}

const char *kobj_kind_name(const struct kobj *obj)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (kinds[i].ops == obj->ops)
			return kinds[i].name;
	return "unknown";
}
