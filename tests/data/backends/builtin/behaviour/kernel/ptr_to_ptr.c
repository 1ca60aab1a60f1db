#include <stddef.h>
struct item { int v; struct item *next; };
static void unlink_val(struct item **head, int v) { struct item **pp = head;
    while (*pp) { if ((*pp)->v == v) *pp = (*pp)->next; else pp = &(*pp)->next; } }
int pp_remove(int v) { struct item c = { 3, NULL }, b = { 2, &c }, a = { 1, &b }; struct item *h = &a;
    unlink_val(&h, v); int s = 0; for (struct item *i = h; i; i = i->next) s = s * 10 + i->v; return s; }
