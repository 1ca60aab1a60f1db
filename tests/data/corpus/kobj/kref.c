// SPDX-License-Identifier: GPL-2.0
#include "kobj.h"

void kref_init(struct kref *kref)
{
	WRITE_ONCE(kref->refcount, 1);
}
EXPORT_SYMBOL(kref_init);

void kref_get(struct kref *kref)
{
	kref->refcount++;
}
EXPORT_SYMBOL(kref_get);

int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (unlikely(kref->refcount <= 0))
		return -EINVAL;
	if (--kref->refcount == 0) {
		release(kref);
		return 1;
	}
	return 0;
}
EXPORT_SYMBOL(kref_put);

int kref_read(const struct kref *kref)
{
	return READ_ONCE(kref->refcount);
}

void list_splice_tail_init(struct list_head *list, struct list_head *head)
{
	struct list_head *first = list->next, *last = list->prev, *at = head->prev;

	if (list_empty(list))
		return;
	first->prev = at;
	at->next = first;
	last->next = head;
	head->prev = last;
	INIT_LIST_HEAD(list);
}

int list_count(const struct list_head *head)
{
	const struct list_head *pos;
	int n = 0;

	for (pos = head->next; pos != head; pos = pos->next)
		n++;
	return n;
}

void list_rotate_left(struct list_head *head)
{
	struct list_head *first;

	if (!list_empty(head)) {
		first = head->next;
		list_del(first);
		list_add_tail(first, head);
	}
}
