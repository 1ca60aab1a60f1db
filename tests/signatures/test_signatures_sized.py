"""Pointer parameters whose pointee was out of the proofs' reach: a struct defined in an included fragment
(`#include "x.inc"`), and array parameters whose size is a constant (a literal, a macro, an expression over
macros), indexed only below it: slices as long as that size. With the cases that must stay raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons

OPAQUE = DATA / "signatures" / "opaque"


def _shapes(src: Path) -> dict[str, list[tuple[str, str | None]]]:
    return {fid: [(p.conv, p.len_param) for p in s.params] for fid, s in map_all(analyze_dir(src)).items()}


def test_struct_defined_in_an_included_fragment_is_borrowed():
    cb = analyze_dir(OPAQUE)
    s = _shapes(OPAQUE)
    assert s["bag_cap"] == [("ref", None)] and s["bag_clear"] == [("mut_ref", None)]
    # its flexible array member reaches past the struct a reference covers: raw
    assert raw_reasons(cb.functions["bag_add"], cb) == {"b": "array member or address of a member"}


def test_array_parameter_indexed_below_its_constant_size_is_a_slice_of_that_size(tmp_path):
    (tmp_path / "m.c").write_text(
        "#define N 4\n#define NB 2\n"
        "int lit(const int a[4]) { int s = 0; for (int i = 0; i < 4; i++) s += a[i]; return s; }\n"
        "int mac(const int a[N]) { int s = 0; for (int i = 0; i < N; i++) s += a[i]; return s; }\n"
        "int expr(int a[2 * NB]) { for (int i = 0; i < 2 * NB; i++) a[i] = i; return a[3]; }\n"
        "int ends(const int a[4]) { return a[0] + a[3]; }\n"
        "int fewer(const int a[N]) { int s = 0; for (int i = 0; i < 2; i++) s += a[i]; return s; }\n"
        "int past(const int a[4]) { return a[4]; }\n"  # one past the size: raw
        "int longer(const int a[4]) { int s = 0; for (int i = 0; i < 5; i++) s += a[i]; return s; }\n"
        "int ptr(const int *a) { int s = 0; for (int i = 0; i < 4; i++) s += a[i]; return s; }\n"
        "int open(const int a[]) { return a[0]; }\n"  # no size: a pointer like any other
        "int two(int a[4][N]) { return a[0][0]; }\n")  # rows of arrays: not this rule
    s = _shapes(tmp_path)
    assert s["lit"] == s["mac"] == s["ends"] == s["fewer"] == [("slice", "4")]
    assert s["expr"] == [("slice_mut", "4")]
    for name in ("past", "longer", "ptr", "open", "two"):
        assert s[name] == [("value", None)], name


@pytest.mark.slow
def test_fragment_structs_and_sized_arrays_are_safe_and_verify(tmp_path):
    out = tmp_path / "out"
    migrated_and_verified(OPAQUE, out)
    module = (out / "src" / "bag.rs").read_text()
    safe = {"bag_cap": "pub fn bag_cap(b: &bag) -> u32", "bag_clear": "pub fn bag_clear(b: &mut bag)",
            "sum4": "pub fn sum4(a: &[i32]) -> i32", "fill": "pub fn fill(a: &mut [i32], v: i32)"}
    for name, decl in safe.items():
        code = function_code(module, name)
        assert decl in code and "unsafe" not in code, code
    assert "pub unsafe fn last_past(a: *const i32)" in function_code(module, "last_past")
    # a raw pointer passed on as a sized slice: made under the rule's SAFETY comment
    assert "// SAFETY: a: rule declared-size" in function_code(module, "sum_first")
    ffi = (out / "src" / "ffi.rs").read_text()
    assert "// SAFETY: a: rule declared-size" in ffi and "core::slice::from_raw_parts(a, 4)" in ffi
