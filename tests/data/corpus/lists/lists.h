#ifndef LISTS_H
#define LISTS_H

struct node {
	int data;
	struct node *next;
};

struct dnode {
	int key;
	struct dnode *prev, *next;
};

struct dlist {
	struct dnode *head, *tail;
	unsigned count;
};

struct node *list_push(struct node *head, int v);
struct node *list_append(struct node *head, int v);
int list_length(const struct node *head);
struct node *list_find(struct node *head, int v);
struct node *list_reverse(struct node *head);
int list_remove(struct node **headp, int v);
struct node *list_sorted_insert(struct node *head, struct node *n);
struct node *list_merge_sorted(struct node *a, struct node *b);
int list_nth(const struct node *head, int n, int *out);
int list_has_cycle(const struct node *head);
void list_free(struct node *head);

void dlist_init(struct dlist *l);
struct dnode *dlist_push_back(struct dlist *l, int key);
struct dnode *dlist_push_front(struct dlist *l, int key);
void dlist_unlink(struct dlist *l, struct dnode *n);
int dlist_pop_front(struct dlist *l, int *key);
long dlist_checksum(const struct dlist *l, int backwards);
void dlist_clear(struct dlist *l);
#endif
