/* One member name, two types (signatures/members.py Arrays.holds): `root` is an array in `mn_pool` and a
   pointer in `mn_tree`. Through a `struct mn_tree *`, `t->root` is a plain member read and written (the
   pointer proven a reference); through a `struct mn_pool *`, `p->root` decays to a pointer passed on, which
   keeps `p` raw. */
#include <stdlib.h>

struct mn_node { int key; struct mn_node *next; };
struct mn_pool { struct mn_node root[2]; int used; };
struct mn_tree { struct mn_node *root; int count; };

static void mn_free(struct mn_node *n) {
    while (n) {
        struct mn_node *next = n->next;
        free(n);
        n = next;
    }
}

/* proven: `root` of the tree is a pointer member, read, tested and assigned in place */
static void mn_init(struct mn_tree *t) { t->root = 0; t->count = 0; }
static void mn_clear(struct mn_tree *t) {
    if (t->root) {
        mn_free(t->root);
        t->root = 0;
        t->count = 0;
    }
}
static int mn_empty(const struct mn_tree *t) { return !t->root; }

/* raw: the pool's `root` is an array decaying to a pointer, passed on and indexed past its end by `i` */
static int mn_sum(const struct mn_node *n, int k) { int s = 0; for (int i = 0; i < k; i++) s += n[i].key; return s; }
static int mn_pool_sum(struct mn_pool *p) { return mn_sum(p->root, p->used); }

long mn_run(int k) {
    struct mn_tree t;
    struct mn_pool p = { { { k, 0 }, { 2 * k, 0 } }, 2 };
    mn_init(&t);
    long r = mn_empty(&t);
    for (int i = 0; i < 3; i++) {
        struct mn_node *n = malloc(sizeof *n);
        n->key = k + i;
        n->next = t.root;
        t.root = n;
        t.count++;
    }
    r = r * 10 + mn_empty(&t);
    r = r * 100 + t.count + t.root->key;
    mn_clear(&t);
    r = r * 10 + mn_empty(&t) + t.count;
    return r * 1000 + mn_pool_sum(&p);
}
