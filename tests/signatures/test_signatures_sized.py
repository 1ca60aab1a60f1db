"""Pointer parameters whose pointee was out of the proofs' reach: a struct defined in an included fragment
(`#include "x.inc"`); array parameters whose size is a constant (a literal, a macro, an expression over
macros), indexed only below it: slices as long as that size; streams (`FILE *`) only passed on to functions:
`Option<&mut FILE>` of a zero-sized opaque FILE. With the cases that must stay raw."""

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
    for name in ("past", "longer", "two"):
        assert s[name] == [("value", None)], name
    # no declared size: a pointer reaching a constant on every call (rule constant-extent, reaches.py)
    assert (s["ptr"], s["open"]) == ([("slice", "4")], [("slice", "1")])


def test_stream_only_passed_on_is_an_opaque_handle(tmp_path):
    (tmp_path / "m.c").write_text(
        "#include <stdio.h>\n"
        "int put(FILE *f, int v) { return fprintf(f, \"%d\", v); }\n"
        "int twice(FILE *f) { if (!f) return 0; return put(f, 1) + put(f, 2); }\n"
        "int live(FILE *f) { while (f != NULL) { fputc(1, f); f = NULL; } return 0; }\n"  # assigned
        "FILE *same(FILE *f) { fflush(f); return f; }\n"  # returned
        "int flag(FILE *f) { int ok = f != NULL; fflush(f); return ok; }\n"  # NULL test as a value
        "int at(FILE *f) { return fputc(0, f + 1); }\n"  # arithmetic
        "int ro(const FILE *f) { return f != 0; }\n"  # const: not this rule
        "static FILE *saved;\nvoid keep(FILE *f) { saved = f; }\n")  # stored in a global
    cb = analyze_dir(tmp_path)
    sigs = map_all(cb)
    for name in ("put", "twice"):
        assert sigs[name].params[0].rust_type == "Option<&mut FILE>", name
        assert sigs[name].params[0].proof == "opaque-handle"
        # the handle is a valid stream (the C function needs one): fprintf to it is a checked call
        # (signatures/cstr.py, rule checked-libc-call), so the function is a safe fn
        assert not sigs[name].unsafe, sigs[name].unchecked
    for name in ("live", "same", "flag", "at", "ro", "keep"):
        assert sigs[name].params[0].conv == "value", (name, raw_reasons(cb.functions[name], cb))


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
    lines = (out / "src" / "lines.rs").read_text()
    # references to the opaque stream, in safe fns: libc calls on a valid stream are checked calls
    assert "pub fn put_two(out: Option<&mut FILE>, v: i32) -> i32" in function_code(lines, "put_two")
    count = function_code(lines, "count_lines")
    assert "pub fn count_lines(r#in: Option<&mut FILE>) -> i32" in count
    assert "// SAFETY: rule checked-libc-call: `fgetc`" in count  # before the loop its condition heads
    assert "pub unsafe fn skip_to_end(f: *mut FILE)" in function_code(lines, "skip_to_end")
    shared = (out / "src" / "shared.rs").read_text()  # the stream's memory is the C library's: no members
    assert "pub struct _IO_FILE {\n    _opaque: [u8; 0],\n}" in shared
    assert "pub unsafe fn last_past(a: *const i32)" in function_code(module, "last_past")
    # a raw pointer passed on as a sized slice: made under the caller's contract (sum_first is an unsafe fn
    # for it), the callee's rule saying what the slice is for
    assert "// SAFETY: the caller's contract (# Safety): it passes `a` as a slice made from a raw pointer, " \
        "valid as the function's `# Safety` requires (the callee's `a`: rule declared-size)" \
        in function_code(module, "sum_first")
    ffi = (out / "src" / "ffi.rs").read_text()
    assert "// SAFETY: a: rule declared-size" in ffi and "core::slice::from_raw_parts(a, 4)" in ffi
    assert "// SAFETY: out: rule opaque-handle" in ffi and "size_of::<FILE>() == 0" in ffi


def test_array_parameter_indexed_by_a_constant_tables_elements_is_a_slice_of_its_size(tmp_path):
    """`in[perm[i]]`, perm a const global of integer literals all below the declared size: a slice of that
    size; a negative element, a table written to, one past the size, a local table hiding it stay raw. The
    same C runs under gcc and as Rust in the behaviour case memory/const_tables."""
    (tmp_path / "m.c").write_text((DATA / "backends/builtin/behaviour/memory/const_tables.c").read_text())
    cb = analyze_dir(tmp_path)
    s = _shapes(tmp_path)
    assert s["ct_shuffle"][1] == ("slice", "6") and s["ct_pick"][0] == ("slice", "8")
    for name in ("ct_neg", "ct_wr", "ct_big", "ct_hidden"):
        assert raw_reasons(cb.functions[name], cb) == {"a": "indexed outside a counted loop"}, name
