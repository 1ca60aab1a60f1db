"""Pointers indexed where a range analysis of the whole function proves each index in [0, n) on every path
(rule index-range, signatures/flow.py): slices of n elements, safe fns; and those that must stay raw. The same
C runs under gcc and as Rust in the behaviour case memory/flow_ranges; remainders by the count
(signatures/flowrem.py) and counts guarded with `sizeof *p`, which reads no element, in memory/remainders."""

from __future__ import annotations

from helpers.paths import data_text

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons

_RAW = {"a": "indexed outside a counted loop"}


def _shapes(tmp_path, c: str):
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    sigs = map_all(cb)
    shape = {fid: [(p.conv, p.len_param, p.proof) for p in s.params if "*" in p.abi_type]
             for fid, s in sigs.items()}
    return cb, sigs, shape


def test_indexes_proven_along_every_path_make_slices(tmp_path):
    cb, sigs, shape = _shapes(tmp_path, data_text("backends/builtin/behaviour/memory/flow_ranges.c"))
    assert shape["fr_insert"] == [("slice_mut", "n", "index-range")]  # insertion sort
    for name in ("fr_guard", "fr_last", "fr_back", "fr_pairs", "fr_ufrom", "fr_switch"):
        assert shape[name] == [("slice", "n", "index-range")], name
        assert not sigs[name].unsafe, name
    # one past the count, a guard on another variable, an unguarded decrement, an index from a parameter,
    # an unsigned count minus one (it wraps at 0), a sentinel search (its index is bounded by the data)
    for name in ("fr_past", "fr_wrong", "fr_down", "fr_at", "fr_uwrap", "fr_find"):
        assert raw_reasons(cb.functions[name], cb) == _RAW, name


def test_what_the_analysis_cannot_follow_stays_raw(tmp_path):
    """Each of these would be proven by an analysis blind to it, and each reads past the array."""
    cb, _, shape = _shapes(tmp_path, "\n".join([
        "#define BUMP(x) ((x) += 10)",
        "int taken(const int *a, int n) { int i = 0; int *q = &i; if (n <= 0) return 0; *q = n;"
        " return a[i]; }",
        "int inner(const int *a, int n) { int i = n; if (n <= 0) return 0; { int i = 0; (void)i; }"
        " return a[i]; }",
        "int jump(const int *a, int n) { int i = 0; if (n <= 0) return 0; again: if (i > 0) return a[i];"
        " i = n; goto again; }",
        "int narrow(const int *a, int n, int k) { if (k >= n) return 0; unsigned char c = k; return a[c]; }",
        "int macro(const int *a, int n) { int i = 0; if (n <= 0) return 0; BUMP(i); return a[i]; }",
        "int counted(const int *a, int n) { if (n <= 0) return 0; n = n + 1; return a[n - 1]; }",
        "int recurse(int *a, int n) { if (n <= 1) return a[0]; return a[n - 1] + recurse(a, n - 1); }",
        ""]))
    for name in ("taken", "inner", "jump", "narrow", "macro", "counted"):
        assert shape[name][0][0] == "value", name
        assert raw_reasons(cb.functions[name], cb) == _RAW, name
    assert shape["recurse"][0][0] == "value"  # passed on to itself, not only indexed


def test_an_index_checked_against_the_count_before_each_read_is_proven(tmp_path):
    """Bodies the counted-loop rule leaves raw though each read is right after `i < n`: the index moved in
    the body, a step of 2; and `i < n - 1` compared in `long` (n's type), where n - 1 cannot wrap."""
    _, _, shape = _shapes(tmp_path, "\n".join([
        "int moved(const int *a, int n) { int s = 0;"
        " for (int i = 0; i < n; i++) { s += a[i]; i++; } return s; }",
        "int two(const int *a, int n) { int s = 0, i = 0; while (i < n) { s += a[i]; i += 2; } return s; }",
        "int sub(const int *a, long n) { int s = 0;"
        " for (unsigned i = 0; i < n - 1; i++) s += a[i]; return s; }",
        "int upto(int n, const char *s) { int t = 0;"
        " for (int i = 0; i < n && s[i]; i++) t += s[i]; return t; }",
        # `n != 0` of an unsigned n is n >= 1 (a bound held with equality made strict); `n - 1 - i` for an
        # i >= 0 is at most n - 1
        "int nz(const int *a, unsigned n) { if (n == 0) return 0; return a[n - 1]; }",
        "int tri(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++)"
        " for (int j = 0; j < n - 1 - i; j += 2) s += a[j + 1]; return s; }",
        ""]))
    for name in ("moved", "two", "sub", "nz"):
        assert shape[name] == [("slice", "n", "index-range")], name
    assert shape["tri"] == [("slice", "n", "counted-loop")]  # a `for` stepping by 2 from 0 (loops.py)
    # a read up to a NUL under a maximum count (strnlen's): a caller may pass a shorter string
    assert shape["upto"][0][0] == "value"


