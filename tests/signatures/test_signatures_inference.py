"""Inference rules beyond one dereference per call: structs that never follow their own pointers, NULL-checked
pointers as `Option`, globals of unrelated types; with the negative cases where a pointer must stay raw."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrate_builtin, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons

INFERENCE = DATA / "signatures" / "inference"


def convs(tmp_path: Path, c: str) -> dict[str, list[str]]:
    (tmp_path / "m.c").write_text(c)
    return {fid: [p.conv for p in s.params] for fid, s in map_all(analyze_dir(tmp_path)).items()}


def test_struct_that_may_point_into_itself_is_borrowed_when_no_loaded_pointer_is_followed(tmp_path):
    c = ("struct buf { unsigned char *data; unsigned long len; struct buf *next; };\n"
         "unsigned long len(struct buf *b) { return b->len; }\n"
         "void put(struct buf *b, unsigned char x) { b->data[b->len++] = x; }\n"
         "void hop(struct buf *b) { b->next->len = 0; }\n"
         "void via_local(struct buf *b) { unsigned char *d = b->data; b->len = 1; *d = 0; }\n"
         "void ext(struct buf *b) { b->len = 0; __builtin_memset(b->data, 0, 4); }\n")
    s = convs(tmp_path, c)
    assert s["len"] == ["ref"]  # and read-only
    assert s["put"][0] == "value"
    assert s["hop"] == ["value"] and s["via_local"] == ["value"] and s["ext"] == ["value"]


def test_typedef_of_an_anonymous_struct_is_borrowed(tmp_path):
    c = "typedef struct { int rows; double *d; } matrix;\nint rows(const matrix *m) { return m->rows; }\n"
    assert convs(tmp_path, c)["rows"] == ["ref"]


def test_globals_of_unrelated_types_do_not_keep_a_struct_raw(tmp_path):
    c = ("struct cfg { int scale; };\nstatic int calls;\nstatic struct cfg deflt;\nstatic char *name;\n"
         "int apply(struct cfg *c, int x) { calls++; return x * c->scale; }\n"
         "void same(struct cfg *c) { c->scale = deflt.scale; }\n"  # c may be &deflt
         "void chars(struct cfg *c) { c->scale = name[0]; }\n"  # char may alias anything
         "int *saved;\nvoid keep(int *p) { *p = 1; saved = p; }\n"  # stored in a global
         "int count(int *p) { *p = 1; return calls; }\n")  # an int pointer may point at the int global
    s = convs(tmp_path, c)
    assert s["apply"] == ["ref", "value"]  # only read: a shared view
    assert s["same"] == s["chars"] == s["keep"] == ["value"] and s["count"] == ["value"]


def test_null_passed_on_unchecked_or_arithmetic_past_the_count_stays_raw(tmp_path):
    c = ("#include <string.h>\n"
         "void clear(int *p) { if (p) memset(p, 0, 4); }\n"  # passed on to a function outside SRC
         "int last(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return a[n]; }\n"
         "int *id(int *p) { if (p) *p = 1; return p; }\n"  # returned to the caller
         "static void two(int *a, int *b) { if (a) *a = 1; if (b) *b = 2; }\n")  # may alias, unchecked
    s = convs(tmp_path, c)
    assert s["clear"] == ["value"] and s["last"] == ["value", "value"] and s["id"] == ["value"]
    assert s["two"] == ["value", "value"]


def test_a_path_that_may_end_the_program_before_the_dereference_makes_an_option(tmp_path):
    """exit(), abort(), assert(), a function of SRC calling one (also through another) or a macro calling
    one may end the call before the dereference: a C caller may pass NULL on that path."""
    c = ("#include <stdlib.h>\n#include <assert.h>\n#define DIE(m) exit(m)\n"
         "static void fail(int code) { if (code) abort(); }\nstatic void check(int k) { fail(k > 3); }\n"
         "void direct(int k, int *o) { if (k) exit(1); *o = k; }\n"
         "void asserted(int k, int *o) { assert(k > 0); *o = k; }\n"
         "void nested(int k, int *o) { check(k); *o = k; }\n"
         "void by_macro(int k, int *o) { if (k) DIE(2); *o = k; }\n"
         "void after(int k, int *o) { *o = k; if (k) exit(1); }\n"  # dereferenced first: a reference
         "void quiet(int k, int *o) { if (k) k = 2; *o = k; }\n")
    s = convs(tmp_path, c)
    assert s["direct"] == s["asserted"] == s["nested"] == s["by_macro"] == ["value", "opt_mut"]
    assert s["after"] == s["quiet"] == ["value", "mut_ref"]


def test_raw_reasons_name_the_rule_that_failed(tmp_path):
    (tmp_path / "m.c").write_text("#include <string.h>\nvoid clear(int *p) { memset(p, 0, 4); }\n"
                                  "static void two(int *a, int *b) { *a = 1; *b = 2; }\n"
                                  "int f(int *p, int k) { return k ? p[3] : 0; }\n")
    cb = analyze_dir(tmp_path)
    assert raw_reasons(cb.functions["clear"], cb) == {"p": "passed to a function outside SRC"}
    assert raw_reasons(cb.functions["two"], cb) == {"a": "may alias another parameter",
                                                    "b": "may alias another parameter"}
    assert raw_reasons(cb.functions["f"], cb) == {"p": "indexed outside a counted loop"}


def test_a_name_used_in_an_initialiser_is_a_use_and_only_a_declarator_redeclares_it(tmp_path):
    (tmp_path / "m.c").write_text(
        "int sum(const int *p, int n) { int m = n; int s = 0;\n"
        "  for (int i = 0; i < n; i++) s += p[i]; return s + m; }\n"
        "void copied(int *p) { int *q = p; *q = 1; *p = 2; }\n"  # the only use: signatures/aliases.py
        "void shadow(int *p) { *p = 1; { int p = 2; (void)p; } }\n"
        "void paren(int *p) { *p = 1; { int (p); p = 3; (void)p; } }\n")
    cb = analyze_dir(tmp_path)
    assert [p.conv for p in map_all(cb)["sum"].params] == ["slice", "value"]  # `int m = n` reads the count
    assert raw_reasons(cb.functions["copied"], cb) == {"p": "assigned or copied"}
    assert raw_reasons(cb.functions["shadow"], cb) == {"p": "the name is declared again"}
    assert raw_reasons(cb.functions["paren"], cb) == {"p": "the name is declared again"}


@pytest.mark.slow
def test_inferred_borrows_are_safe_and_verify(tmp_path):
    out = tmp_path / "out"
    migrated_and_verified(INFERENCE, out)
    module = (out / "src" / "m_lib.rs").read_text()
    safe = {"buf_len": "pub fn buf_len(b: &buf) -> usize",
            "buf_reset": "pub fn buf_reset(b: Option<&mut buf>)",
            "node_value": "pub fn node_value(n: Option<&node>) -> i32",
            "get_or": "pub fn get_or(p: Option<&i32>, dflt: i32) -> i32",
            "set_if": "pub fn set_if(out: Option<&mut i32>, v: i32)",
            "set_twice": "pub fn set_twice(out: Option<&mut i32>, v: i32)",
            "set_both": "pub fn set_both(lo: Option<&mut i32>, hi: Option<&mut i32>, v: i32)",
            "clear": "pub fn clear(p: &mut i32)"}
    for name, decl in safe.items():
        code = _item(function_code(module, name))
        assert code.startswith(decl) and "unsafe" not in code, code
    # `calls` is an int global: an atomic (signatures/atomics.py), safe to touch, so a safe fn
    apply = _item(function_code(module, "apply"))
    assert apply.startswith("pub fn apply(c: &cfg, x: i32) -> i32") and "unsafe" not in apply, apply
    assert "set_if(None, v)" in function_code(module, "set_twice")
    # exits before writing *out on a kind it refuses: verified with NULL given there (C exits, so does Rust)
    set_kind = _item(function_code(module, "set_kind"))
    assert set_kind.startswith("pub fn set_kind(kind: i32, out: Option<&mut i32>)"), set_kind
    assert "b.is_none()" in function_code(module, "buf_reset")
    # read-only: it follows n->next, which may lead back into *n, but nothing is written while it runs; that
    # member pointer may dangle, so the fn is unsafe, its parameter still a reference
    follows = _item(function_code(module, "node_next_value"))
    assert follows.startswith("pub unsafe fn node_next_value(n: &node) -> i32")
    # its last element read where n may be 0: a slice whose index the Rust checks (rule last-element)
    last_of = _item(function_code(module, "last_of"))
    assert last_of.startswith("pub fn last_of(a: &[i32], n: i32) -> i32") and "unsafe" not in last_of
    for name in ("buf_put", "remember", "call_getter"):
        assert _item(function_code(module, name)).startswith(f"pub unsafe fn {name}("), name
    # get_or's address is taken: the pointer is its C ABI entry, which converts like any C caller's call
    assert "crate::ffi::get_or" in (out / "src" / "shared.rs").read_text()
    ffi = (out / "src" / "ffi.rs").read_text()
    assert "// SAFETY: out: rule null-checked" in ffi and "crate::m_lib::set_if(out.as_mut(), v)" in ffi
    assert "// SAFETY: b: rule read-only" in ffi and "// SAFETY: c: rule shared-view" in ffi
    assert "// SAFETY: o: rule owned-buffer" in ffi
    assert "// SAFETY: lo: rule disjoint-checked" in ffi and "\"__llmigrate_c_set_both\"" in ffi
    # `o` is a reference, but the index into its owned buffer is unchecked: an unsafe fn
    owned_put = _item(function_code(module, "owned_put"))
    assert owned_put.startswith("pub unsafe fn owned_put(o: &mut owned, c: u8)")
    assert _item(function_code(module, "count_down")).startswith("pub fn count_down(p: &mut i32, n: i32)")


@pytest.mark.slow
def test_optional_references_kept_in_c_round_trip_through_the_c_abi(tmp_path):
    """Units kept in C turn `Option<&T>` back into a C pointer (None is NULL) for the C definition."""
    script = tmp_path / "script.json"
    script.write_text(json.dumps({"units": {}, "repairs": {}}))  # no replies: every unit is kept in C
    out = tmp_path / "out"
    done = migrate_builtin(INFERENCE, out, script)
    assert done.returncode == 1, done.stdout + done.stderr  # kept in C counts as a failed migration
    data = json.loads((out / ".llmigrate" / "journal.json").read_text())
    assert {e["status"] for e in data["functions"].values()} == {"kept_in_c"}
    assert data["c_tests"] and all(t["rust"] == "passed" for t in data["c_tests"]), data["c_tests"]
    assert "pub fn set_if(out: Option<&mut i32>, v: i32)" in (out / "src" / "m_lib.rs").read_text()


def test_read_only_function_shares_views_whatever_may_alias(tmp_path):
    c = ("struct node { int v; struct node *next; };\n"
         "int next_v(struct node *n) { if (!n->next) return 0; return n->next->v; }\n"  # follows n->next
         "int sum2(int *a, int *b) { return *a + *b; }\n"  # may alias, but nothing is written
         "int len(const char *s) { int n = 0; while (s[n]) n++; return n; }\n"
         "void bump(struct node *n) { n->next->v++; }\n"  # writes through a loaded pointer
         "static int sum_and_set(int *a, int *b) { *b = 0; return *a; }\n"  # writes: may alias
         "static int total;\nint add(struct node *n) { total += n->v; return total; }\n"  # writes a global
         "int counted(const int *p) { static int c; c++; return *p + c; }\n"  # a static local is written
         "int printed(struct node *n) { return __builtin_printf(\"%d\", n->next->v); }\n")  # not pure
    s = convs(tmp_path, c)
    assert s["next_v"] == ["ref"] and s["sum2"] == ["ref", "ref"]
    assert s["bump"] == ["value"] and s["sum_and_set"] == ["value", "value"]
    assert s["add"] == ["ref"] and s["printed"] == ["value"] and s["counted"] == ["value"]


def test_macro_that_may_hide_a_write_or_a_loaded_pointer_blocks_the_whole_function_rules(tmp_path):
    c = ("struct node { int v; struct node *next; };\n"
         "#define ZERO(q) (*(q) = 0)\n#define TWICE(x) ((x) * 2)\n"
         "int get(const struct node *n, int *out) { ZERO(out); return n->next->v; }\n"  # a write, unseen
         "int dbl(const struct node *n) { return TWICE(3) + n->next->v; }\n")  # arithmetic: still read-only
    s = convs(tmp_path, c)
    assert s["get"] == ["value", "value"] and s["dbl"] == ["ref"]


def test_what_a_struct_points_at_aliases_only_its_own_kind(tmp_path):
    c = ("struct vec { int n; double *d; };\n"
         "void count(struct vec *v, long *out) { *out = v->n; }\n"  # v->d reaches doubles, not longs
         "void first(struct vec *v, double *out) { *out = v->n; v->d[1] = 0; }\n")  # out may be v->d
    s = convs(tmp_path, c)
    assert s["count"] == ["ref", "mut_ref"] and s["first"] == ["ref", "value"]  # v: only read


def _item(code: str) -> str:
    """A function's Rust from its first line of code: the C comments carried above it left out."""
    lines = code.splitlines(keepends=True)
    return "".join(lines[next(i for i, line in enumerate(lines) if not line.startswith(("//", "#["))):])


