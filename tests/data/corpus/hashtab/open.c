/* Open addressing with linear probing and tombstones. */
#include "hashtab.h"

static unsigned int oa_hash(uint32_t key)
{
	key ^= key >> 16;
	key *= 0x45d9f3bU;
	key ^= key >> 16;
	return key & (OA_CAP - 1);
}

void oa_init(struct oa_table *t)
{
	int i;

	for (i = 0; i < OA_CAP; i++)
		t->slots[i].state = SLOT_EMPTY;
	t->used = 0;
}

static int oa_find(const struct oa_table *t, uint32_t key)
{
	unsigned int i = oa_hash(key), n;

	for (n = 0; n < OA_CAP; n++, i = (i + 1) % OA_CAP) {
		const struct oa_slot *s = &t->slots[i];
		if (s->state == SLOT_EMPTY)
			return -1;
		if (s->state == SLOT_USED && s->key == key)
			return (int)i;
	}
	return -1;
}

int oa_put(struct oa_table *t, uint32_t key, int value)
{
	int at = oa_find(t, key);
	unsigned int i;

	if (at >= 0) {
		t->slots[at].value = value;
		return 0;
	}
	if (t->used >= OA_CAP)
		return -1;
	for (i = oa_hash(key); t->slots[i].state == SLOT_USED; i = (i + 1) & (OA_CAP - 1))
		;
	t->slots[i].key = key;
	t->slots[i].value = value;
	t->slots[i].state = SLOT_USED;
	t->used++;
	return 1;
}

int oa_get(const struct oa_table *t, uint32_t key, int *value)
{
	int at = oa_find(t, key);

	if (at < 0)
		return 0;
	*value = t->slots[at].value;
	return 1;
}

int oa_del(struct oa_table *t, uint32_t key)
{
	int at = oa_find(t, key);

	if (at < 0)
		return 0;
	t->slots[at].state = SLOT_DELETED;
	t->used--;
	return 1;
}
