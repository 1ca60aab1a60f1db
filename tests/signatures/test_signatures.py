"""The signature mapper's proofs: a pointer parameter becomes a reference or slice only when its uses
prove it."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.core import RustSignature
from llmigrate.signatures.mapper import map_all


def sigs(tmp_path: Path, c: str) -> dict[str, RustSignature]:
    (tmp_path / "m.c").write_text(c)
    return map_all(analyze_dir(tmp_path))


def convs(sig: RustSignature) -> dict[str, tuple[str, str]]:
    return {p.name: (p.conv, p.rust_type) for p in sig.params}


def test_out_param_written_on_every_call_is_a_mutable_reference(tmp_path):
    s = sigs(tmp_path, "void put(int *out, int v) { *out = v + 1; }\n")["put"]
    assert convs(s)["out"] == ("mut_ref", "&mut i32")
    assert not s.unsafe and s.decl() == "pub fn put(out: &mut i32, v: i32)"
    assert s.params[0].abi_type == "*mut i32"


def test_const_pointer_only_read_is_a_shared_reference(tmp_path):
    s = sigs(tmp_path, "long get(const long *p) { return *p + 1; }\n")["get"]
    assert convs(s)["p"] == ("ref", "&i64") and not s.unsafe


def test_struct_out_param_through_arrow(tmp_path):
    c = "struct pt { int x; int y; };\nvoid mv(struct pt *p, int d) { p->x += d; p->y = p->x; }\n"
    assert convs(sigs(tmp_path, c)["mv"])["p"] == ("mut_ref", "&mut pt")


def test_written_on_every_path_through_an_early_return(tmp_path):
    c = "int f(int a, int *r) {\n if (!a) { *r = 0; return 0; }\n *r = 10 / a;\n return 1;\n}\n"
    assert convs(sigs(tmp_path, c)["f"])["r"][0] == "mut_ref"


@pytest.mark.parametrize("body", [
    "if (out) *out = v;",  # NULL checked: NULL is a valid argument
    "if (!out) return; *out = v;",
    "if (v) *out = v;",  # only dereferenced on some calls: NULL may be passed
    "if (out != NULL && v) *out = v;",
])
def test_null_checked_or_sometimes_dereferenced_pointer_is_an_option(tmp_path, body):
    c = f"#include <stdlib.h>\nvoid put(int *out, int v) {{ {body} }}\n"
    s = sigs(tmp_path, c)["put"]
    assert convs(s)["out"] == ("opt_mut", "Option<&mut i32>") and not s.unsafe


@pytest.mark.parametrize("body", [
    "*out = v; out++;",  # reassigned
    "*out = v; *(out + 1) = v;",  # arithmetic
    "struct h x; *out = v; x.p = out; (void)x;",  # escapes into a struct
    "*out = v; *(char *)out = 1;",  # cast
    "*out = v; free(out);",  # passed to a function that is not ours
    "int w = 0; *out = v; if (out == &w) v++;",  # compared
    "int *out2 = &v; *out = v; (void)out2; { int *out = 0; (void)out; }",  # name redeclared
])
def test_pointer_uses_that_keep_it_raw(tmp_path, body):
    c = f"#include <stdlib.h>\nstruct h {{ int *p; }};\nvoid put(int *out, int v) {{ {body} }}\n"
    s = sigs(tmp_path, c)["put"]
    assert convs(s)["out"] == ("value", "*mut i32") and s.unsafe


def test_returned_pointer_stays_raw(tmp_path):
    s = sigs(tmp_path, "int *f(int *p) { *p = 1; return p; }\n")["f"]
    assert convs(s)["p"][0] == "value"


def test_macro_using_the_parameter_is_proven_on_its_expansion(tmp_path):
    c = ("#define CLEAR (*p = 0)\nvoid f(int *p) { CLEAR; *p = 1; }\n"
         "#define PTR(x) (&(x))\nvoid use(int *q);\nvoid use2(int v) { (void)v; }\n"
         "void g(int *a, int n) { for (int i = 0; i < n; i++) use(PTR(a[i])); }\n"
         "void h(int *a, int n) { for (int i = 0; i < n; i++) use2(a[i]); }\n")
    s = sigs(tmp_path, c)
    assert convs(s["f"])["p"][0] == "mut_ref"  # CLEAR expands to a write through it (signatures.expand)
    assert convs(s["g"])["a"][0] == "value"  # inside a macro's arguments: its expansion takes the address
    assert convs(s["h"])["a"][0] == "slice_mut"  # the same use outside a macro is a plain read


def test_pointer_plus_length_loop_is_a_slice(tmp_path):
    c = ("int sum(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }\n"
         "void fill(unsigned char *b, unsigned long len, int v) {\n"
         " unsigned long i;\n for (i = 0; i < len; ++i) b[i] = v;\n}\n")
    s = sigs(tmp_path, c)
    assert convs(s["sum"])["a"] == ("slice", "&[i32]") and s["sum"].params[0].len_param == "n"
    assert convs(s["fill"])["b"] == ("slice_mut", "&mut [u8]") and s["fill"].params[0].len_param == "len"
    assert not s["sum"].unsafe and not s["fill"].unsafe


def test_while_loop_incrementing_its_index_last_is_counted(tmp_path):
    c = ("int valid(const unsigned *d, unsigned long len) {\n"
         "  unsigned long pos = 0; unsigned w;\n"
         "  while (pos < len) { w = d[pos]; if (w > 0x10ffff) return 0; if (!w) continue; pos++; }\n"
         "  pos = 0; while ((pos < len)) { w = d[pos]; ++pos; }\n  return 1;\n}\n")
    s = sigs(tmp_path, c)
    assert convs(s["valid"])["d"] == ("slice", "&[u32]") and s["valid"].params[0].len_param == "len"


@pytest.mark.parametrize("body", [
    "for (int i = 0; i < n; i++) s += a[i]; n = 0;",  # the length is reassigned
    "for (int i = 0; i < n; i++) s += a[i + 1];",  # index not the loop variable
    "for (int i = 0; i <= n; i++) s += a[i];",  # bound allows i == n
    "for (int i = 0; i < m; i++) s += a[i];",  # bound is not an integer parameter
    "for (int i = 0; i < n; i++) s += a[i]; s += *a;",  # also dereferenced directly
    "for (int i = 0; i < n; i++) s += a[i]; s += sum2(a, n);",  # passed on
    "int i = 0; while (i < n) { i++; s += a[i]; }",  # indexed after the increment: i may be n
    "int i = 0; while (i < n) { if (s) i++; s += a[i]; i++; }",  # moved before the last statement
    "int i = 0; i = -1; while (i < n) { s += a[i]; i++; }",  # may be negative
    "int i; while (i < n) { s += a[i]; i++; }",  # uninitialised
    "int i = 0; while (i < n) { s += a[i]; i++; } s += a[i];",  # indexed after the loop: i == n
])
def test_slice_uses_that_keep_it_raw(tmp_path, body):
    """Each body indexes `a` where no rule proves the index below `n`."""
    c = ("int sum2(const int *a, int n);\n"
         f"int sum(const int *a, int n) {{ int s = 0, m = 3; (void)m; {body} return s; }}\n")
    assert convs(sigs(tmp_path, c)["sum"])["a"][0] == "value"


def test_pointers_that_may_alias_stay_raw(tmp_path):
    # static: no C ABI entry could check them for overlap at run time (exported ones: signatures_disjoint)
    c = ("static void add(int *dst, const int *src, int n) {\n"
         " for (int i = 0; i < n; i++) dst[i] += src[i]; }\n"
         "static void dm(unsigned a, unsigned b, unsigned *q, unsigned *r) { *q = a / b; *r = a % b; }\n"
         "struct node { int v; struct node *next; };\n"
         "void setv(struct node *n) { n->next->v = 1; n->v = 2; }\n"  # its own pointers may lead back into it
         "struct box { int v; };\n"
         "static void inner(struct box *b, int *v) { b->v = 1; *v = 2; }\n"  # v may point into b
         "static void bytes(char *s, long *out) { *out = 1; *s = 0; }\n")  # char may alias anything
    s = sigs(tmp_path, c)
    assert [p.conv for p in s["add"].params[:2]] == ["value", "value"]
    assert [p.conv for p in s["dm"].params[2:]] == ["value", "value"]
    assert s["setv"].params[0].conv == "value"
    assert [p.conv for p in s["inner"].params] == ["value", "value"]
    assert [p.conv for p in s["bytes"].params] == ["value", "value"]


def test_unrelated_types_and_two_read_only_views_are_borrowed(tmp_path):
    c = ("struct pt { int x; int y; };\n"
         "void f(const struct pt *p, long *out) { *out = p->x + p->y; }\n"
         "int dot(const int *a, const int *b, int n) {\n"
         " int s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s; }\n")
    s = sigs(tmp_path, c)
    assert [p.conv for p in s["f"].params] == ["ref", "mut_ref"]
    assert [p.conv for p in s["dot"].params] == ["slice", "slice", "value"]


def test_globals_keep_pointers_raw_in_the_function_and_its_callers(tmp_path):
    # a global the C ABI entry can compare (rule disjoint-checked) frees them; a file-static one, whose
    # copy the kept C holds, does not
    c = ("int g;\nvoid f(int *p) { *p = g; }\nvoid h(int *p) { *p = 1; f(p); }\n"
         "static int sg;\nvoid fs(int *p) { *p = sg; }\nvoid hs(int *p) { *p = 1; fs(p); }\n")
    s = sigs(tmp_path, c)
    assert [(s[f].params[0].proof, s[f].params[0].disjoint_globals) for f in ("f", "h")] == [
        ("disjoint-checked", ["crate::shared::g"])] * 2
    assert s["fs"].params[0].conv == "value" and s["hs"].params[0].conv == "value"


def test_cycles_of_calls_settle_at_their_fixpoint(tmp_path):
    c = ("void a(int *p, int n);\n"
         "void b(int *p, int n) { *p = 1; if (n) a(p, n - 1); }\n"
         "void a(int *p, int n) { if (n) b(p, n); }\n"  # may not dereference: NULL allowed around the cycle
         "void walk(int *p, int n) { *p = 0; if (n) walk(p + 1, n - 1); }\n"  # arithmetic past the object
         "int *kept;\nvoid keep(int *p, int n) { if (n) keep(p, n - 1); else kept = p; }\n")  # stored
    s = sigs(tmp_path, c)
    assert s["a"].params[0].conv == s["b"].params[0].conv == "opt_mut"
    assert s["walk"].params[0].conv == "value" and s["keep"].params[0].conv == "value"


def test_passing_on_to_a_reference_parameter(tmp_path):
    c = ("void set(int *p) { *p = 1; }\n"
         "void twice(int *p) { set(p); set(p); }\n"
         "void maybe(int *p, int c) { if (c) set(p); }\n"
         "void rec(int *p, int n) { *p = n; if (n) rec(p, n - 1); }\n"
         "static void hidden(int *p) { *p = 2; }\nvoid (*fp)(int *) = hidden;\n")
    s = sigs(tmp_path, c)
    assert s["set"].params[0].conv == "mut_ref" and s["twice"].params[0].conv == "mut_ref"
    assert s["maybe"].params[0].conv == "opt_mut"  # NULL allowed when c == 0
    assert s["rec"].params[0].conv == "mut_ref"  # recursion: the cycle's fixpoint (signatures_cycles)
    # its address is taken: that address is its C ABI adapter in ffi.rs, which converts as an exported entry
    assert s["hidden"].params[0].conv == "mut_ref"
    assert s["hidden"].abi_path == f"crate::ffi::{s['hidden'].module}__abi_hidden"
    assert s["set"].abi_path == "crate::ffi::set" and s["rec"].abi_path == "crate::ffi::rec"
