"""Rule pointer-slot (signatures/slots.py): a `T **` parameter only used as `*pp` is a reference to the one
pointer object it points at (`&mut *mut T`); what that pointer points at stays raw (gcc vs the Rust:
tests/data/pipeline/slots)."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import map_all, raw_reasons

_HEAD = "#include <stddef.h>\ntypedef struct node { int v; struct node *next; } node;\n" \
        "typedef struct { double *d; int n; } vec;\n"


def _sig(tmp_path: Path, c: str, name: str = "f"):
    (tmp_path / "m.c").write_text(_HEAD + c)
    cb = analyze_dir(tmp_path)
    sig = next(s for s in map_all(cb).values() if s.c_name == name)
    return sig, raw_reasons(cb.functions[sig.c_id], cb)


@pytest.mark.parametrize(("c", "decl"), [
    ("void f(vec **out, int *k) { *out = NULL; *k = 1; }", "pub fn f(out: &mut *mut vec, k: &mut i32)"),
    ("void f(const int **cur, int n) { *cur += n; }", "pub fn f(cur: &mut *const i32, n: i32)"),
    ("void f(vec **pp) { if (pp) *pp = NULL; }", "pub fn f(pp: Option<&mut *mut vec>)"),
    ("int f(node **pp) { return (*pp)->v; }", "pub unsafe fn f(pp: &*mut node) -> i32"),  # followed raw
    ("int f(vec *const *pp) { return (*pp)->n; }", "pub unsafe fn f(pp: &*mut vec) -> i32"),
])
def test_a_slot_used_as_star_pp_is_a_reference_to_the_pointer(tmp_path, c, decl):
    sig, reasons = _sig(tmp_path, c)
    assert sig.decl() == decl and reasons == {}
    assert sig.params[0].proof == "pointer-slot"


@pytest.mark.parametrize(("c", "decl"), [
    ("double f(vec **rows, int n)\n"
     "{ double t = 0; for (int i = 0; i < n; i++) t += rows[i]->d[0]; return t; }",
     "pub unsafe fn f(rows: &[*mut vec], n: i32) -> f64"),  # elements only read: a shared slice
    ("void f(vec **rows, int n) { for (int i = 0; i < n; i++) rows[i] = NULL; }",
     "pub fn f(rows: &mut [*mut vec], n: i32)"),
])
def test_an_array_of_pointers_indexed_below_its_count_is_a_slice_of_pointers(tmp_path, c, decl):
    sig, reasons = _sig(tmp_path, c)
    assert sig.decl() == decl and reasons == {}
    assert sig.params[0].proof == "counted-loop"


def test_an_array_of_pointers_a_range_analysis_bounds_is_a_slice_of_pointers(tmp_path):
    sig, reasons = _sig(tmp_path, "void f(vec **rows, int n, int ok)\n"
                                  "{ for (int i = 0; ok && i < n; i++) rows[i] = NULL; }")
    assert sig.decl() == "pub fn f(rows: &mut [*mut vec], n: i32, ok: i32)" and reasons == {}
    assert (sig.params[0].proof, sig.params[0].len_param) == ("index-range", "n")


def test_an_array_of_pointers_read_to_a_constant_on_every_call_is_a_slice_of_that_many(tmp_path):
    sig, reasons = _sig(tmp_path, "int f(vec **rows)\n"
                                  "{ int t = 0; for (int i = 0; i < 4; i++) t += rows[i]->n; return t; }")
    assert sig.decl() == "pub unsafe fn f(rows: &[*mut vec]) -> i32" and reasons == {}
    assert (sig.params[0].proof, sig.params[0].len_param) == ("constant-extent", "4")


def test_the_entry_makes_the_slot_reference_under_its_rule(tmp_path):
    sig, _ = _sig(tmp_path, "void f(vec **out, int *k) { *out = NULL; *k = 1; }")
    entry = ffi_entry(sig)
    assert "crate::m::f(&mut *out, &mut *k)" in entry
    assert "// SAFETY: out: rule pointer-slot: the C only uses it as `*pp`" in entry
    assert "`out` must point to an aligned, writable `*mut vec`" in entry


def test_a_slot_another_parameter_may_hold_is_compared_at_run_time(tmp_path):
    # `pp` may be `&n->next`: the entry compares the slot's bytes with the node's and runs the C if they meet
    sig, _ = _sig(tmp_path, "void f(node **pp, node *n) { *pp = n->next; }")
    assert sig.params[0].proof == "disjoint-checked" and sig.params[0].beneath == "pointer-slot"
    assert "llmigrate_overlap(n as usize, core::mem::size_of::<node>(), pp as usize, " \
           "core::mem::size_of::<*mut node>())" in ffi_entry(sig, c_original=True)


def test_a_slot_only_stored_into_holds_nothing_the_call_follows(tmp_path):
    # a `char *` may point anywhere, the slot too; but the call never loads what this one holds
    sig, reasons = _sig(tmp_path, "int f(const char **err, vec *v)\n"
                                  "{ if (v->d[0] < 0) { *err = \"neg\"; return -1; } return 0; }")
    assert sig.params[0].rust_type == "Option<&mut *const i8>" and reasons == {}
    assert (sig.params[0].proof, sig.params[1].proof) == ("pointer-slot", "disjoint-checked")


def test_two_slots_of_one_type_are_compared_at_run_time(tmp_path):
    sig, reasons = _sig(tmp_path, "void f(vec **a, vec **b) { *a = *b; }")
    assert sig.decl() == "pub fn f(a: &mut *mut vec, b: &*mut vec)" and reasons == {}
    assert (sig.params[0].proof, sig.params[0].disjoint_from) == ("disjoint-checked", ["b"])
    assert "llmigrate_overlap(a as usize, core::mem::size_of::<*mut vec>(), b as usize, " \
           "core::mem::size_of::<*mut vec>())" in " ".join(ffi_entry(sig, c_original=True).split())


@pytest.mark.parametrize(("c", "why"), [
    # loaded and followed while the call follows other pointers: the string may hold the slot
    ("int f(const char **err, vec *v) { v->d[0] = 1; return (*err)[0]; }",
     "its pointee's pointers may lead back into it"),
    # stored into, but `n->next->next` may be the slot, and the call follows `n->next`
    ("void f(node **pp, node *n) { n->next->v = 1; *pp = NULL; }", "may alias another parameter"),
    # the loaded pointer may point back at the slot: a char may alias it, a node's `next` may be it
    ("void f(char **pp) { (*pp)[0] = 'x'; }", "its pointee's pointers may lead back into it"),
    ("void f(node **pp) { (*pp)->next = NULL; }", "its pointee's pointers may lead back into it"),
    ("double f(vec **rows, int i) { return rows[i]->d[0]; }", "indexed outside a counted loop"),  # no count
    ("void f(vec **rows, int n) { for (int i = 0; i <= n; i++) rows[i] = NULL; }",  # one past the count
     "indexed outside a counted loop"),
    ("vec *f(vec **rows, int n, int *at) { return rows[*at]; }", "indexed outside a counted loop"),  # data
    ("void f(vec **pp) { *(pp + 1) = NULL; }", "pointer arithmetic"),  # past the one slot
    # two slots of one type that every call may pass as one: no C ABI entry checks a static function's
    ("static void f(vec **a, vec **b) { *a = *b; }\nvoid g(vec **x) { f(x, x); }",
     "may alias another parameter"),
    ("void f(vec ***pp) { **pp = NULL; }", "pointee is a pointer"),  # three levels
    ("struct op;\nvoid f(struct op **pp) { *pp = NULL; }", "pointee is a pointer"),  # an incomplete type
])
def test_other_slots_stay_raw(tmp_path, c, why):
    sig, reasons = _sig(tmp_path, c)
    assert sig.params[0].rust_type.startswith("*") and sig.unsafe, sig.decl()
    assert reasons[sig.params[0].name] == why


@pytest.mark.slow
def test_the_rust_takes_slots_and_behaves_as_the_c(tmp_path: Path) -> None:
    from helpers.paths import DATA
    from helpers.runs import safe_and_equivalent

    by_name, module = safe_and_equivalent(DATA / "pipeline" / "slots", tmp_path / "out", "slots",
                                        ("skip", "clear_names"))
    assert "pub unsafe fn grid_fill(g: Option<&*mut grid>, v: f64)" in module  # the grid itself is raw
    assert "pub unsafe fn grid_drop(slot: Option<&mut *mut grid>)" in module
    assert "pub unsafe fn grids_total(gs: &[*mut grid], n: i32) -> f64" in module
    assert "names[i as usize] = core::ptr::null::<i8>();" in module  # bounds-checked
    assert "crate::slots::grid_make(Some(&mut g), rows, cols)" in module  # a local's address lent
    rules = {p["rule"] for p in by_name["grid_make"]["safety"]["boundary"]["proofs"] if p["pointer"]}
    assert rules == {"pointer-slot"}


def test_an_owned_member_behind_a_slot_is_named_through_the_pointer_it_holds(tmp_path):
    # `t` is apart from what `(*pp)->data` writes only because `data` holds fresh buffers (owned-buffer):
    # the entry's precondition names that member as C reaches it from the slot
    (tmp_path / "m.c").write_text("#include <stdlib.h>\ntypedef struct { size_t *data; size_t n; } it;\n"
                                  "typedef struct { size_t count; size_t seen; } tree;\n"
                                  "void mk(it *i) { i->data = malloc(8 * sizeof(size_t)); i->n = 8; }\n"
                                  "void f(tree *t, it **pp) { t->seen = 1; (*pp)->data[0] = t->count; }\n")
    sig = next(s for s in map_all(analyze_dir(tmp_path)).values() if s.c_name == "f")
    assert [p.proof for p in sig.params] == ["owned-buffer", "pointer-slot"]
    assert "`pp[0]->data` must not point into `*t` or any other struct" in ffi_entry(sig)