def test_pointer_never_written_through_is_a_shared_view(tmp_path):
    c = ("#include <stdlib.h>\n"
         "struct in { int x; };\nstruct outer { struct in in; int n; };\n"
         "struct vec { int n; double *d; };\nstruct node { int v; struct node *next; };\n"
         "long calls;\n"
         "int get(struct outer *o) { calls++; return o->in.x; }\n"  # writes, not through o
         "void set(struct outer *o) { calls++; (*o).in.x = 1; }\n"  # a member of a member written
         "int *inner(struct outer *o) { calls++; return &o->in.x; }\n"  # address of a member: stays raw
         "struct vec *add(struct vec *v, struct vec *w) {\n"
         "  struct vec *r = malloc(sizeof *r); r->n = v->n + w->n; return r; }\n"  # two views may overlap
         "void link(struct node *a, struct node *b) { calls++; b->next->v = a->v; }\n")  # b->next may be a
    s = convs(tmp_path, c)
    assert s["get"] == ["ref"] and s["set"] == ["mut_ref"] and s["inner"] == ["value"]
    assert s["add"] == ["ref", "ref"]
    assert s["link"] == ["value", "value"]


def test_view_of_a_struct_that_may_point_into_itself_while_only_parameters_are_written(tmp_path):
    c = ("struct node { int v; struct node *next; };\n"
         "int depth(struct node *n) { return n ? 1 + depth(n->next) : 0; }\n"  # a cycle that writes nothing
         "void next_v(struct node *n, long *out) { *out = n->next->v; }\n"  # writes only *out
         "void bump(struct node *n, long *out) { *out = 1; n->next->v = 2; }\n"  # n->next may be n
         "void via(struct node *n, long *out) { struct node *m = n->next; *out = n->v; m->v = 0; }\n"
         "void same(struct node *n, int *out) { *out = n->next->v; }\n")  # out may point at n->v
    s = convs(tmp_path, c)
    assert s["depth"] == ["opt_ref"] and s["next_v"] == ["ref", "mut_ref"]
    # `out` may lie in `*n` or where `n->next` leads: it stays raw, and the C ABI entry checks that the
    # int it writes is not in `*n` (rule disjoint-checked) before it makes the view
    assert s["bump"][0] == s["via"][0] == "value" and s["same"] == ["ref", "value"]
