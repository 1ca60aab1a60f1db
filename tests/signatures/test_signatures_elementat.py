"""Rule element-at (signatures/elementat.py): a pointer used only as `p[k]`, `k` one integer parameter the
body never changes, an element reached on every call, is a reference to that element; the C ABI entry makes
it from `p + k` and checks two such elements for overlap (gcc vs the Rust: tests/data/pipeline/elementat)."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry, kept_in_c_item
from llmigrate.signatures.mapper import map_all, raw_reasons

_HEAD = "#include <stddef.h>\ntypedef struct { double x, y; } V;\n"


def _sigs(tmp_path: Path, c: str) -> dict:
    (tmp_path / "m.c").write_text(_HEAD + c)
    return {s.c_name: s for s in map_all(analyze_dir(tmp_path)).values()}


def test_two_elements_at_one_index_are_references_checked_for_overlap(tmp_path):
    sig = _sigs(tmp_path, "void step(const double dt, const size_t i, const V *acc, V *vel) {\n"
                          "  vel[i].x = vel[i].x + acc[i].x * dt; vel[i].y += acc[i].y * dt; }")["step"]
    assert sig.decl() == "pub fn step(dt: f64, i: usize, acc: &V, vel: &mut V)" and not sig.unsafe
    acc, vel = sig.params[2:]
    assert (acc.at, vel.at, acc.proof, vel.disjoint_from) == ("i", "i", "disjoint-checked", ["acc"])
    assert acc.beneath == "element-at"
    entry = ffi_entry(sig, c_original=True)
    assert "crate::m::step(dt, i, &*acc.add(i), &mut *vel.add(i))" in entry
    assert "acc.add(i) as usize, core::mem::size_of::<V>()" in entry  # the elements' own bytes
    assert "`vel` plus `i` elements must point to an aligned, writable `V`" in entry


def test_a_signed_index_steps_by_offset_and_a_kept_function_gives_the_c_its_pointer_back(tmp_path):
    sig = _sigs(tmp_path, "double get(int k, const double *a) { return a[k] * 2; }")["get"]
    assert sig.decl() == "pub fn get(k: i32, a: &f64) -> f64", sig.decl()
    assert "&*a.offset(k as isize)" in ffi_entry(sig)
    assert "core::ptr::from_ref(a)).wrapping_offset((k as isize).wrapping_neg())" in \
        kept_in_c_item(sig, "__llmigrate_c_get")


@pytest.mark.parametrize("c", [
    "void two(size_t i, size_t j, double *a) { a[i] = a[j]; }",  # two indexes
    "void bumped(size_t i, double *a) { i++; a[i] = 1; }",  # the index changes
    "void next(size_t i, double *a) { a[i + 1] = 1; }",  # another element
    "void local(double *a) { size_t k = 3; a[k] = 1; }",  # a local index
    "double *escape(size_t i, double *a) { return &a[i]; }",  # the element's address escapes
    "void maybe(int c, size_t i, double *a) { if (c) a[i] = 2; }",  # some calls only
    "void both(size_t i, double *a) { a[i] = 1; *a = 2; }",  # another use of the pointer
    "static void helper(size_t i, double *a) { a[i] = 4; }\nvoid caller(double *a) { helper(1, a); }",
    "void va(size_t i, double *a, ...) { a[i] = 1; }",  # its C shim passes `a` itself
])
def test_other_indexes_uses_or_callers_in_src_stay_raw(tmp_path, c):
    sigs = _sigs(tmp_path, c)
    cb = analyze_dir(tmp_path)
    for sig in sigs.values():
        a = next(p for p in sig.params if p.name == "a")
        assert a.rust_type.startswith("*") and not a.at and sig.unsafe, sig.decl()
        assert "a" in raw_reasons(cb.functions[sig.c_id], cb)


@pytest.mark.slow
def test_the_rust_takes_the_elements_and_the_c_original_runs_for_one_array(tmp_path: Path) -> None:
    from helpers.paths import DATA
    from helpers.runs import safe_and_equivalent

    out = tmp_path / "out"
    by_name, module = safe_and_equivalent(DATA / "pipeline" / "elementat", out, "particles",
                                          ("pa_step", "pa_norm1", "pa_clamp"))
    assert "pub fn pa_step(dt: f64, idx: usize, acc: &vec2, vel: &mut vec2)" in module
    assert "vel.x += acc.x * dt;" in module  # `vel[idx].x = vel[idx].x + ...` read through the reference
    assert "pub fn pa_clamp(index: u32, p: &mut vec2, floor: f64)" in module
    ffi = (out / "src" / "ffi.rs").read_text()
    assert ffi.count("llmigrate_overlap(") == 1 + 1  # the helper, and pa_step's pair
    assert "__llmigrate_c_pa_step" in (out / "csrc" / "particles.c").read_text()
    rules = {p["rule"] for p in by_name["pa_clamp"]["safety"]["boundary"]["proofs"] if p["pointer"]}
    assert rules == {"element-at"}
