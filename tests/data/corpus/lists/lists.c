/* Singly and doubly linked lists on the heap. */
#include <stdlib.h>
#include "lists.h"

static struct node *new_node(int v)
{
	struct node *n = (struct node *)malloc(sizeof(struct node));

	if (n) {
		n->data = v;
		n->next = NULL;
	}
	return n;
}

struct node *list_push(struct node *head, int v)
{
	struct node *n = new_node(v);

	if (!n)
		return head;
	n->next = head;
	return n;
}

struct node *list_append(struct node *head, int v)
{
	struct node *n = new_node(v), *p;

	if (head == NULL)
		return n;
	for (p = head; p->next != NULL; p = p->next)
		;
	p->next = n;
	return head;
}

int list_length(const struct node *head)
{
	int n = 0;

	while (head) {
		n++;
		head = head->next;
	}
	return n;
}

struct node *list_find(struct node *head, int v)
{
	for (; head; head = head->next)
		if (head->data == v)
			return head;
	return NULL;
}

struct node *list_reverse(struct node *head)
{
	struct node *prev = NULL, *next;

	while (head) {
		next = head->next;
		head->next = prev;
		prev = head;
		head = next;
	}
	return prev;
}

int list_remove(struct node **headp, int v)
{
	struct node **pp = headp, *victim;

	while (*pp && (*pp)->data != v)
		pp = &(*pp)->next;
	if (!*pp)
		return 0;
	victim = *pp;
	*pp = victim->next;
	free(victim);
	return 1;
}

struct node *list_sorted_insert(struct node *head, struct node *n)
{
	struct node dummy, *p = &dummy;

	dummy.next = head;
	while (p->next && p->next->data < n->data)
		p = p->next;
	n->next = p->next;
	p->next = n;
	return dummy.next;
}

struct node *list_merge_sorted(struct node *a, struct node *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	if (a->data <= b->data) {
		a->next = list_merge_sorted(a->next, b);
		return a;
	}
	b->next = list_merge_sorted(a, b->next);
	return b;
}

int list_nth(const struct node *head, int n, int *out)
{
	while (head && n-- > 0)
		head = head->next;
	if (!head)
		return -1;
	*out = head->data;
	return 0;
}

int list_has_cycle(const struct node *head)
{
	const struct node *slow = head, *fast = head;

	while (fast && fast->next) {
		slow = slow->next;
		fast = fast->next->next;
		if (slow == fast)
			return 1;
	}
	return 0;
}

void list_free(struct node *head)
{
	struct node *next;

	for (; head; head = next) {
		next = head->next;
		free(head);
	}
}

void dlist_init(struct dlist *l)
{
	l->head = l->tail = NULL;
	l->count = 0;
}

struct dnode *dlist_push_back(struct dlist *l, int key)
{
	struct dnode *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->key = key;
	n->prev = l->tail;
	if (l->tail)
		l->tail->next = n;
	else
		l->head = n;
	l->tail = n;
	l->count++;
	return n;
}

struct dnode *dlist_push_front(struct dlist *l, int key)
{
	struct dnode *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->key = key;
	n->next = l->head;
	if (l->head)
		l->head->prev = n;
	else
		l->tail = n;
	l->head = n;
	++l->count;
	return n;
}

void dlist_unlink(struct dlist *l, struct dnode *n)
{
	if (n->prev)
		n->prev->next = n->next;
	else
		l->head = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		l->tail = n->prev;
	n->prev = n->next = NULL;
	l->count--;
}

int dlist_pop_front(struct dlist *l, int *key)
{
	struct dnode *n = l->head;

	if (!n)
		return 0;
	*key = n->key;
	dlist_unlink(l, n);
	free(n);
	return 1;
}

long dlist_checksum(const struct dlist *l, int backwards)
{
	long h = 17;
	const struct dnode *n = backwards ? l->tail : l->head;

	while (n != NULL) {
		h = h * 31 + n->key;
		n = backwards ? n->prev : n->next;
	}
	return h;
}

void dlist_clear(struct dlist *l)
{
	int dummy;

	while (dlist_pop_front(l, &dummy))
		;
}
