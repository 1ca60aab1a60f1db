"""Builtin translator core on program-shaped C (textbook algorithms, kernel idioms): gcc vs Rust."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

ALGO = r"""
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define swap(a, b) do { typeof(a) __t = (a); (a) = (b); (b) = __t; } while (0)
#define max(a, b) ({ typeof(a) _a = (a); typeof(b) _b = (b); _a > _b ? _a : _b; })

struct list_head { struct list_head *next, *prev; };
struct item { int key; struct list_head link; char name[16]; };
struct ops { int (*cmp)(const void *, const void *); const char *label; };

static int int_cmp(const void *a, const void *b)
{
	const int *x = a, *y = (const int *)b;
	return (*x > *y) - (*x < *y);
}

static const struct ops default_ops = { int_cmp, "int" };
static const char *const names[] = { "zero", "one", "two" };

static void qsort_rec(int *v, int lo, int hi)
{
	if (lo >= hi)
		return;
	int p = v[(lo + hi) / 2], i = lo, j = hi;
	while (i <= j) {
		while (v[i] < p) i++;
		while (v[j] > p) j--;
		if (i <= j) { swap(v[i], v[j]); i++; j--; }
	}
	qsort_rec(v, lo, j);
	qsort_rec(v, i, hi);
}

int sort_check(int seed)
{
	int v[32];
	unsigned s = (unsigned)seed;
	for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
		s = s * 1103515245u + 12345u;
		v[i] = (int)(s >> 16) % 1000;
	}
	qsort_rec(v, 0, (int)ARRAY_SIZE(v) - 1);
	int ok = 1;
	for (size_t i = 1; i < ARRAY_SIZE(v); i++)
		ok &= v[i - 1] <= v[i];
	return ok * 100000 + v[0] + v[31];
}

int libc_sort(int seed)
{
	int *v = malloc(10 * sizeof *v);
	if (!v)
		return -1;
	for (int i = 0; i < 10; i++)
		v[i] = (seed * (i + 7)) % 13;
	qsort(v, 10, sizeof(int), default_ops.cmp);
	int r = v[0] * 100 + v[9];
	free(v);
	return r;
}

int strstuff(int n)
{
	char buf[32];
	int len = snprintf(buf, sizeof buf, "%s-%d", names[n % 3], n);
	char *p = buf;
	int digits = 0;
	while (*p) {
		if (*p >= '0' && *p <= '9')
			digits = digits * 10 + (*p - '0');
		p++;
	}
	return len * 10000 + digits + (int)strlen(names[2]);
}

int list_demo(int n)
{
	struct item items[4];
	struct list_head head = { &head, &head };
	for (int i = 0; i < 4; i++) {
		items[i].key = i * n;
		struct list_head *last = head.prev;
		items[i].link.next = &head;
		items[i].link.prev = last;
		last->next = &items[i].link;
		head.prev = &items[i].link;
	}
	int sum = 0;
	for (struct list_head *l = head.next; l != &head; l = l->next) {
		struct item *it = container_of(l, struct item, link);
		sum = sum * 3 + it->key;
	}
	return sum + max(n, 3);
}

static unsigned rotl32(unsigned x, int r) { return (x << r) | (x >> (32 - r)); }
static int fls(unsigned x) { return x ? 32 - __builtin_clz(x) : 0; }

long bits(unsigned x)
{
	return (long)rotl32(x, 5) * 100 + fls(x) + __builtin_popcount(x) * 1000L + (1UL << 40 >> 39);
}

int grid_sum(int n)
{
	static int grid[3][4];
	int total = 0;
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 4; j++)
			grid[i][j] += i * n + j;
	int (*row)[4] = grid;
	for (int i = 0; i < 3; i++)
		total += row[i][3];
	return total;
}

int unwind(int fail)
{
	int err = 0;
	char *a, *b;
	a = malloc(16);
	if (!a) { err = -12; goto out; }
	if (fail == 1) { err = -1; goto free_a; }
	b = malloc(16);
	if (!b) { err = -12; goto free_a; }
	if (fail == 2) { err = -2; goto free_b; }
	memset(a, 1, 16);
	memcpy(b, a, 16);
	err = b[3] + b[15];
free_b:
	free(b);
free_a:
	free(a);
out:
	return err;
}

int parse_num(const char *s)
{
	int sign = 1, v = 0;
	while (*s == ' ') s++;
	if (*s == '-' || *s == '+')
		sign = *s++ == '-' ? -1 : 1;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	return sign * v;
}

