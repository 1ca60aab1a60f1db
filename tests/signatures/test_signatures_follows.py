"""Members a function never follows cannot break its borrows (signatures_follows, rule unfollowed-members),
with the cases where the pointer must stay raw: the member followed here or in a callee, passed on, held in a
local, a pointer from a call, a cast; a struct passed by value; and members that hold string literals."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons

LIST = ("#include <string.h>\n"
        "struct item { int v; };\n"
        "struct list { char *name; struct item *items; unsigned long n; };\n")


def _convs(tmp_path: Path, c: str) -> dict[str, list[str]]:
    (tmp_path / "m.c").write_text(c)
    return {fid: [p.conv for p in s.params] for fid, s in map_all(analyze_dir(tmp_path)).items()}


def test_a_struct_whose_char_member_is_never_followed_is_borrowed(tmp_path):
    c = LIST + ("void zero(struct list *l) { l->items[0].v = 0; l->n = 0; }\n"
                "void local(struct list *l) { struct item *it = l->items; it->v = 1; l->n = 2; }\n"
                "void tested(struct list *l) {\n"
                "  if (l->name != 0 && l->name == l->name) l->items->v = 3; l->n = 0; }\n")
    (tmp_path / "m.c").write_text(c)
    sigs = map_all(analyze_dir(tmp_path))
    for name in ("zero", "local", "tested"):
        assert sigs[name].params[0].conv == "mut_ref", name


@pytest.mark.parametrize("body", [
    "l->name[0] = 'x'; l->items->v = 0;",  # followed here
    "*l->name++ = 'x'; l->items->v = 0;",  # followed as it steps
    "l->n = strlen(l->name); l->items->v = 0;",  # passed on (to the C library)
    "char *s = l->name; l->items->v = 0; *s = 0;",  # held in a local, then followed
    "l->items->v = first(l);",  # followed by a function it calls
    "struct item *it = pick(l->n); it->v = 0; l->items->v = 1;",  # a local from a call may hold anything
    "(*(struct item **)&l->items)->v = 0;",  # a cast to a pointer
])
def test_a_member_followed_or_let_escape_keeps_the_struct_raw(tmp_path, body):
    c = LIST + ("static char first(struct list *l) { return l->name[0]; }\n"
                "struct item *pick(unsigned long n);\n"
                f"void f(struct list *l) {{ {body} }}\n")
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    assert map_all(cb)["f"].params[0].conv == "value"
    assert raw_reasons(cb.functions["f"], cb)["l"] != "unused"


def test_a_member_of_another_parameter_never_followed_does_not_alias(tmp_path):
    c = LIST + "void copy(double *dst, struct list *src) { *dst = src->items->v; src->n = 0; }\n" \
               "void leak(double *dst, struct list *src) { *dst = src->name[0]; src->n = 0; }\n" \
               "void same(struct item *dst, struct list *src) { dst->v = src->items->v; src->n = 0; }\n"
    s = _convs(tmp_path, c)
    assert s["copy"] == ["mut_ref", "mut_ref"]  # src->name, which may point anywhere, is never followed
    assert s["leak"] == ["value", "value"]  # src->name may point into *dst (or *src), and it is followed
    assert s["same"][0] == "value"  # src->items may point at *dst: read while `&mut` dst lives


def test_string_literals_keep_a_member_owned(tmp_path):
    c = ("#include <stdlib.h>\n"
         "struct tok { char *text; int kind; };\n"
         "void lit(struct tok *t) { t->text = \"(\"; t->kind = 1; }\n"
         "void heap(struct tok *t) { t->text = malloc(4); t->kind = 2; }\n"
         "void none(struct tok *t) { t->text = '\\0'; }\n"
         "void put(struct tok *t) { t->text[0] = 'x'; t->kind = 3; }\n")
    assert _convs(tmp_path, c)["put"] == ["mut_ref"]
    doubtful = c + "void adopt(struct tok *t, char *s) { t->text = s; }\n"
    assert _convs(tmp_path, doubtful)["put"] == ["value"]


@pytest.mark.slow
def test_unfollowed_members_verify_against_the_c(tmp_path):
    out = tmp_path / "out"
    migrated_and_verified(DATA / "signatures" / "follows", out)
    module = (out / "src" / "m_lib.rs").read_text()
    assert "fn list_zero(l: &mut list)" in function_code(module, "list_zero")
    assert "fn list_rename(l: *mut list" in function_code(module, "list_rename")
    assert "// SAFETY: l: rule unfollowed-members" in (out / "src" / "ffi.rs").read_text()


def test_pointers_in_a_struct_passed_by_value_may_alias_a_parameter(tmp_path):
    c = ("struct v { int *ptr; };\n"
         "void write(int *p, struct v v) { *p = 1; *v.ptr = 2; }\n"  # v.ptr may be p
         "void test(int *p, struct v v) { *p = 1; if (v.ptr) *p = 2; }\n")  # only tested: never followed
    s = _convs(tmp_path, c)
    assert s["write"][0] == "value" and s["test"][0] == "mut_ref"


def test_a_member_name_also_held_by_value_is_never_skipped(tmp_path):
    """`a->inner` is a struct held by value here, a pointer in `struct c`: its pointers are followed through
    `.`, so what the by-value one leads to still counts (by name, skipping it would skip both)."""
    c = ("struct b { char *ptr; };\nstruct a { struct b inner; int n; };\nstruct c { struct b *inner; };\n"
         "void f(struct a *a) { a->n = 1; a->inner.ptr[0] = 0; }\n"
         "void g(struct a *a, struct c *c) { a->n = 2; if (c->inner) a->n = 3; }\n")
    s = _convs(tmp_path, c)
    assert s["f"] == ["value"]  # inner.ptr may point into *a
    assert s["g"][0] == "mut_ref"
