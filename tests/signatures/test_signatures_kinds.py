"""Members whose type is a typedef of a pointer count as the pointers they are (signatures_kinds.member_type):
a function pointer reaches code, a data pointer its pointee's kind; neither is memory of unknown layout,
which would make every pointer to the struct lead back into it."""

from __future__ import annotations

from pathlib import Path

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
    assert atoms("struct sorter", cb) == {"struct sorter", "64", "ptr"}
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
         "int pp(int **p) { return **p; }\n"
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
        "struct obj", "32", "64", "ptr"}
    s = {fid: [p.conv for p in sig.params] for fid, sig in map_all(cb).items()}
    assert s["fill"] == ["value"] and s["hop"] == ["value"]
    assert s["number"][0] == "mut_ref"
    # a member of the anonymous union is a union member, never an owned buffer
    c2 = "#include <stdlib.h>\nstruct a { char *s; };\nstruct b { union { char *s; long n; }; };\n" \
         "void fa(struct a *a) { a->s = malloc(4); }\n"
    (tmp_path / "m.c").write_text(c2)
    assert owned_members(analyze_dir(tmp_path)) == set()
