"""Zero-terminated arrays of integers wider than a byte (signatures/zeroterm.py, rule zero-terminated): which
reads make a slice the C ABI entry scans to its zero, which stay raw (written, stepped, passed on, a scan that
may stop first or runs on some calls only), and the entry's scan and overlap check (gcc vs the Rust:
behaviour/memory/zero_terminated.c)."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import map_all, raw_reasons

_HEAD = "#include <stdlib.h>\ntypedef unsigned short u16;\nvoid ext(const int *v);\n"


def _sigs(tmp_path: Path, c: str) -> dict:
    (tmp_path / "m.c").write_text(_HEAD + c)
    return {s.c_name: s for s in map_all(analyze_dir(tmp_path)).values()}


@pytest.mark.parametrize("c", [
    "unsigned long size(const u16 *s) { unsigned long i, j = 0; for (i = 0; s[i]; i++) "
    "j += s[i] >= 0x80 ? 2 : 1; return j; }",
    "int sum(const int *v) { int s = 0, i = 0; while (v[i] != 0) { s += v[i]; i++; } return s; }",
    "long last(const long *v) { long i = 0; while (v[i]) i++; return i ? v[i - 1] : -1; }",
    "int head(const unsigned *v) { int n = 0; if (v[0] == 7) n = 1; while (v[n]) n++; return n; }",
    # a break out of a switch inside the scan leaves only the switch (scans.py)
    "int odd(const int *v) { int n = 0; for (int i = 0; v[i]; i++) switch (v[i] & 1) { case 1: n++; break; } "
    "return n; }",
])
def test_wide_integers_read_up_to_their_zero_on_every_call_are_a_slice(tmp_path, c):
    sig = next(iter(_sigs(tmp_path, c).values()))
    p = sig.params[0]
    assert p.rust_type.startswith("&[") and p.proof == "zero-terminated", sig.decl()
    assert not sig.unsafe, sig.unchecked


@pytest.mark.parametrize("c", [
    "int w(int *v) { int i = 0; while (v[i]) { v[i] = 1; i++; } return i; }",  # written through
    "int step(const int *v) { int n = 0; while (*v) { v++; n++; } return n; }",  # stepped (no cursor rule)
    "int pass(const int *v) { int i = 0; while (v[i]) i++; ext(v); return i; }",  # passed outside SRC
    "int some(const int *v, int k) { int i = 0; if (k) while (v[i]) i++; return i; }",  # some calls only
    "int upto(const u16 *s, int n) { int i = 0; while (s[i] && i < n) i++; return i; }",  # may stop first
    "int find(const int *v) { int i; for (i = 0; v[i]; i++) if (v[i] == 3) return i; return -1; }",  # leaves
    "int brk(const int *v) { int i; for (i = 0; v[i]; i++) if (v[i] < 0) break; return i; }",
    "int dw(const int *v) { int i = 0; do i++; while (v[i]); return i; }",  # reads v[1] first
    "int max(const int *v) { int i = 0; while (v[i] != -1) i++; return i; }",  # another terminator
    "int zeros(const int *v) { int i = 0; while (v[i] == 0) i++; return i; }",  # stops at a non-zero one
    "int quit(const int *v) { int i = 0; while (v[i]) { if (v[i] < 0) exit(1); i++; } return i; }",
    "double dsum(const double *v) { double s = 0; int i = 0; while (v[i] != 0) s += v[i++]; return s; }",
])
def test_written_stepped_passed_or_not_scanned_to_the_zero_stays_raw(tmp_path, c):
    sig = next(s for s in _sigs(tmp_path, c).values())
    assert sig.params[0].rust_type.startswith("*"), sig.decl()
    fn = analyze_dir(tmp_path).functions[sig.c_id]
    assert sig.params[0].name in raw_reasons(fn, analyze_dir(tmp_path))


def test_the_entry_scans_to_the_zero_and_checks_an_out_parameter_against_those_elements(tmp_path):
    sigs = _sigs(tmp_path, "int len(const int *v, int *out) { int n = 0; while (v[n]) n++; *out = n; "
                           "return n; }")
    sig = sigs["len"]
    assert [p.rust_type for p in sig.params] == ["&[i32]", "&mut i32"] and not sig.unsafe, sig.decl()
    assert sig.params[1].proof == "disjoint-checked" and sig.params[1].disjoint_from == ["v"]
    entry = ffi_entry(sig, c_original=True)
    scan = "{ let mut n = 0usize; while v.add(n).read_unaligned() != 0 { n += 1; } n + 1 }"
    assert f"core::slice::from_raw_parts(v, {scan})" in entry
    assert f"llmigrate_overlap(out as usize, core::mem::size_of::<i32>(), v as usize, if v.is_null() " \
           f"{{ 0 }} else {{ core::mem::size_of::<i32>() * {scan} }})" in entry
    assert "up to and including a zero one" in entry and "v: rule disjoint-checked" in entry


def test_a_call_inside_src_passing_the_out_parameter_into_the_array_stays_unsafe(tmp_path):
    sigs = _sigs(tmp_path, "int len(const int *v, int *out) { int n = 0; while (v[n]) n++; *out = n; "
                           "return n; }\nint run(void) { int a[3] = {4, 0, 1}; return len(a, &a[1]); }")
    assert sigs["run"].unsafe and "as a slice made from a raw pointer" in sigs["run"].unchecked


@pytest.mark.slow
def test_the_rust_runs_for_apart_arguments_and_the_c_original_for_overlapping_ones(tmp_path: Path) -> None:
    from helpers.paths import DATA
    from helpers.runs import safe_and_equivalent

    out = tmp_path / "out"
    by_name, module = safe_and_equivalent(DATA / "pipeline" / "zeroterm", out, "wide",
                                          ("wide_utf8size", "wide_count"))
    assert "pub fn wide_count(v: &[i32], out: &mut i32) -> i32" in module
    ffi = (out / "src" / "ffi.rs").read_text()
    assert ffi.count("llmigrate_overlap(") == 1 + 1  # the helper, and wide_count's pair
    assert "__llmigrate_c_wide_count" in (out / "csrc" / "wide.c").read_text()
    rules = {p["rule"] for p in by_name["wide_utf8size"]["safety"]["boundary"]["proofs"] if p["pointer"]}
    assert rules == {"zero-terminated", "unaligned-copy"}  # the entry's copy of an unaligned pointer too
