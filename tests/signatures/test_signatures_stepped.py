"""Pointers stepped once per turn of a loop that counts their length down, `while (n--) s += *p++;` (rule
stepped-count): slices of n elements, safe fns; and the pointers that must stay raw. The same C runs under
gcc and as Rust in the behaviour case memory/stepped."""

from __future__ import annotations

from helpers.paths import data_text

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons


def test_pointer_stepped_by_a_counted_down_loop_is_a_slice_of_its_count(tmp_path):
    (tmp_path / "m.c").write_text(data_text("backends/builtin/behaviour/memory/stepped.c"))
    cb = analyze_dir(tmp_path)
    sigs = map_all(cb)
    shape = {fid: [(p.conv, p.len_param, p.proof) for p in s.params if "*" in p.abi_type]
             for fid, s in sigs.items()}
    assert shape["st_sum"] == [("slice", "len", "stepped-count")]
    assert shape["st_fill"] == [("slice_mut", "n", "stepped-count")]
    assert shape["st_signed"] == [("slice", "n", "stepped-count")]  # `n-- > 0`: a negative count runs 0 times
    assert not any(sigs[f].unsafe for f in ("st_sum", "st_fill", "st_signed"))
    # two steps a turn, a signed count under `n--` alone, a count changed elsewhere, a loop inside a loop
    # (the count wraps to SIZE_MAX after the first), a pre-increment
    for name in ("st_twice", "st_neg", "st_more", "st_outer", "st_pre"):
        assert raw_reasons(cb.functions[name], cb) == {"p": "pointer arithmetic"}, name


def test_stepped_pointer_also_used_otherwise_stays_raw(tmp_path):
    (tmp_path / "m.c").write_text(
        "#include <stddef.h>\n"
        "const int *end(const int *p, size_t n) { while (n--) p++; return p; }\n"
        "int twice(const int *p, size_t n) { int s = *p; while (n--) s += *p++; return s; }\n"
        "int jump(const int *p, size_t n) { int s = 0; again: while (n--) s += *p++;"
        " if (s < 0) { n = 1; goto again; } return s; }\n")
    cb = analyze_dir(tmp_path)
    sigs = map_all(cb)
    for name in ("end", "twice", "jump"):
        assert sigs[name].params[0].conv == "value", name
