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
