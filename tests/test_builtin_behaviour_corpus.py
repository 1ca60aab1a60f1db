"""Constructs found failing on unseen C (tests/data/corpus), each pinned by a C-standard rule, gcc vs the
builtin translation."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

CASES = [
    # C11 6.5.3.2: `&` of an lvalue whose type is const-qualified (a const static, or a member reached through
    # a pointer to const) yields a pointer to const; Rust only allows a shared raw borrow of such a place.
    Case("addr_of_const_lvalue", """
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
""", [("run_const_addr", [3]), ("run_const_addr", [1]), ("run_const_addr", [4])]),
]

batch, test_behaviour = behaviour_module(CASES, "corpus")