int parse_demo(int k)
{
	const char *inputs[] = { "  42", "-17", "+5x", "" };
	return parse_num(inputs[k & 3]);
}
"""

KERN = r"""
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
"""

MISC = r"""
#include <stdlib.h>
#include <string.h>
struct buf { int len; int data[]; };
int flex(int n) {
    struct buf *b = malloc(sizeof(*b) + n * sizeof(int));
    b->len = n;
    for (int i = 0; i < n; i++) b->data[i] = i * i;
    int s = 0;
    int *p = b->data;
    for (int i = 0; i < b->len; i++) s += p[i];
    free(b);
    return s;
}
volatile int vflag;
int vol(int x) { vflag = x; int y = vflag; *(volatile int *)&y += 1; return y; }
char names[3][8] = { "ab", "cde", "f" };
int names_len(int i) { return (int)strlen(names[i]) + names[i][0]; }
"""

ODD = r"""
#include <string.h>
#include <stddef.h>
typedef int fn_t(int);
enum color { RED, GREEN, BLUE };
struct inner { int c; short s[2]; };
struct outer { struct inner b[3]; int *ptrs[2]; enum color col; };
static int twice(int x) { return 2 * x; }
static int *counter(void) { static int n; n++; return &n; }
static const char *pick(int k, const char *a, const char *b) { return k > 0 ? a : k < 0 ? b : NULL; }
static int classify(int v) {
	switch (v & 3) {
	case 0: return 10;
	case 1: return 11;
	case 2: return 12;
	default: return 13;
	}
}
int odd1(int k) {
	unsigned n = (unsigned)k;
	int loops = 0;
	while (n--) loops++;
	int a[6] = { 1, 2, 3, 4, 5, 6 }, *p = a + 3;
	p += 2; p -= 1;
	(*p)++;
	int neg = p[-1];
	fn_t *f = twice;
	return loops * 10000 + a[4] * 100 + neg * 10 + f(1) + classify(k);
}
long odd2(int sh) {
	unsigned long long one = 1;
	double d = 0.0;
	int r = !d + (d < 0.5 ? 1 : 2) * 10;
	signed char sc = -1;
	unsigned char uc = 255;
	r += (sc == uc) * 100 + ((unsigned char)sc == uc) * 1000;
	return (long)(one << sh) + r;
}
int odd3(int k) {
	struct outer o;
	memset(&o, 0, sizeof o);
	int x = 5;
	o.ptrs[1] = &x;
	o.b[2].s[1] = 7;
	short *sp = &o.b[2].s[0];
	sp[1] += 3;
	*o.ptrs[1] = o.b[2].s[1] * 2;
	o.col = BLUE;
	o.col = (enum color)(o.col - 1);
	const char *s = pick(k, "pos", "neg");
	int l = s ? (int)strlen(s) + s[0] : -1;
	return x * 1000 + o.col * 100 + l + *counter() * 0;
}
int odd4(int n) {
	int i = 0, hits = 0;
	for (;;) {
		switch (i % 5) {
		case 0: hits++; break;
		case 4: if (i > n) goto done; /* fall through */
		default: hits += 2;
		}
		i++;
	}
done:
	return hits * 100 + i;
}
int odd5(int n) {
	int i = 0, s = 0;
	do {
		i++;
		switch (i & 1) { case 0: continue; }
		s += i;
	} while (i < n);
	return s + (int)(sizeof(struct outer) > 16);
}
"""

WEIRD = r"""
#include <stddef.h>
enum slot { S_A, S_B, S_N };
struct tbl { int (*fns[2])(int); int vals[S_N]; };
struct bf { unsigned a : 3; signed b : 5; unsigned c : 1; };
static int inc(int x) { return x + 1; }
static int dbl(int x) { return x * 2; }
static int match(int type) { int ref = type, loop = 2, impl = 3, fn = 4; return ref + loop + impl + fn; }
int weird1(int k) {
	struct tbl t = { { inc, dbl }, { [S_B] = 40 } };
	int r = t.fns[k & 1](10) + t.vals[S_B];
	int (*g)(int) = inc;
	r += (g == t.fns[0]) * 1000 + (g != dbl) * 100;
	long (*h)(long) = (long (*)(long))dbl;
	return r + match(k) + (int)h(1);
}
int weird2(int v) {
	struct bf s = { 0 };
	s.a = v; s.b = -v; s.c = 1;
	s.a++; s.b += 3; s.c ^= 1;
	int x = s.a * 100 + s.b * 10 + s.c;
	return x;
}
struct lnode { int v; struct lnode *next; };
int weird3(int key) {
	struct lnode n[4] = { { 1, &n[1] }, { 2, &n[2] }, { 3, &n[3] }, { 4, NULL } };
	struct lnode *p;
	for (p = n; p && p->v != key; p = p->next);
	const char *s = "a1b2c3";
	int digits = 0; char c;
	while ((c = *s++) != '\0') if (c >= '0' && c <= '9') digits += c - '0';
	return (p ? p->v : -1) * 100 + digits;
}
"""

TEXTBOOK = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <math.h>
#define HASHSIZE 101
#define N 4
struct nlist { struct nlist *next; char *name; char *defn; };
static struct nlist *hashtab[HASHSIZE];
static unsigned hash(const char *s) { unsigned hashval; for (hashval = 0; *s != '\0';
		s++) hashval = *s + 31 * hashval; return hashval % HASHSIZE; }
static struct nlist *lookup(const char *s) {
	struct nlist *np;
	for (np = hashtab[hash(s)]; np != NULL; np = np->next)
		if (strcmp(s, np->name) == 0) return np;
	return NULL;
}
static char *dupstr(const char *s) { char *p = malloc(strlen(s) + 1); if (p != NULL) strcpy(p, s);
		return p; }
static struct nlist *install(const char *name, const char *defn) {
	struct nlist *np; unsigned hashval;
	if ((np = lookup(name)) == NULL) {
		np = (struct nlist *)malloc(sizeof(*np));
		if (np == NULL || (np->name = dupstr(name)) == NULL) return NULL;
		hashval = hash(name);
		np->next = hashtab[hashval];
		hashtab[hashval] = np;
	} else
		free((void *)np->defn);
	if ((np->defn = dupstr(defn)) == NULL) return NULL;
	return np;
}
int table_demo(int k) {
	char key[8], val[8];
	for (int i = 0; i < 5; i++) { sprintf(key, "k%d", i); sprintf(val, "%d", i * k);
		install(key, val); }
	install("k2", "zz");
	struct nlist *np = lookup("k3");
	return atoi(np->defn) * 10 + (int)strlen(lookup("k2")->defn) + (lookup("nope") == NULL) * 1000;
}
static void itoa_r(int n, char s[]) {
	int i = 0, sign;
	if ((sign = n) < 0) n = -n;
	do { s[i++] = n % 10 + '0'; } while ((n /= 10) > 0);
	if (sign < 0) s[i++] = '-';
	s[i] = '\0';
	for (int a = 0, b = i - 1; a < b; a++, b--) { char c = s[a]; s[a] = s[b]; s[b] = c; }
}
int itoa_demo(int n) { char buf[16]; itoa_r(n, buf); return (int)strlen(buf) * 1000 + buf[0]; }
static void shellsort(int v[], int n) {
	int gap, i, j, temp;
	for (gap = n / 2; gap > 0; gap /= 2)
		for (i = gap; i < n; i++)
			for (j = i - gap; j >= 0 && v[j] > v[j + gap]; j -= gap) { temp = v[j]; v[j] = v[j + gap];
		v[j + gap] = temp; }
}
int shell_demo(int s) { int v[9]; for (int i = 0; i < 9; i++) v[i] = (s * (i + 5)) % 23;
		shellsort(v, 9); return v[0] * 10000 + v[4] * 100 + v[8]; }
static void matmul(double a[N][N], double b[N][N], double c[N][N]) {
	for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { c[i][j] = 0; for (int k = 0; k < N;
		k++) c[i][j] += a[i][k] * b[k][j]; }
}
long mat_demo(int s) {
	double a[N][N], b[N][N], c[N][N];
	for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { a[i][j] = i + s;
		b[i][j] = (i == j) ? 2.0 : 0.5; }
	matmul(a, b, c);
	double tr = 0; for (int i = 0; i < N; i++) tr += c[i][i];
	return (long)(tr * 1000) + (long)fabs(-2.5 * tr);
}
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static void hanoi(int n, int from, int to, int via, int *moves) { if (n == 0) return;
		hanoi(n - 1, from, via, to, moves); (*moves)++; hanoi(n - 1, via, to, from, moves); }
int rec_demo(int n) { int m = 0; hanoi(n, 1, 3, 2, &m); return fib(n) * 1000 + m; }
int dijkstra_demo(int src) {
	int w[5][5] = { {0,4,0,0,8}, {4,0,8,0,11}, {0,8,0,7,0}, {0,0,7,0,9}, {8,11,0,9,0} };
	int dist[5], done[5] = {0};
	for (int i = 0; i < 5; i++) dist[i] = INT_MAX;
	dist[src] = 0;
	for (int it = 0; it < 5; it++) {
		int u = -1;
		for (int i = 0; i < 5; i++) if (!done[i] && (u < 0 || dist[i] < dist[u])) u = i;
		done[u] = 1;
		for (int v = 0; v < 5;
		v++) if (w[u][v] && dist[u] != INT_MAX && dist[u] + w[u][v] < dist[v]) dist[v] = dist[u] + w[u][v];
	}
	int s = 0; for (int i = 0; i < 5; i++) s = s * 31 + dist[i];
	return s;
}
"""