def test_a_pointer_indexed_in_range_but_also_passed_on_says_which_use_keeps_it_raw(tmp_path):
    """The reason a pointer stays raw is the use that is not an index when every index is in range."""
    cb, _, _ = _shapes(tmp_path, "\n".join([
        "void sw(int *x, int *y) { int t = *x; *x = *y; *y = t; }",
        "void bub(int *a, int n) { for (int i = 0; i < n - 1; i++) for (int j = 0; j < n - 1 - i; j++)"
        " if (a[j] > a[j + 1]) sw(&a[j], &a[j + 1]); }",
        "void sel(int *a, int n) { for (int i = 0; i < n; i++) { int m = i;"
        " for (int j = i + 1; j < n; j++) if (a[j] < a[m]) m = j; if (m != i) sw(a + i, a + m); } }",
        "void out(int *a, int n) { for (int i = 0; i <= n; i++) if (a[i] < 0) sw(a + i, a); }",
        "int *addr(int *a, int n) { for (int i = 0; i < n; i++) if (a[i] < 0) return &a[i]; return 0; }",
        "int *arith(int *a, int n) { for (int i = 0; i < n; i++) if (a[i] < 0) return a + i; return 0; }",
        ""]))
    # lent apart to a callee's references: proven (signatures/elements.py, test_signatures_elements.py)
    assert raw_reasons(cb.functions["bub"], cb) == {} and raw_reasons(cb.functions["sel"], cb) == {}
    assert raw_reasons(cb.functions["out"], cb) == _RAW  # a[n] is read: the index is the reason
    assert raw_reasons(cb.functions["addr"], cb) == {"a": "address of an element taken"}
    assert raw_reasons(cb.functions["arith"], cb) == {"a": "pointer arithmetic"}


def test_remainders_by_the_count_and_sizeof_guards_make_slices(tmp_path):
    cb, sigs, shape = _shapes(tmp_path, data_text("backends/builtin/behaviour/memory/remainders.c"))
    assert shape["rm_ring"] == [("slice", "n", "index-range")]
    assert shape["rm_from"] == [("slice", "n", "index-range")]
    assert shape["rm_cycle"] == [("slice", "plen", "index-range")]
    # `count > INT_MAX / sizeof(*dst)` reads no element; the two may overlap, which ffi.rs checks
    assert shape["rm_copy"] == [("slice_mut", "count", "disjoint-checked"),
                                ("slice", "count", "disjoint-checked")]
    for name in ("rm_ring", "rm_from", "rm_cycle"):
        assert not sigs[name].unsafe, name
    # a dividend that may be negative, a divisor past the count, a count changed before the index, an
    # index read from the data, an index up to the count itself
    for name in ("rm_neg", "rm_wide", "rm_moved", "rm_data", "rm_upto"):
        assert raw_reasons(cb.functions[name], cb) == _RAW, name


def test_what_a_remainder_does_not_bound_stays_raw(tmp_path):
    """Each would be proven by a rule reading `%` too generously, and each may read past the array."""
    cb, _, shape = _shapes(tmp_path, "\n".join([
        "int first(const int *a, int n, int k) { int j = 0, s = 0; for (int t = 0; t < k; t++)"
        " { s += a[j]; j = (j + 1) % n; } return s; }",  # a[0] before any remainder, n may be 0
        "int plus(const int *a, unsigned n, unsigned k) { return a[k % n + 1]; }",
        "int byother(const int *a, int n, unsigned k) { int m = n + 1; return a[k % m]; }",
        "int narrow(const int *a, long n, unsigned long k) { unsigned char j = k % n; return a[j]; }",
        "int sneg(const int *a, int n, int k) { int j = k; j %= n; return a[j]; }",
        ""]))
    for name in ("first", "plus", "byother", "narrow", "sneg"):
        assert shape[name][0][0] == "value", name
        assert raw_reasons(cb.functions[name], cb) == _RAW, name
