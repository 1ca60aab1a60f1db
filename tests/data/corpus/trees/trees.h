#ifndef TREES_H
#define TREES_H

struct bst {
	int key;
	struct bst *left;
	struct bst *right;
};

struct avl {
	int key, height;
	struct avl *left, *right;
};

typedef void (*visit_fn)(int key, void *ctx);

struct bst *bst_insert(struct bst *root, int key);
struct bst *bst_search(struct bst *root, int key);
struct bst *bst_min(struct bst *root);
struct bst *bst_delete(struct bst *root, int key);
int bst_height(const struct bst *root);
int bst_count(const struct bst *root);
void bst_inorder(const struct bst *root, visit_fn fn, void *ctx);
int bst_is_valid(const struct bst *root, long lo, long hi);
void bst_free(struct bst *root);

struct avl *avl_insert(struct avl *node, int key);
int avl_height(const struct avl *n);
int avl_balanced(const struct avl *n);
void avl_free(struct avl *n);
#endif