VLA = r"""
int lis(const int *a, int n) {
	int dp[n], best = 0;
	for (int i = 0; i < n; i++) {
		dp[i] = 1;
		for (int j = 0; j < i; j++)
			if (a[j] < a[i] && dp[j] + 1 > dp[i]) dp[i] = dp[j] + 1;
		if (dp[i] > best) best = dp[i];
	}
	return best;
}
int vla_demo(int k)
{
	int v[8] = { 5, 1, 6, 2, 7, 3, 8, k };
	int m = k % 3 + 2; double w[m]; w[0] = 2.5; w[m - 1] = 1.5;  /* m >= 2: w[0] is set too */
	return lis(v, 8) * 10 + (int)(w[m - 1] * 2) + (int)w[0];
}
"""

LIBC = r"""
#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <ctype.h>
int checked(int x)
{
	char buf[64];
	assert(x >= 0);
	snprintf(buf, sizeof buf, "%s:%d", __func__, x);
	return (int)strlen(buf) * 100 + buf[0];
}
int words(const char *s)
{
	int n = 0, in = 0;
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) in = 0;
		else if (!in) { in = 1; n++; }
	}
	return n;
}
int words_demo(int k)
{
	const char *t[] = { "  a bb  ccc ", "", "x", "one two\tthree\nfour" };
	return words(t[k & 3]);
}
"""

