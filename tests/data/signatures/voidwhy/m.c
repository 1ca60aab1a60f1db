/* `void *` parameters no rule types: each stays raw, its reason naming the use that stops it */
#include <stddef.h>
#include <string.h>

struct slot { void *data; int (*cmp)(const void *, const void *); size_t len; };

void *last_seen;
int (*global_cmp)(const void *, const void *);

/* stored: into a member, into a global */
void slot_put(struct slot *s, void *data) { s->data = data; }
void remember(void *p) { if (p) last_seen = p; }

/* handed to a callback: a parameter, a member, a global function pointer */
int apply(int (*fn)(void *, void *), void *a, void *ctx) { return fn(a, ctx); }
int slot_cmp(struct slot *s, const void *key) { return s->cmp(s->data, key); }
int global_order(const void *a) { return global_cmp(a, last_seen); }

/* passed on to a callee of SRC whose `void *` stays raw */
void put_both(struct slot *s, void *data) { slot_put(s, data); }

/* a counted call whose count is read from memory */
int slot_same(struct slot *s, const void *key) { return memcmp(s->data, key, s->len); }

/* copied into a cursor that steps over it */
unsigned sum_bytes(const void *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data, *end = p + len;
	unsigned sum = 0;
	while (p < end)
		sum += *p++;
	return sum;
}

/* its address read as an integer */
unsigned long address_of(const void *p) { return (unsigned long)p; }
