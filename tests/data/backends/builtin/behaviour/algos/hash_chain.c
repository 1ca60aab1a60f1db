#include <stdlib.h>
#include <string.h>
#define NBUCKET 13
struct entry { char key[16]; int val; struct entry *next; };
static struct entry *buckets[NBUCKET];
static unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33 ^ (unsigned char)*s++;
    return h; }
static void put(const char *k, int v) { unsigned b = hash(k) % NBUCKET; struct entry *e;
    for (e = buckets[b]; e; e = e->next) if (!strcmp(e->key, k)) { e->val = v; return; }
    e = malloc(sizeof *e); strncpy(e->key, k, sizeof e->key - 1); e->key[15] = 0; e->val = v;
    e->next = buckets[b]; buckets[b] = e; }
static int get(const char *k) { for (struct entry *e = buckets[hash(k) % NBUCKET]; e; e = e->next)
    if (!strcmp(e->key, k)) return e->val; return -1; }
int hc_run(int n) { char k[8] = "k0"; for (int i = 0; i < n; i++) { k[1] = (char)('a' + i % 26); put(k, i); }
    return get("ka") * 1000 + get("kc") * 10 + (get("zz") == -1); }
