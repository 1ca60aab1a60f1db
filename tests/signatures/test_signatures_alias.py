"""Parameters that may alias another parameter (signatures_borrow, overlaps.conflicts): which other
parameters count, and the partners whose extent a C ABI entry can check."""

from __future__ import annotations

from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.overlaps import points_at_code


def _sigs(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    return cb, map_all(cb)


def test_only_function_pointers_reach_code():
    assert points_at_code("int (*)(int)") and points_at_code("const char *(*)(int, char *)")
    assert not any(points_at_code(t) for t in ("int [(4)]", "u8 [4 * N *(R + 1)]", "int (*)[4]",
                                               "void (**)(void)", "int *"))


def test_an_array_whose_size_holds_parentheses_is_data_another_parameter_may_share(tmp_path):
    # `in` stays raw (copied); it may point at `*out`, so `out` must not become `&mut i32` unchecked
    cb, s = _sigs(tmp_path, "void put(int *out, int in[(4)]) { int *p = in; *out = p[1]; }\n"
                  "void at(int *out, int (*rows)[4]) { *out = rows[0][1]; }\n")
    assert s["put"].params[0].rust_type == "*mut i32"
    assert raw_reasons(cb.functions["put"], cb)["out"] == "may alias another parameter"
    assert raw_reasons(cb.functions["at"], cb)["out"] == "may alias another parameter"
