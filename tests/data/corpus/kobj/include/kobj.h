#ifndef _KOBJ_H
#define _KOBJ_H
#include "kdefs.h"

struct kobj;

struct kobj_ops {
	int (*validate)(const struct kobj *obj);
	long (*weight)(const struct kobj *obj);
	void (*release)(struct kobj *obj);
};

struct kobj {
	unsigned int id;
	const char *name;
	struct kref ref;
	struct list_head node;
	struct hlist_node hnode;
	const struct kobj_ops *ops;
	long payload;
};

#define KOBJ_HASH_BITS 4
#define KOBJ_HASH_SIZE (1U << KOBJ_HASH_BITS)

struct kset {
	struct list_head objects;
	struct hlist_head hash[KOBJ_HASH_SIZE];
	unsigned int count;
	unsigned int released;
};

void kref_init(struct kref *kref);
void kref_get(struct kref *kref);
int kref_put(struct kref *kref, void (*release)(struct kref *kref));
int kref_read(const struct kref *kref);

void kset_init(struct kset *set);
struct kobj *kobj_create(struct kset *set, unsigned int id, const char *name, long payload, int kind);
struct kobj *kset_find(struct kset *set, unsigned int id);
int kobj_put(struct kset *set, struct kobj *obj);
long kset_total_weight(struct kset *set);
int kset_remove_invalid(struct kset *set);
int kset_ids(struct kset *set, unsigned int *out, int max);
void kset_destroy(struct kset *set);
const char *kobj_kind_name(const struct kobj *obj);
void list_splice_tail_init(struct list_head *list, struct list_head *head);
int list_count(const struct list_head *head);
void list_rotate_left(struct list_head *head);
#endif
