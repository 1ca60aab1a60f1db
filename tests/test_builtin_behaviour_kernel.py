"""Kernel-library shapes, gcc vs the builtin translation: ops tables of static functions, flexible array
members, anonymous members, bit-fields in bodies, case ranges, pointer-to-pointer updates, compound literals,
breaking out of nested loops with goto, character escapes, intrusive lists."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

CASES = [
    # A const ops table of static functions (6.7.9 constant initializers, function designators).
    Case("ops_table", """
struct dev_ops { int (*open)(int); int (*close)(int); const char *name; };
static int d_open(int v) { return v + 1; }
static int d_close(int v) { return v - 1; }
static const struct dev_ops null_ops = { .open = d_open, .name = "null" };
static const struct dev_ops full_ops = { d_open, d_close, "full" };
static const struct dev_ops *const all_ops[] = { &null_ops, &full_ops };
int ops_call(int which, int v) { const struct dev_ops *o = all_ops[which];
    return (o->open ? o->open(v) : 0) * 100 + (o->close ? o->close(v) : 0) + o->name[0]; }
""", [("ops_call", [0, 5]), ("ops_call", [1, 5])]),
    # 6.7.2.1p18: a flexible array member, allocated with its elements.
    Case("flex_array", """
#include <stdlib.h>
struct buf { int n; long data[]; };
long fa_sum(int n) { struct buf *b = malloc(sizeof(struct buf) + n * sizeof(long)); b->n = n;
    for (int i = 0; i < n; i++) b->data[i] = (long)i * i; long s = 0;
    for (int i = 0; i < b->n; i++) s += b->data[i]; free(b); return s * 10 + (long)sizeof(struct buf); }
""", [("fa_sum", [6])]),
    # 6.7.2.1p13: members of an anonymous struct/union are members of the containing one.
    Case("anon_members", """
struct value { int kind; union { long i; double d; struct { int lo, hi; }; }; };
long am_int(long v) { struct value x; x.kind = 1; x.i = v; return x.i + x.kind; }
int am_pair(int a, int b) { struct value x; x.lo = a; x.hi = b; struct value *p = &x;
    return p->lo * 10 + p->hi; }
int am_size(void) { return sizeof(struct value); }
""", [("am_int", [41]), ("am_pair", [3, 4]), ("am_size", [])]),
    # Bit-fields read and written in function bodies (6.7.2.1p11), with wrap-around to the field width.
    Case("bitfield_access", """
struct pte { unsigned present:1; unsigned rw:1; unsigned pfn:20; signed delta:6; };
unsigned bfa_pack(unsigned pfn, int delta) { struct pte p = {0}; p.present = 1; p.pfn = pfn; p.delta = delta;
    p.rw = !p.rw; return p.pfn * 4 + p.present * 2 + p.rw + (unsigned)(p.delta + 100) * 100000000u; }
int bfa_inc(void) { struct pte p = {0}; p.delta = 31; p.delta++; return p.delta; }
""", [("bfa_pack", [0x12345, -3]), ("bfa_pack", [0x1FFFFF, 40]), ("bfa_inc", [])]),
    # GNU case ranges, as kernel switch statements use them.
    Case("case_ranges", """
int cr_class(int c) { switch (c) { case '0' ... '9': return 1; case 'a' ... 'z': case 'A' ... 'Z': return 2;
    default: return 0; } }
""", [("cr_class", [55]), ("cr_class", [113]), ("cr_class", [70]), ("cr_class", [32])]),
    # Pointer to pointer: unlinking from a singly linked list through the link field's address.
    Case("ptr_to_ptr", """
#include <stddef.h>
struct item { int v; struct item *next; };
static void unlink_val(struct item **head, int v) { struct item **pp = head;
    while (*pp) { if ((*pp)->v == v) *pp = (*pp)->next; else pp = &(*pp)->next; } }
int pp_remove(int v) { struct item c = { 3, NULL }, b = { 2, &c }, a = { 1, &b }; struct item *h = &a;
    unlink_val(&h, v); int s = 0; for (struct item *i = h; i; i = i->next) s = s * 10 + i->v; return s; }
""", [("pp_remove", [1]), ("pp_remove", [2]), ("pp_remove", [3]), ("pp_remove", [9])]),
    # 6.5.2.5 compound literals; goto out of two nested loops.
    Case("literals_goto", """
struct pt { int x, y; };
static int dot(struct pt a, struct pt b) { return a.x * b.x + a.y * b.y; }
int cl_dot(int k) { return dot((struct pt){ k, 2 }, (struct pt){ .y = 5, .x = 1 }); }
int find_pair(int target) { int i, j;
    for (i = 0; i < 10; i++) for (j = 0; j < 10; j++) if (i * j == target) goto found;
    return -1;
found:
    return i * 100 + j; }
""", [("cl_dot", [3]), ("find_pair", [42]), ("find_pair", [97])]),
    # 6.4.4.4: character constants have type int; '\\377' is -1 where char is signed.
    Case("char_consts", """
int cc_vals(void) { return '\\0' + '\\x7f' * 1000 + '\\377' * 10 + (int)sizeof('a'); }
int cc_plain(void) { char c = '\\377'; unsigned char u = '\\377';
    return (c == -1) + (u == 255) * 2 + (c == u) * 4; }
""", [("cc_vals", []), ("cc_plain", [])]),
    # Intrusive doubly linked list with container_of, as the kernel's list.h.
    Case("intrusive_list", """
#include <stddef.h>
struct list_head { struct list_head *next, *prev; };
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
static void list_init(struct list_head *h) { h->next = h; h->prev = h; }
static void list_add_tail(struct list_head *n, struct list_head *h) {
    n->prev = h->prev; n->next = h; h->prev->next = n; h->prev = n; }
struct task { int prio; struct list_head node; };
int il_walk(int n) { struct task t[5]; struct list_head head; list_init(&head);
    for (int i = 0; i < n && i < 5; i++) { t[i].prio = i * 3 + 1; list_add_tail(&t[i].node, &head); }
    int s = 0; for (struct list_head *p = head.prev; p != &head; p = p->prev)
        s = s * 10 + container_of(p, struct task, node)->prio % 10;
    return s; }
""", [("il_walk", [4]), ("il_walk", [0])]),
]

batch, test_behaviour = behaviour_module(CASES, "kernel")
