"""Parameters that may overlap, as `disjoint-checked` references (issue 15): a C test calls each function
with disjoint objects (the Rust runs) and with overlapping ones (the C ABI entry sees the overlap and runs
the C original), and gets what gcc's build of the C gives, in the Rust library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, journal, migrate_builtin

DISJOINT = DATA / "pipeline" / "disjoint"


@pytest.mark.slow
def test_overlapping_calls_run_the_c_and_disjoint_ones_the_rust(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = migrate_builtin(DISJOINT, out)
    assert done.returncode == 0, done.stdout + done.stderr
    data = journal(out)
    assert {fid: e["status"] for fid, e in data["functions"].items()} == dict.fromkeys(
        ("add", "swap_into", "twice", "shift_add", "digits_into", "digits_sum", "take_next", "biased",
         "attach", "yes_no", "digest"),
        "verified")
    assert [(t["name"], t["c"], t["rust"]) for t in data["c_tests"]] == [("tests/t.c", "passed", "passed")]
    module = (out / "src" / "vec.rs").read_text()
    assert "pub fn add(dst: &mut v, a: &v, b: &v)" in module
    assert "pub fn shift_add(dst: &mut [i32], src: &[i32], n: i32)" in module
    # a view beside a raw cell its `next` may reach: the entry compares it with that cell's bytes
    assert "pub unsafe fn take_next(c: &cell, out: *mut cell)" in module
    # a caller passing one reference twice goes through the checked C ABI entry, with raw pointers
    assert "crate::ffi::add(" in function_code(module, "twice")
    ffi = (out / "src" / "ffi.rs").read_text()
    assert ffi.count("llmigrate_overlap(") == 1 + 2 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1  # helper, one per pair
    assert "table as usize, 256 * core::mem::size_of::<u8>()" in " ".join(ffi.split())  # a masked index
    # a raw partner read at constant indexes only: the entry compares its first elements
    assert "pub fn yes_no(s: *const i8, res: Option<&mut i32>)" in module.replace("unsafe fn", "fn")
    assert "s as usize, 2 * core::mem::size_of::<i8>()" in " ".join(ffi.split())
    # beside a const table (no conflict: nothing writes it), both indexed below their declared sizes: the
    # entry compares their bytes (signatures_extents)
    assert "pub fn biased(out: &mut [i32], src: &[i32])" in module
    assert "llmigrate_overlap( out as usize, 4 * core::mem::size_of::<i32>(), src as usize, 2 * " in " ".join(
        ffi.split())
    # a C string's extent is its bytes to the NUL (rule c-string-cursor for the walk itself)
    assert "CStr::from_ptr(s).to_bytes_with_nul().len()" in ffi
    assert "pub fn digits_into(s: &core::ffi::CStr, out: &mut i32) -> i32" in module  # written on every call
    sums = function_code(module, "digits_sum")  # its own string, a literal, its locals: held apart
    assert "crate::vec::digits_into(s, &mut d)" in sums and 'digits_into(c"12", &mut e)' in sums
    assert "pub fn digits_sum(s: &core::ffi::CStr) -> i32" in sums
    kept = (out / "csrc" / "vec.c").read_text()  # the C originals, under private names only
    # `add` itself is only declared there: the file's other C reaches the Rust's
    assert "\nvoid add(struct v *dst, const struct v *a, const struct v *b); void __llmigrate_c_add(" in kept
    safety = {f["name"]: f["safety"] for f in json.loads((out / "report" / "report.json").read_text())[
        "functions"]}
    rules = {p["rule"] for p in safety["add"]["boundary"]["proofs"]}
    assert rules == {"disjoint-checked"}
    # a buffer only stored, never touched: the holder is a reference with no check (signatures_untouched)
    assert "pub unsafe fn attach(h: &mut holder, mem: *mut u8)" in module
    assert "llmigrate_overlap" not in ffi[ffi.index("ffi-begin attach"):ffi.index("ffi-end attach")]
    assert {p["rule"] for p in safety["attach"]["boundary"]["proofs"]} == {"untouched-partners"}
