"""Constant extents (signatures/reaches.py, rule constant-extent): a pointer with no count parameter, indexed
only below a constant K + 1 inside loops counting from literals to constants, whose element K is read or
written on every call, is a slice of K + 1; an index past it on some path, a loop that may stop early, a
bound that is no constant, an element K reached on some calls only, leave it raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.builtin_translate import sound_code

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons

_HEAD = "#include <stdint.h>\n#define LANES 6\n"
_INDEXED = "indexed outside a counted loop"


def _first(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text(_HEAD + c)
    codebase = analyze_dir(tmp_path)
    fn = next(f for f in codebase.functions.values() if f.name == "f")
    return map_all(codebase)[fn.id].params[0], raw_reasons(fn, codebase)


@pytest.mark.parametrize(("c", "rust_type", "n"), [
    ("int f(const uint8_t *in) { int t = 0; for (uint8_t i = 0; i < 16; i++) "
     "for (uint8_t j = 0; j < 8; j++) t += (in[i] >> (7 - j)) & 1; return t; }", "&[u8]", "16"),
    ("void f(uint8_t *out, int v) { for (int i = 0; i < 12; i++) for (int j = 0; j < 8; j++) "
     "out[i * 8 + j] = v >> j; }", "&mut [u8]", "96"),
    ("int f(const int *p) { return p[0] + p[3]; }", "&[i32]", "4"),
    ("long f(const short *p) { long s = 0; for (int i = 0; i < LANES; i++) s += p[2 * i] - p[2 * i + 1]; "
     "return s; }", "&[i16]", "12"),  # a macro's bound
    ("int f(const int *p, int k) { int t = p[5]; if (k) t += p[2]; return t; }", "&[i32]", "6"),
    ("int f(const int *p) { int t = 0; for (int i = 0; i < 4; i++) { t += p[i]; if (t) continue; } "
     "return t; }", "&[i32]", "4"),  # the continue comes after the read
    ("int f(const int *p) { int t = 0; for (int i = 0; i < 10; i += 3) t += p[i] + p[i + 1]; return t; }",
     "&[i32]", "11"),  # i's last turn is 9: p[10]
])
def test_an_extent_reached_on_every_call_is_a_slice(tmp_path, c, rust_type, n):
    p, _ = _first(tmp_path, c)
    assert (p.rust_type, p.proof, p.len_param) == (rust_type, "constant-extent", n)


@pytest.mark.parametrize("c", [
    # one past the loop's extent on one path only: a caller may pass four elements when k <= 2
    "int f(int *p, int k) { int t = 0; for (int i = 0; i < 4; i++) t += p[i]; if (k > 2) p[4] = t; "
    "return t; }",
    "int f(const int *p, int k) { return k ? p[3] : p[0]; }",
    "int f(const int *p, int k) { if (k) return 0; return p[2]; }",  # a way out before the read
    # a loop that may stop before its last turn
    "int f(const int *p) { int t = 0; for (int i = 0; i < 6; i++) { if (p[i] < 0) break; t += p[i]; } "
    "return t; }",
    "int f(const int *p) { int t = 0; for (int i = 0; i < 6; i++) { if (p[i] < 0) return -1; t += p[i]; } "
    "return t; }",
    "int f(const int *p) { int t = 0; for (int i = 0; i < 6; i++) { if (t > 9) continue; t += p[i]; } "
    "return t; }",
    # the count of another buffer: a global, a value behind a pointer
    "int len = 3;\nint f(const int *p) { int t = 0; for (int i = 0; i < len; i++) t += p[i]; return t; }",
    "int f(const int *p, int *q) { int t = 0; for (int i = 0; i < *q; i++) t += p[i]; return t; }",
    # a stride the interval overstates (i stops at 6: p[i + 1] never reaches 8), a type that never holds
    # the last value, a loop variable changed in the body or read after the loop, a read under a condition
    "int f(const int *p) { int t = 0; for (int i = 0; i < 8; i += 3) t += p[i] + p[i + 1]; return t; }",
    "int f(const int *p) { int t = 0; for (signed char i = 0; i < 200; i++) t += p[i]; return t; }",
    "int f(const int *p) { int t = 0; for (int i = 0; i < 4; i++) { i += 0; t += p[i]; } return t; }",
    "int f(const int *p) { int t = 0; int i; for (i = 0; i < 4; i++) t += p[i]; return t + p[i]; }",
    "int f(const int *p) { int t = 0; for (int i = 0; i < 4; i++) if (t >= 0) t += p[i]; return t; }",
    # an index that wraps on the last turn (3 * 2**31 is 2**31 in unsigned int): its value there is not K
    "int f(const int *p) { int t = 0; for (unsigned i = 0; i < 4; i++) t += p[i * 0x80000000u]; return t; }",
])
def test_an_extent_not_reached_on_every_call_stays_raw(tmp_path, c):
    p, why = _first(tmp_path, c)
    assert p.rust_type.startswith("*") and why["p"] == _INDEXED, (p.rust_type, why)


def test_the_builtin_indexes_the_slice_checked_and_wraps_nothing_unchecked(tmp_path):
    code = sound_code(tmp_path, "m.c", _HEAD + (
        "int f(const uint8_t *in) { int t = 0; for (int i = 0; i < 4; i++) t += in[i]; return t; }\n"
        "void g(uint8_t *out) { for (int i = 0; i < 3; i++) out[2 * i + 1] = 7; }\n"))
    assert "pub fn f(r#in: &[u8]) -> i32" in code["f"] and "unsafe" not in code["f"], code["f"]
    assert "pub fn g(out: &mut [u8])" in code["g"] and "unsafe" not in code["g"], code["g"]
