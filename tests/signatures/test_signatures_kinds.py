"""Members whose type is a typedef of a pointer count as the pointers they are (signatures_kinds.member_type):
a function pointer reaches code, a data pointer its pointee's kind; neither is memory of unknown layout,
which would make every pointer to the struct lead back into it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.kinds import atoms, reach
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.owned import owned_members

TYPES = ("typedef int (*cmp_fn)(const void *, const void *);\n"
         "typedef struct item *item_p;\ntypedef char *text;\n"
         "struct item { int v; };\n")
LEAD_BACK = "its pointee's pointers may lead back into it"


def _analyze(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text(TYPES + c)
    return analyze_dir(tmp_path)


def test_typedefs_of_pointers_are_pointers_to_their_kind(tmp_path):
    cb = _analyze(tmp_path, "struct sorter { long calls; cmp_fn cmp[2]; item_p first; };\n")
    assert atoms("struct sorter", cb) == {"struct sorter", "64", "ptr", "ptr:struct item"}
    assert reach("struct sorter", cb) == {"struct item"}


def test_a_struct_whose_typedef_pointers_lead_elsewhere_is_borrowed(tmp_path):
    c = ("struct sorter { long calls; cmp_fn cmp; item_p first; };\n"
         "void tally(struct sorter *s) { item_p it = s->first; s->calls += it->v; }\n")
    cb = _analyze(tmp_path, c)
    p = map_all(cb)["tally"].params[0]
    assert (p.conv, p.rust_type) == ("mut_ref", "&mut sorter")


def test_typedef_pointers_that_may_lead_back_keep_the_struct_raw(tmp_path):
    c = ("typedef struct chain *chain_p;\n"
         "struct chain { long calls; cmp_fn cmp; chain_p next; };\n"  # next may be the chain itself
         "struct named { long calls; text name; item_p first; };\n"  # a char pointer may point anywhere
         "void tally(struct chain *s) { chain_p it = s->next; s->calls += it->calls; }\n"
         "void rename(struct named *s) { text t = s->name; s->calls += t[0]; }\n")
    cb = _analyze(tmp_path, c)
    for name in ("tally", "rename"):
        assert map_all(cb)[name].params[0].rust_type.startswith("*mut ")
        assert raw_reasons(cb.functions[name], cb) == {"s": LEAD_BACK}


def test_a_local_declared_through_a_pointer_typedef_is_a_local_pointer(tmp_path):
    # `m` may be `b` itself: writing `m->len` while `b` is borrowed would be undefined behaviour in Rust
    c = ("typedef struct buf *buf_p;\n"
         "struct buf { unsigned char *data; unsigned long len; struct buf *next; };\n"
         "void hop(struct buf *b) { buf_p m = b->next; b->len = 1; m->len = 0; }\n"
         "void cast(struct buf *b) { b->len = 1; ((buf_p)b->data)->len = 0; }\n")
    cb = _analyze(tmp_path, c)
    for name in ("hop", "cast"):
        assert raw_reasons(cb.functions[name], cb) == {"b": LEAD_BACK}


def test_raw_reasons_say_what_the_pointee_is(tmp_path):
    c = ("struct opaque;\nunion num { int i; float f; };\n"
         "int v(void *p) { return p != 0; }\n"
         "int pp(int ***p) { return ***p; }\n"  # `int **p` read as `*p` is a slot (signatures/slots.py)
         "int inc(struct opaque *p) { return p != 0; }\n"
         "int un(union num *p) { return p->i; }\n"
         "int arr(int p[2][3]) { return p[1][2]; }\n"
         "int to_arr(int (*p)[3]) { return p[0][1]; }\n"
         "int fns(int (*p[2])(int)) { return p[1](2); }\n")
    cb = _analyze(tmp_path, c)
    why = {name: raw_reasons(fn, cb)["p"] for name, fn in cb.functions.items()}
    assert why == {"v": "pointee is void (any object)", "pp": "pointee is a pointer",
                   "inc": "pointee's type is incomplete (only declared, or defined outside SRC)",
                   "un": "pointee is a union", "arr": "pointee is an array", "to_arr": "pointee is an array",
                   "fns": "pointee is a function pointer"}


def test_anonymous_union_members_are_the_structs_own(tmp_path):
    """`o->text` names a member of the anonymous union: a char pointer the call follows, which may point
    into *o, so o stays raw (its members were one unread type, and the function looked self-contained)."""
    c = ("#include <string.h>\n"
         "struct obj { int tag; union { long num; char *text; struct obj *car; }; };\n"
         "void fill(struct obj *o) { o->tag = 1; strcpy(o->text, \"hi\"); }\n"
         "void hop(struct obj *o) { o->tag = 0; o->car->num = 1; }\n"
         "void number(struct obj *o, long v) { o->tag = 2; o->num = v; o->car = 0; }\n")
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    assert reach("struct obj", cb) == {"char", "struct obj"} and atoms("struct obj", cb) == {
        "struct obj", "32", "64", "ptr:char", "ptr:struct obj"}
    s = {fid: [p.conv for p in sig.params] for fid, sig in map_all(cb).items()}
    assert s["fill"] == ["value"] and s["hop"] == ["value"]
    assert s["number"][0] == "mut_ref"
    # a member of the anonymous union is a union member, never an owned buffer
    c2 = "#include <stdlib.h>\nstruct a { char *s; };\nstruct b { union { char *s; long n; }; };\n" \
         "void fa(struct a *a) { a->s = malloc(4); }\n"
    (tmp_path / "m.c").write_text(c2)
    assert owned_members(analyze_dir(tmp_path)) == set()


SLOTS = "struct ent { int key; struct ent *next; };\n"


def test_a_pointer_to_pointers_reaches_only_pointers_of_its_type(tmp_path):
    """`struct ent **slots` points at `struct ent *` objects (C11 6.5p7), which *t holds none of: writing
    `t->slots[i]` cannot touch *t (before, such a member reached anything, as a char pointer does)."""
    c = SLOTS + ("struct table { struct ent **slots; unsigned long n; };\n"
                 "void clear(struct table *t) {\n"
                 "  for (unsigned long i = 0; i < t->n; i++) t->slots[i] = 0; t->n = 0; }\n")
    cb = _analyze(tmp_path, c)
    assert reach("struct table", cb) == {"ptr:struct ent", "ptr:char", "struct ent"}
    assert atoms("struct table", cb) == {"struct table", "ptr", "64"}
    assert map_all(cb)["clear"].params[0].conv == "mut_ref"


def test_a_pointer_to_pointers_may_point_at_the_structs_own_pointers(tmp_path):
    c = SLOTS + ("struct cursor { struct ent *head; struct ent **at; };\n"  # at = &c->head
                 "struct stack { struct ent *items[4]; struct ent **top; };\n"  # top = &s->items[1]
                 "struct box { void *item; struct ent **at; };\n"  # a generic slot: (struct ent **)&b->item
                 "struct words { char **v; int n; };\n"  # char pointers: anything
                 "struct hooks { cmp_fn f; cmp_fn *slot; int (**at)(const void *, const void *); };\n"
                 "void put(struct cursor *c) { *c->at = 0; }\n"
                 "void push(struct stack *s) { *s->top = 0; }\n"
                 "void fill(struct box *b) { *b->at = 0; }\n"
                 "void first(struct words *w) { w->v[0][0] = 'x'; w->n = 1; }\n"
                 "void hook(struct hooks *h) { *h->slot = 0; h->f = 0; }\n"  # slot = &h->f
                 "void hook2(struct hooks *h) { *h->at = 0; h->f = 0; }\n")
    cb = _analyze(tmp_path, c)
    for name in ("put", "push", "fill", "first", "hook", "hook2"):
        assert list(raw_reasons(cb.functions[name], cb).values()) == [LEAD_BACK], name


@pytest.mark.slow
def test_pointer_slots_verify_against_the_c(tmp_path):
    """The C test, compiled against the Rust, fills and clears a table through `&mut table`."""
    migrated_and_verified(DATA / "signatures" / "slots", tmp_path / "out")
    rust = (tmp_path / "out" / "src" / "m_lib.rs").read_text()
    assert "fn table_put(t: &mut table, e: *mut ent)" in function_code(rust, "table_put")
    assert "fn cursor_set(c: *mut cursor" in function_code(rust, "cursor_set")


def test_an_array_parameter_whose_size_holds_parentheses_is_no_function_pointer(tmp_path):
    """`uint8_t w[4 * NB * (NR + 1)]` is an array parameter (a pointer to bytes) whatever its size spells:
    it stays raw for what its uses lack, never as "pointee is a function pointer"."""
    from llmigrate.signatures.kinds import element, unborrowable

    (tmp_path / "m.c").write_text("#include <stdint.h>\n#define NB 4\n#define NR 10\n"
                                  "void zero(uint8_t w[4 * NB * (NR + 1)], int k) { w[k + 1] = 0; }\n"
                                  "int call(int (*f)(int)) { return f(1); }\n")
    codebase = analyze_dir(tmp_path)
    w = codebase.functions["zero"].params[0].type
    assert "(" in w and element(w, codebase) == ("uint8_t", False)
    assert raw_reasons(codebase.functions["zero"], codebase) == {"w": "indexed outside a counted loop"}
    assert unborrowable("int (*)(int)", codebase) == "pointee is a function pointer"
