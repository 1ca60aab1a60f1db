#ifndef HASHTAB_H
#define HASHTAB_H
#include <stddef.h>
#include <stdint.h>

#define HT_BUCKETS 31

struct ht_entry {
	char *key;
	int value;
	struct ht_entry *next;
};

struct chain_table {
	struct ht_entry *buckets[HT_BUCKETS];
	size_t size;
};

#define OA_CAP 64
enum slot_state { SLOT_EMPTY, SLOT_USED, SLOT_DELETED };

struct oa_slot {
	uint32_t key;
	int value;
	enum slot_state state;
};

struct oa_table {
	struct oa_slot slots[OA_CAP];
	int used;
};

unsigned long hash_djb2(const char *s);
uint32_t hash_fnv1a(const void *data, size_t len);
void ct_init(struct chain_table *t);
int ct_put(struct chain_table *t, const char *key, int value);
int *ct_get(struct chain_table *t, const char *key);
int ct_del(struct chain_table *t, const char *key);
void ct_destroy(struct chain_table *t);

void oa_init(struct oa_table *t);
int oa_put(struct oa_table *t, uint32_t key, int value);
int oa_get(const struct oa_table *t, uint32_t key, int *value);
int oa_del(struct oa_table *t, uint32_t key);
#endif
