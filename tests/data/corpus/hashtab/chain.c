/* Hash table with separate chaining and string keys. */
#include <stdlib.h>
#include <string.h>
#include "hashtab.h"

unsigned long hash_djb2(const char *s)
{
	unsigned long h = 5381;
	int c;

	while ((c = *s++))
		h = ((h << 5) + h) + c;
	return h;
}

uint32_t hash_fnv1a(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t h = 2166136261u;

	while (len--) {
		h ^= *p++;
		h *= 16777619u;
	}
	return h;
}

void ct_init(struct chain_table *t)
{
	memset(t, 0, sizeof(*t));
}

static struct ht_entry **ct_slot(struct chain_table *t, const char *key)
{
	struct ht_entry **pp = &t->buckets[hash_djb2(key) % HT_BUCKETS];

	while (*pp && strcmp((*pp)->key, key) != 0)
		pp = &(*pp)->next;
	return pp;
}

int ct_put(struct chain_table *t, const char *key, int value)
{
	struct ht_entry **pp = ct_slot(t, key);
	struct ht_entry *e;
	size_t len;

	if (*pp) {
		(*pp)->value = value;
		return 0;
	}
	e = malloc(sizeof(*e));
	if (!e)
		return -1;
	len = strlen(key) + 1;
	e->key = malloc(len);
	if (!e->key) {
		free(e);
		return -1;
	}
	memcpy(e->key, key, len);
	e->value = value;
	e->next = NULL;
	*pp = e;
	t->size++;
	return 1;
}

int *ct_get(struct chain_table *t, const char *key)
{
	struct ht_entry *e = *ct_slot(t, key);

	return e ? &e->value : NULL;
}

int ct_del(struct chain_table *t, const char *key)
{
	struct ht_entry **pp = ct_slot(t, key);
	struct ht_entry *e = *pp;

	if (!e)
		return 0;
	*pp = e->next;
	free(e->key);
	free(e);
	t->size--;
	return 1;
}

void ct_destroy(struct chain_table *t)
{
	for (int i = 0; i < HT_BUCKETS; i++) {
		struct ht_entry *e = t->buckets[i], *n;
		while (e) {
			n = e->next;
			free(e->key);
			free(e);
			e = n;
		}
		t->buckets[i] = NULL;
	}
	t->size = 0;
}