CASES = [
    Case("prog_algo", ALGO, [("sort_check", [1]), ("sort_check", [77]), ("libc_sort", [5]), ("strstuff", [4]),
                             ("strstuff", [123]), ("list_demo", [2]), ("bits", [0x80000001]),
                             ("bits", [12345]), ("grid_sum", [2]), ("grid_sum", [3]), ("unwind", [0]),
                             ("unwind", [1]), ("unwind", [2]), ("parse_demo", [0]), ("parse_demo", [1]),
                             ("parse_demo", [2]), ("parse_demo", [3])]),
    Case("prog_kern", KERN, [("tree_demo", [5]), ("tree_demo", [11]), ("vec_demo", [7]), ("pun_demo", [0]),
                             ("pun_demo", [1]), ("kind_demo", [3]), ("kind_demo", [4]), ("kind_demo", [9]),
                             ("driver_demo", [1]), ("driver_demo", [4]), ("parity_demo", [7]),
                             ("parity_demo", [10]), ("str_demo", [1]), ("find_demo", [13]),
                             ("find_demo", [4]), ("find_demo", [-5]),
                             ("overflow_demo", [4000000000, 500000000]), ("overflow_demo", [1, 2]),
                             ("do_demo", [27])]),
    # flexible array members, volatile accesses, arrays of strings
    Case("prog_misc", MISC, [("flex", [5]), ("flex", [0]), ("vol", [41]), ("names_len", [1]),
                             ("names_len", [2])]),
    # less common syntax: function types, enum arithmetic, negative indices, goto out of a switch in a loop
    Case("prog_odd", ODD, [("odd1", [3]), ("odd1", [0]), ("odd2", [40]), ("odd2", [3]), ("odd3", [1]),
                           ("odd3", [-1]), ("odd3", [0]), ("odd4", [12]), ("odd5", [9])]),
    # function-pointer arrays and comparisons, keyword-named locals, bit-field arithmetic, empty loop bodies
    Case("prog_weird", WEIRD, [("weird1", [0]), ("weird1", [1]), ("weird2", [5]), ("weird2", [7]),
                               ("weird3", [3]), ("weird3", [9])]),
    # textbook algorithms: hash table with malloc'd strings, itoa, shell sort, 2-D double matrices with libm,
    # recursion, Dijkstra on a 2-D array
    Case("prog_textbook", TEXTBOOK, [("table_demo", [7]), ("itoa_demo", [-4096]), ("itoa_demo", [7]),
                                     ("shell_demo", [3]), ("shell_demo", [11]), ("mat_demo", [1]),
                                     ("rec_demo", [10]), ("dijkstra_demo", [0]), ("dijkstra_demo", [3])]),
    # C99 variable-length arrays (one run-time dimension)
    Case("prog_vla", VLA, [("vla_demo", [4]), ("vla_demo", [9])]),
    # assert, __func__, <ctype.h> (macros over libc tables)
    Case("prog_libc", LIBC, [("checked", [12]), ("words_demo", [0]), ("words_demo", [1]), ("words_demo", [2]),
                             ("words_demo", [3])]),
]


batch, test_behaviour = behaviour_module(CASES, "core_programs")
