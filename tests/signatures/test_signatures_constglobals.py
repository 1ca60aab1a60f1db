"""A parameter beside a const global object the call reads (signatures/overlaps._read_only): nothing writes
the global's bytes, so the parameter is proven as if the global were not there. The globals that are no
such object (a const one storing pointers, a pointer to const) are among test_signatures_disjoint's
negative cases."""

from __future__ import annotations

from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import map_all, raw_reasons


def _sigs(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    return cb, map_all(cb)


def test_parameters_beside_const_globals_are_references(tmp_path):
    cb, s = _sigs(tmp_path, "static const unsigned char box[8] = {5, 1, 7, 0, 3, 6, 2, 4};\n"
                  "static const unsigned long mul = 7;\n"
                  "void map(unsigned char *b) { *b = box[*b & 7]; }\n"
                  "int weigh(const unsigned char *v) { return *v + box[*v & 7]; }\n"
                  "static void mix(unsigned long *h) { *h *= mul; }\n"
                  "void run(unsigned long *h) { mix(h); }\n")
    assert [p.rust_type for p in s["map"].params] == ["&mut u8"]
    assert [p.rust_type for p in s["weigh"].params] == ["&u8"]
    assert [p.rust_type for p in s["mix"].params] == ["&mut u64"]
    for name in ("map", "weigh", "mix"):
        assert raw_reasons(cb.functions[name], cb) == {}, name
        assert not s[name].unsafe, name
    entry = ffi_entry(s["map"])  # no range to compare: the precondition asks for writable memory
    assert "llmigrate_overlap" not in entry and "aligned, writable `u8`" in entry

