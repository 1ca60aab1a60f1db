#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <stdbool.h>

enum kind { K_NONE, K_INT = 3, K_STR, K_LAST };
struct node { int key; struct node *left, *right; };
struct vec2 { int x, y; };
union pun { float f; uint32_t u; unsigned char b[4]; };
struct driver { const char *name; int (*probe)(int); void (*remove)(int *); };

static int probes;
static int nop_probe(int id) { probes += id; return id > 2 ? -19 : 0; }
static void clear_it(int *p) { *p = 0; }
static struct driver drivers[] = {
	{ "alpha", nop_probe, clear_it },
	{ "beta", NULL, clear_it },
};
int counters[4];
static struct node pool[16];
static int pool_used;

static struct node *new_node(int key)
{
	struct node *n = &pool[pool_used++];
	n->key = key;
	n->left = n->right = NULL;
	return n;
}

static void bst_insert(struct node **root, int key)
{
	struct node **link = root;
	while (*link)
		link = key < (*link)->key ? &(*link)->left : &(*link)->right;
	*link = new_node(key);
}

static int bst_height(const struct node *n)
{
	if (!n)
		return 0;
	int l = bst_height(n->left), r = bst_height(n->right);
	return 1 + (l > r ? l : r);
}

int tree_demo(int seed)
{
	struct node *root = NULL;
	pool_used = 0;
	for (int i = 0; i < 12; i++)
		bst_insert(&root, (seed * (i + 3)) % 17);
	return bst_height(root) * 100 + root->key;
}

static struct vec2 vadd(struct vec2 a, struct vec2 b) { struct vec2 r = { a.x + b.x, a.y + b.y }; return r; }

int vec_demo(int k)
{
	struct vec2 a = { k, 2 * k }, b = { .y = -1 }, c;
	c = vadd(a, b);
	struct vec2 *pc = &c, copy;
	copy = *pc;
	pc->x = 0;
	return copy.x * 1000 + copy.y * 10 + c.x;
}

unsigned pun_demo(int which)
{
	union pun p;
	p.f = which ? 1.5f : -2.0f;
	return p.u ^ p.b[3];
}

const char *kind_name(enum kind k)
{
	switch (k) {
	case K_INT: return "int";
	case K_STR: return "str";
	case K_NONE:
	default: return "none";
	}
}

int kind_demo(int k)
{
	return (int)strlen(kind_name((enum kind)k)) * 10 + (strcmp(kind_name((enum kind)k), "str") == 0);
}

int driver_demo(int id)
{
	int total = 0;
	for (unsigned i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++) {
		struct driver *d = &drivers[i];
		int v = 5;
		if (d->probe && d->probe(id) < 0)
			total -= 100;
		d->remove(&v);
		total += v + (int)strlen(d->name);
		counters[i & 3]++;
	}
	return total * 1000 + probes + counters[0];
}

static bool is_even(unsigned n);
static bool is_odd(unsigned n) { return n == 0 ? false : is_even(n - 1); }
static bool is_even(unsigned n) { return n == 0 ? true : is_odd(n - 1); }
int parity_demo(int n) { return is_even((unsigned)n) * 10 + is_odd((unsigned)n); }

static unsigned hash_str(const char *s)
{
	unsigned h = 5381;
	unsigned char c;
	while ((c = (unsigned char)*s++))
		h = ((h << 5) + h) ^ c;
	return h;
}

static void reverse(char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
		char t = s[i]; s[i] = s[j]; s[j] = t;
	}
}

unsigned str_demo(int k)
{
	char buf[16] = "kernel";
	buf[0] += (char)k;
	reverse(buf);
	return hash_str(buf) % 100000;
}

static const void *find(const void *key, const void *base, size_t n, size_t size,
			int (*cmp)(const void *, const void *))
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const void *p = (const char *)base + mid * size;
		int c = cmp(key, p);
		if (c == 0)
			return p;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

long find_demo(long key)
{
	static const long table[] = { -5, 0, 3, 8, 13, 21, 1000 };
	const long *hit = find(&key, table, sizeof(table) / sizeof(*table), sizeof(long), cmp_long);
	return hit ? hit - table : -1;
}

int overflow_demo(unsigned a, unsigned b)
{
	unsigned s = a + b;
	int carried = s < a;
	int neg = -7;
	return carried * 1000 + (neg >> 1) * 10 + (int)((uint8_t)(a * 3));
}

int do_demo(int n)
{
	int steps = 0;
	do {
		n = (n & 1) ? 3 * n + 1 : n / 2;
		steps++;
	} while (n != 1 && steps < 1000);
	return steps;
}
