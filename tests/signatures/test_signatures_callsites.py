"""Rule disjoint-call-sites: a static function's parameters that may share memory by their types are
references when every call (all in SRC, by name) passes pointers into distinct objects; with the negative
cases that stay raw (a call passing one object twice, a global beside a caller's parameter, an address that
escapes, a member reached through a pointer)."""

from __future__ import annotations

from helpers.c_snippets import each_mapped, mapped

from llmigrate.signatures.mapper import raw_reasons

PT = "struct pt { int x, y; };\nstatic void split(struct pt *p, int *n) { *n = p->x; p->y = *n + 1; }\n"
ALIAS = {"p": "may alias another parameter", "n": "may alias another parameter"}


def test_distinct_objects_at_every_call_make_references(tmp_path):
    cb, s = mapped(tmp_path, PT + (
                   # two locals; a caller's parameter beside a local; a pointer variable holding either
                   "int locals(void) { struct pt a = {1, 2}; int k = 0; split(&a, &k); return a.y + k; }\n"
                   "int param(struct pt *q) { int k; split(q, &k); return k; }\n"
                   "int either(struct pt *q, int c) { int k, m; int *r = &k; if (c) r = &m;\n"
                   "  split(q, r); return *r; }\n"
                   # members of one array of structs are one object: only distinct arrays count
                   "int arrays(void) { struct pt ps[2] = {{1, 2}, {3, 4}}; int ns[2]; split(&ps[1], ns);\n"
                   "  return ns[0]; }\n"))
    assert [(p.rust_type, p.proof) for p in s["split"].params] == [
        ("&mut pt", "disjoint-call-sites"), ("&mut i32", "disjoint-call-sites")]
    assert raw_reasons(cb.functions["split"], cb) == {}


def test_null_is_no_object(tmp_path):
    cb, s = mapped(tmp_path, "struct pt { int x, y; };\n"
                   "static int get(const struct pt *base, struct pt *out) { if (base) out->x = base->y;\n"
                   "  return out->x; }\n"
                   "int use(struct pt *o) { return get(0, o) + get(NULL, o); }\n")
    assert [p.proof for p in s["get"].params] == ["disjoint-call-sites", "disjoint-call-sites"]


def test_one_doubtful_call_keeps_both_raw(tmp_path):
    cases = {
        # the same object twice: they really alias
        "int same(void) { struct pt a = {1, 2}; split(&a, &a.x); return a.y; }\n",
        # a caller's parameter may point at any global
        "int g;\nint global(struct pt *q) { split(q, &g); return g; }\n",
        # the same, a local of the global's name in an inner block (the `&g` passed is the global's)
        "int g;\nint hidden(struct pt *q, int c) { if (c) { int g = 1; (void)g; }\n"
        "  split(q, &g); return g; }\n",
        # two parameters of the caller: its own callers may pass one object
        "int two(struct pt *q, int *k) { split(q, k); return *k; }\n",
        # a member through a pointer: `&q->x` lies in `*q`
        "int member(struct pt *q) { int *m = &q->x; split(q, m); return *m; }\n",
        # a pointer variable whose address escapes may hold anything
        "void set(int **pp, int *v);\n"
        "int escapes(struct pt *q) { int k; int *r = &k; set(&r, &q->y); split(q, r); return k; }\n",
        # a static local outlives the call: a parameter of the caller may point at it
        "int kept(struct pt *q) { static int k; split(q, &k); return k; }\n",
    }
    for c, cb, _ in each_mapped(tmp_path, [PT + caller for caller in sorted(cases)]):
        assert raw_reasons(cb.functions["split"], cb) == ALIAS, c


def test_calls_out_of_sight_keep_both_raw(tmp_path):
    cases = [
        # exported: callers outside SRC are seen at the C ABI only (rule disjoint-checked there)
        PT.replace("static void", "void") + "int locals(void) { struct pt a; int k; split(&a, &k);"
        " return k; }\n",
        # its address is taken: a call through the pointer is not seen
        PT + "void (*hook)(struct pt *, int *) = split;\n",
        # a macro may call it
        PT + "#define SPLIT(a, b) split(a, b)\n"
        "int locals(void) { struct pt a; int k; SPLIT(&a, &k); return k; }\n",
    ]
    for c, _, s in each_mapped(tmp_path, cases):
        assert all(p.proof != "disjoint-call-sites" for p in s["split"].params), c


def test_separation_carried_down_the_call_graph(tmp_path):
    cb, s = mapped(tmp_path, PT + (
                   # `mid` is static too, and its only call passes two locals: its parameters are apart,
                   # and so are the values it passes on (arithmetic stays in the object)
                   "static void mid(struct pt *q, int *k) { split(q, k); split(q, k + 0); }\n"
                   "int top(void) { struct pt a = {1, 2}; int k = 0; mid(&a, &k); return k; }\n"))
    assert [p.proof for p in s["split"].params] == ["disjoint-call-sites", "disjoint-call-sites"]
    assert raw_reasons(cb.functions["split"], cb) == {}


def test_a_recursion_passing_its_parameters_on_keeps_them_apart(tmp_path):
    cb, s = mapped(tmp_path, PT + (
                   "static void walk(struct pt *q, int *k, int n)\n"
                   "{ if (n) { split(q, k); walk(q, k, n - 1); } }\n"
                   "int top(void) { struct pt a = {1, 2}; int k = 0; walk(&a, &k, 3); return k; }\n"))
    assert [p.proof for p in s["split"].params] == ["disjoint-call-sites", "disjoint-call-sites"]


def test_separation_is_not_carried_where_a_caller_up_the_graph_may_overlap(tmp_path):
    mid = "static void mid(struct pt *q, int *k) { split(q, k); }\n"
    cases = [
        # the top of the chain is exported: C outside SRC may pass one object twice
        "void top(struct pt *q, int *k) { mid(q, k); }\n",
        # one object twice further up
        "int top(void) { struct pt a = {1, 2}; mid(&a, &a.x); return a.y; }\n",
        # a member of one argument as the other
        "int top(struct pt *q) { mid(q, &q->x); return q->y; }\n",
        # a recursion swapping in a member of the other
        "static void rec(struct pt *q, int *k, int n) { mid(q, k); if (n) rec(q, &q->y, n - 1); }\n"
        "int top(void) { struct pt a = {1, 2}; int k = 0; rec(&a, &k, 2); return k; }\n",
        # a pointer stored in a struct leading back into the other argument
        "struct hold { int *at; };\n"
        "int top(void) { struct pt a = {1, 2}; struct hold h = {&a.x}; mid(&a, h.at); return a.x; }\n",
        # a global beside a parameter carried from a local
        "int g;\nstatic void up(struct pt *q) { mid(q, &g); }\n"
        "int top(void) { struct pt a = {1, 2}; up(&a); return g; }\n",
    ]
    for c, cb, _ in each_mapped(tmp_path, [PT + mid + top for top in cases]):
        assert raw_reasons(cb.functions["split"], cb) == ALIAS, c
