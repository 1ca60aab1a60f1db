#include <stdlib.h>
struct tnode { int key; struct tnode *left, *right; };
static struct tnode *insert(struct tnode *t, int k) {
    if (!t) { t = calloc(1, sizeof *t); t->key = k; return t; }
    if (k < t->key) t->left = insert(t->left, k); else if (k > t->key) t->right = insert(t->right, k);
    return t; }
static int height(const struct tnode *t) { if (!t) return 0; int l = height(t->left), r = height(t->right);
    return 1 + (l > r ? l : r); }
static long inorder(const struct tnode *t, long acc) { if (!t) return acc; acc = inorder(t->left, acc);
    acc = acc * 7 + t->key; return inorder(t->right, acc); }
static void destroy(struct tnode *t) { if (t) { destroy(t->left); destroy(t->right); free(t); } }
long bst_run(int n) { struct tnode *root = NULL;
    for (int i = 0; i < n; i++) root = insert(root, (i * 37) % 101);
    long r = inorder(root, 0) % 1000003 * 100 + height(root); destroy(root); return r; }
