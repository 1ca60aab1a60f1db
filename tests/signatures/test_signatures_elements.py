"""Elements of a slice lent to a callee's references (rule distinct-elements, signatures/elements.py), a slice
passed on to the function itself, and a last element read with a count not known positive (rule
last-element); with the negative cases that stay raw. tests/data/signatures/elements runs under gcc and as
Rust (its C test and the differential tests)."""

from __future__ import annotations

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons

ELEMENTS = DATA / "signatures" / "elements"
SAME = "two elements lent to one call may be the same"
CANNOT = "an element passed to a callee parameter it cannot be lent to"
SWAP = "void sw(int *x, int *y) { int t = *x; *x = *y; *y = t; }\n"


def _shapes(tmp_path, c: str):
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    sigs = map_all(cb)
    return cb, sigs, {fid: [(p.conv, p.len_param, p.proof) for p in s.params if "*" in p.abi_type]
                      for fid, s in sigs.items()}


def test_elements_lent_apart_and_a_slice_passed_to_itself_are_proven():
    cb = analyze_dir(ELEMENTS)
    sigs = map_all(cb)
    for name in ("le_bubble", "le_select", "le_rec"):  # j, j + 1; i, m under `m != i`; itself on n - 1
        first = sigs[name].params[0]
        assert (first.conv, first.len_param, first.proof) == ("slice_mut", "n", "index-range"), name
        assert not sigs[name].unsafe, name
    assert sigs["le_sentinel"].params[0].proof == "last-element" and not sigs["le_sentinel"].unsafe
    assert raw_reasons(cb.functions["le_select_any"], cb) == {"a": SAME}
    assert raw_reasons(cb.functions["le_keep_pairs"], cb) == {"a": CANNOT}
    assert raw_reasons(cb.functions["le_grow"], cb) == {"a": "indexed outside a counted loop"}  # n + 1 > n


def test_what_does_not_keep_two_elements_apart_stays_raw(tmp_path):
    cb, sigs, shape = _shapes(tmp_path, SWAP + "\n".join([
        # the else of `if (i == m)`: apart
        "void eq(int *a, int n, int m) { if (m < 0 || m >= n) return;"
        " for (int i = 0; i < n; i++) { if (i == m) continue; else sw(&a[i], &a[m]); } }",
        # the guard's variable changed in its branch before the call
        "void moved(int *a, int n) { for (int i = 0; i + 1 < n; i++) { int m = i + 1;"
        " if (m != i) { m = i; sw(a + i, a + m); } } }",
        # a pointer to const given to a mutable reference; the slice read beside its lent element
        "void ro(const int *a, int n) { for (int i = 0; i + 1 < n; i++) sw(&a[i], &a[i + 1]); }",
        "int add(int *x, int y) { return *x += y; }",
        "void beside(int *a, int n) { for (int i = 0; i + 1 < n; i++) add(&a[i], a[i + 1]); }",
        # an index the range analysis does not bound: the element would be past the slice
        "void past(int *a, int n) { for (int i = 0; i < n; i++) sw(&a[i], &a[i + 1]); }",
        ""]))
    assert shape["eq"] == [("slice_mut", "n", "index-range")] and not sigs["eq"].unsafe
    assert raw_reasons(cb.functions["moved"], cb) == {"a": SAME}
    assert raw_reasons(cb.functions["ro"], cb) == {"a": CANNOT}
    assert shape["beside"][0][0] == "value"
    assert raw_reasons(cb.functions["past"], cb) == {"a": "indexed outside a counted loop"}


def test_a_last_element_is_read_checked_but_nothing_else(tmp_path):
    """`a[n - 1]` with n unknown: a count <= 0 gives an empty slice, where the Rust index panics; after it n
    >= 1 is known. A float element may be NaN, unequal to itself: no sentinel proof then."""
    cb, sigs, shape = _shapes(tmp_path, "\n".join([
        "int last(const int *a, int n) { return a[n - 1]; }",
        "int two(const int *a, int n) { return a[n - 1] + a[n - 2]; }",
        "int fsent(double *a, int n, double key) { int i = 0; a[n - 1] = key; while (a[n - 1] != a[i]) i++;"
        " return i; }",
        "int isent(int *a, int n, int key) { int i = 0; a[n - 1] = key; while (a[n - 1] != a[i]) i++;"
        " return i; }",
        ""]))
    assert shape["last"] == [("slice", "n", "last-element")] and not sigs["last"].unsafe
    assert shape["isent"] == [("slice_mut", "n", "last-element")]
    for name in ("two", "fsent"):
        assert shape[name][0][0] == "value", name


@pytest.mark.slow
def test_lent_elements_are_safe_rust_that_verifies(tmp_path):
    out = tmp_path / "out"
    migrated_and_verified(ELEMENTS, out)
    module = (out / "src" / "m_lib.rs").read_text()
    for name in ("le_bubble", "le_select", "le_rec"):
        code = function_code(module, name)
        assert f"pub fn {name}(a: &mut [i32], n: i32)" in code and "unsafe" not in code, code
        assert "get_disjoint_mut([" in code and "// SAFETY: a: rule distinct-elements:" in code
        assert "crate::m_lib::le_swap(e" in code  # the Rust callee, no run-time overlap check
    assert "crate::m_lib::le_rec(a, n.wrapping_sub(1i32))" in function_code(module, "le_rec")
    assert "unsafe" not in function_code(module, "le_sentinel")
    assert "// SAFETY: a: rule last-element:" in (out / "src" / "ffi.rs").read_text()
    # may be one element: the C ABI entry compares the two pointers and runs the C when they are one
    assert "crate::ffi::le_swap(" in function_code(module, "le_select_any")
    report = (out / "report" / "report.json").read_text()
    assert '"rule": "distinct-elements"' in report
