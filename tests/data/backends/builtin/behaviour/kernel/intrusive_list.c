#include <stddef.h>
struct list_head { struct list_head *next, *prev; };
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
static void list_init(struct list_head *h) { h->next = h; h->prev = h; }
static void list_add_tail(struct list_head *n, struct list_head *h) {
    n->prev = h->prev; n->next = h; h->prev->next = n; h->prev = n; }
struct task { int prio; struct list_head node; };
int il_walk(int n) { struct task t[5]; struct list_head head; list_init(&head);
    for (int i = 0; i < n && i < 5; i++) { t[i].prio = i * 3 + 1; list_add_tail(&t[i].node, &head); }
    int s = 0; for (struct list_head *p = head.prev; p != &head; p = p->prev)
        s = s * 10 + container_of(p, struct task, node)->prio % 10;
    return s; }
