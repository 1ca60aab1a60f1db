#include <stddef.h>
struct node { int v; struct node *next; };
int list_sum(int n) {
    struct node nodes[8];
    struct node *head = NULL;
    for (int i = 0; i < n && i < 8; i++) { nodes[i].v = i + 1; nodes[i].next = head; head = &nodes[i]; }
    int s = 0;
    for (struct node *p = head; p; p = p->next) s = s * 2 + p->v;
    return s;
}
