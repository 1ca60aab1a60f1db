"""Indices proven inside a slice by the ranges their loop variables take (signatures/ranges.py): `a[5 - i]`,
`out[2 * i + 1]`, `g[r * 4 + c]` below a declared size, `a[j + 1]` below a signed count `n` under
`j < n - 1 - i`, `t[x & 15]`; and the pointers that must stay raw. The same C runs under gcc and as Rust in
the behaviour case memory/index_ranges; loops stepping by s after a guard that n is a multiple of s in
memory/strided."""

from __future__ import annotations

from helpers.paths import data_text

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.dims import constant_dim
from llmigrate.signatures.mapper import map_all, raw_reasons


def test_indices_in_range_of_their_loops_make_slices(tmp_path):
    (tmp_path / "m.c").write_text(data_text("backends/builtin/behaviour/memory/index_ranges.c"))
    cb = analyze_dir(tmp_path)
    s = {fid: [(p.conv, p.len_param) for p in sig.params] for fid, sig in map_all(cb).items()}
    assert s["ir_rev"] == [("slice", "6")] and s["ir_grid"] == [("slice", "12")]
    assert s["ir_pairs"] == [("slice_mut", "8"), ("slice", "4")]
    assert s["ir_mask"][0] == ("slice", "16") and s["ir_mod"][0] == ("slice", "5")
    assert s["ir_sort"][0] == ("slice_mut", "n")
    # one past the size, below 0, an unproven offset, one past the count, a bound that wraps (unsigned
    # n - 1 when n is 0), a mask reaching the size
    for name in ("ir_past", "ir_below", "ir_shift", "ir_next", "ir_wrap", "ir_wide"):
        assert s[name][0] == ("value", None), name
        assert raw_reasons(cb.functions[name], cb) == {"a" if name != "ir_wide" else "t":
                                                       "indexed outside a counted loop"}, name


def test_loop_variable_changed_through_a_pointer_or_unsigned_bound_stays_raw(tmp_path):
    (tmp_path / "m.c").write_text(
        "void bump(int *k);\n"
        "int via(const int a[4]) { int s = 0, i; int *q = &i; for (i = 0; i < 4; i++) { bump(q); s += a[i]; }"
        " return s; }\n"
        "int step(const int a[8]) { int s = 0; for (int i = 1; i < 8; i += 2) s += a[i + 1]; return s; }\n"
        "int even(const int a[8]) { int s = 0; for (int i = 0; i < 4; i += 2) s += a[i * 2]; return s; }\n"
        "int sub(const int *a, long n) { int s = 0; for (unsigned i = 0; i < n - 1; i++) s += a[i];"
        " return s; }\n"
        "int ok(const int *a, long n) { int s = 0; for (long i = 0; i < n - 1; i++) s += a[i + 1];"
        " return s; }\n")
    cb = analyze_dir(tmp_path)
    sigs = map_all(cb)
    for name in ("via", "step"):  # `step` reads a[8] at i = 7
        assert sigs[name].params[0].conv == "value", name
    assert (sigs["even"].params[0].conv, sigs["even"].params[0].len_param) == ("slice", "8")  # i in [0, 3]
    # compared in long (n's type), n - 1 does not wrap: each read follows `i < n - 1` (rule index-range)
    assert (sigs["sub"].params[0].conv, sigs["sub"].params[0].proof) == ("slice", "index-range")
    assert (sigs["ok"].params[0].conv, sigs["ok"].params[0].len_param) == ("slice", "n")


def test_a_macro_defined_with_a_trailing_comment_is_a_constant_dimension(tmp_path):
    (tmp_path / "m.c").write_text(
        "#define PLD 184 // symbols per payload\n#define TWICE (PLD * 2) /* both */\n"
        "void flip(unsigned char v[TWICE]) { for (int i = 0; i < TWICE; i++) v[i] = !v[i]; }\n")
    cb = analyze_dir(tmp_path)
    assert constant_dim("TWICE", cb) == 368 and constant_dim("PLD // x", cb) == 184
    assert [(p.conv, p.len_param) for p in map_all(cb)["flip"].params] == [("slice_mut", "368")]


def test_a_name_read_in_an_initializer_is_used_not_declared_again(tmp_path):
    (tmp_path / "m.c").write_text(
        "#include <stddef.h>\n"
        "size_t total(const unsigned char *d, size_t n) { size_t c = n; int v[n];\n"
        "  for (size_t i = 0; i < n; i++) c += d[i] >> 7; return c + sizeof v; }\n"
        "int keep(int *r) { int *start = r; return *start + *r; }\n"  # beside the copy (aliases.py)
        "int again(int *r) { { int r = 1; return r; } }\n")
    cb = analyze_dir(tmp_path)
    assert [(p.conv, p.len_param) for p in map_all(cb)["total"].params][0] == ("slice", "n")
    assert raw_reasons(cb.functions["keep"], cb) == {"r": "assigned or copied"}
    assert raw_reasons(cb.functions["again"], cb) == {"r": "the name is declared again"}


def test_a_loop_stepping_by_s_after_a_multiple_of_s_guard_keeps_i_plus_s_minus_1_below_n(tmp_path):
    """`for (i = 0; i < n; i += s)` after `if (n % s != 0) return`: i and n are multiples of s, so
    `p[i + s - 1]` is below n (memory/strided runs the same C under gcc and as Rust)."""
    (tmp_path / "m.c").write_text(data_text("backends/builtin/behaviour/memory/strided.c"))
    cb = analyze_dir(tmp_path)
    s = {fid: [(p.conv, p.len_param) for p in sig.params] for fid, sig in map_all(cb).items()}
    assert s["sd_hex"][0] == ("slice", "n") and s["sd_rgb"][0] == ("slice", "n")
    assert s["sd_odd"][0] == ("slice", "n")
    # no guard, a guard by another step, a start past 0, a guard after the loop, the count changed after it
    for name in ("sd_noguard", "sd_other", "sd_from1", "sd_after", "sd_moved"):
        assert raw_reasons(cb.functions[name], cb) == {"a": "indexed outside a counted loop"}, name


def test_a_goto_past_the_multiple_of_s_guard_keeps_the_pointer_raw(tmp_path):
    (tmp_path / "m.c").write_text(
        "int jump(const int *a, int n, int x) { int s = 0; if (x) goto L; if (n % 2) return 0;"
        " L: for (int i = 0; i < n; i += 2) s += a[i + 1]; return s; }\n")
    cb = analyze_dir(tmp_path)
    assert raw_reasons(cb.functions["jump"], cb) == {"a": "indexed outside a counted loop"}
