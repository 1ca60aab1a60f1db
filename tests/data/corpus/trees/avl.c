/* AVL tree insertion with single and double rotations. */
#include <stdlib.h>
#include "trees.h"

#define MAX(a, b) ((a) > (b) ? (a) : (b))

int avl_height(const struct avl *n)
{
	return n ? n->height : 0;
}

static void update(struct avl *n)
{
	n->height = 1 + MAX(avl_height(n->left), avl_height(n->right));
}

static struct avl *rotate_right(struct avl *y)
{
	struct avl *x = y->left;
	struct avl *t2 = x->right;

	x->right = y;
	y->left = t2;
	update(y);
	update(x);
	return x;
}

static struct avl *rotate_left(struct avl *x)
{
	struct avl *y = x->right;
	struct avl *t2 = y->left;

	y->left = x;
	x->right = t2;
	update(x);
	update(y);
	return y;
}

static int balance_of(const struct avl *n)
{
	return n ? avl_height(n->left) - avl_height(n->right) : 0;
}

struct avl *avl_insert(struct avl *node, int key)
{
	int bal;

	if (!node) {
		node = calloc(1, sizeof(struct avl));
		node->key = key;
		node->height = 1;
		return node;
	}
	if (key < node->key)
		node->left = avl_insert(node->left, key);
	else if (key > node->key)
		node->right = avl_insert(node->right, key);
	else
		return node;

	update(node);
	bal = balance_of(node);
	if (bal > 1 && key < node->left->key)
		return rotate_right(node);
	if (bal < -1 && key > node->right->key)
		return rotate_left(node);
	if (bal > 1 && key > node->left->key) {
		node->left = rotate_left(node->left);
		return rotate_right(node);
	}
	if (bal < -1 && key < node->right->key) {
		node->right = rotate_right(node->right);
		return rotate_left(node);
	}
	return node;
}

int avl_balanced(const struct avl *n)
{
	int b;

	if (!n)
		return 1;
	b = balance_of(n);
	if (b < -1 || b > 1)
		return 0;
	return avl_balanced(n->left) && avl_balanced(n->right);
}

void avl_free(struct avl *n)
{
	if (!n)
		return;
	avl_free(n->left);
	avl_free(n->right);
	free(n);
}
