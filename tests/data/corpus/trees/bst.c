/* Recursive binary search tree. */
#include <stdlib.h>
#include "trees.h"

struct bst *bst_insert(struct bst *root, int key)
{
	if (root == NULL) {
		root = malloc(sizeof *root);
		root->key = key;
		root->left = root->right = NULL;
		return root;
	}
	if (key < root->key)
		root->left = bst_insert(root->left, key);
	else if (key > root->key)
		root->right = bst_insert(root->right, key);
	return root;
}

struct bst *bst_search(struct bst *root, int key)
{
	if (!root || root->key == key)
		return root;
	return key < root->key ? bst_search(root->left, key) : bst_search(root->right, key);
}

struct bst *bst_min(struct bst *root)
{
	while (root && root->left)
		root = root->left;
	return root;
}

struct bst *bst_delete(struct bst *root, int key)
{
	struct bst *tmp;

	if (!root)
		return NULL;
	if (key < root->key) {
		root->left = bst_delete(root->left, key);
	} else if (key > root->key) {
		root->right = bst_delete(root->right, key);
	} else {
		if (!root->left) {
			tmp = root->right;
			free(root);
			return tmp;
		} else if (!root->right) {
			tmp = root->left;
			free(root);
			return tmp;
		}
		tmp = bst_min(root->right);
		root->key = tmp->key;
		root->right = bst_delete(root->right, tmp->key);
	}
	return root;
}

int bst_height(const struct bst *root)
{
	int lh, rh;

	if (!root)
		return 0;
	lh = bst_height(root->left);
	rh = bst_height(root->right);
	return (lh > rh ? lh : rh) + 1;
}

int bst_count(const struct bst *root)
{
	return root ? 1 + bst_count(root->left) + bst_count(root->right) : 0;
}

void bst_inorder(const struct bst *root, visit_fn fn, void *ctx)
{
	if (!root)
		return;
	bst_inorder(root->left, fn, ctx);
	fn(root->key, ctx);
	bst_inorder(root->right, fn, ctx);
}

int bst_is_valid(const struct bst *root, long lo, long hi)
{
	if (!root)
		return 1;
	if (root->key <= lo || root->key >= hi)
		return 0;
	return bst_is_valid(root->left, lo, root->key) &&
	       bst_is_valid(root->right, root->key, hi);
}

void bst_free(struct bst *root)
{
	if (root) {
		bst_free(root->left);
		bst_free(root->right);
		free(root);
	}
}
