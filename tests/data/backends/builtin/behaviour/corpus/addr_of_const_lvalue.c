struct sl { unsigned key; int v; };
struct tb { struct sl slots[8]; int used; };
static const struct sl table[] = { {1, 10}, {2, 20}, {3, 30} };
static const int nums[4] = {5, 6, 7, 8};
static int find(const struct tb *t, unsigned k) {
    for (int i = 0; i < 8; i++) { const struct sl *s = &t->slots[i]; if (s->key == k) return s->v; }
    return -1; }
static const struct sl *lookup(unsigned k) {
    for (int i = 0; i < 3; i++) if (table[i].key == k) return &table[i];
    return 0; }
int run_const_addr(int k) { struct tb t; const int *p = &nums[1]; const int *q = nums;
    for (int i = 0; i < 8; i++) { t.slots[i].key = i * 3; t.slots[i].v = i * 100; }
    t.used = 1;
    const struct sl *e = lookup(k); const struct tb *ct = &t; const int *u = &ct->used;
    return find(ct, k) + (e ? e->v : -7) + p[1] + q[0] + *u + *(&ct->used); }
