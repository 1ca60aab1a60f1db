#include <stdio.h>
/* A list whose names may point anywhere: its printers write only stderr, so they view it (&node). */
struct sv_node { const char *name; int weight; struct sv_node *next; };

static int sv_weigh(const struct sv_node *n, int depth) {
    if (!n)
        return 0;
    fprintf(stderr, "%*s%s=%d\n", depth, "", n->name, n->weight);
    return n->weight * (depth + 1) + sv_weigh(n->next, depth + 1);
}

static int sv_show(const struct sv_node *n) {
    fputs(n->name, stderr);
    fputc('\n', stderr);
    return n->weight;
}

int sv_chain(int k) {
    struct sv_node c = { "bolt", k, 0 };
    struct sv_node b = { "nut", 2 * k, &c };
    struct sv_node a = { "washer", 3, &b };
    return sv_weigh(&a, 0) * 100 + sv_show(&b);
}
