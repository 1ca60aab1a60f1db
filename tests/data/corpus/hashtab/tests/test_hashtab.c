#include <stdio.h>
#include "../hashtab.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

int main(void)
{
	static struct chain_table ct;
	static struct oa_table oa;
	char key[8];
	int i, v, *p;

	CHECK(hash_djb2("") == 5381);
	CHECK(hash_djb2("a") == 5381UL * 33 + 'a');
	CHECK(hash_fnv1a("", 0) == 2166136261u);
	CHECK(hash_fnv1a("a", 1) == 0xe40c292cu);
	ct_init(&ct);
	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof key, "k%d", i);
		CHECK(ct_put(&ct, key, i * i) == 1);
	}
	CHECK(ct_put(&ct, "k7", -7) == 0);
	CHECK(ct.size == 100);
	p = ct_get(&ct, "k7");
	CHECK(p && *p == -7);
	p = ct_get(&ct, "k99");
	CHECK(p && *p == 9801);
	CHECK(ct_get(&ct, "nope") == NULL);
	CHECK(ct_del(&ct, "k50") == 1 && ct_del(&ct, "k50") == 0 && ct.size == 99);
	ct_destroy(&ct);
	CHECK(ct.size == 0 && ct_get(&ct, "k1") == NULL);

	oa_init(&oa);
	for (i = 0; i < 60; i++)
		CHECK(oa_put(&oa, (uint32_t)i * 7919u, i) == 1);
	CHECK(oa_get(&oa, 7919u * 30, &v) && v == 30);
	CHECK(!oa_get(&oa, 1, &v));
	CHECK(oa_del(&oa, 7919u * 30) && !oa_get(&oa, 7919u * 30, &v));
	CHECK(oa_get(&oa, 7919u * 59, &v) && v == 59);
	CHECK(oa_put(&oa, 7919u * 59, -1) == 0 && oa_get(&oa, 7919u * 59, &v) && v == -1);
	for (i = 60; i < 70; i++)
		oa_put(&oa, (uint32_t)i * 7919u, i);
	CHECK(oa.used == OA_CAP);
	CHECK(oa_put(&oa, 12345, 1) == -1);
	return failures != 0;
}
