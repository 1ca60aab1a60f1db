"""memcpy/memmove/memcmp between slices (signatures/slicecopies.py, backends/builtin/slicecopies.py): a
statement memcpy/memmove of a count of whole elements from a slice parameter or local array to another
writable one, both of one primitive number type, is the builtin's bounds-checked `copy_from_slice`, and
memcmp of two byte slices a comparison of their first n bytes: checked operations, so the function is safe.
The count must lie within both: the count parameter of both slices, or a literal within both local arrays.
The same object on both sides, mismatched element types, a struct element, a count not of whole elements or
not proven within both, memcmp of ints or memcpy's pointer result keep the function unsafe."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.builtin_translate import translated_code

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all
from llmigrate.signatures.net import names_in, unsound

_HEAD = "#include <stdint.h>\n#include <stdlib.h>\n#include <string.h>\nstruct pt { int x, y; };\n"
_SAFE = [
    "void cpy(int *p, const int *q, int n) { memcpy(p, q, n * sizeof(int)); }",
    "void mv(double *p, const double *q, int n) { memmove(p, q, n * sizeof(double)); }",
    "int loc(int k) { int a[4] = {k, 2, 3, 4}, b[4] = {0}; memcpy(b, a, 3 * sizeof(int)); return b[2]; }",
    "int cmp(const uint8_t *a, const uint8_t *b, size_t n) { return memcmp(a, b, n); }",
    "int cmc(int k) { char s[4] = \"ab\", t[3] = \"ab\"; s[1] = k; return memcmp(s, t, 3) > 0; }",
]
_UNSAFE = [
    "void same(int *p, int n) { memcpy(p, p, n * sizeof(int)); }",  # one object, borrowed twice
    "void mix(int *p, const long *q, int n) { memcpy(p, q, n * sizeof(int)); }",  # element types differ
    "void sgn(char *p, const unsigned char *q, size_t n) { memcpy(p, q, n); }",  # char vs unsigned char
    "void pts(struct pt *p, const struct pt *q, int n) { memcpy(p, q, n * sizeof(struct pt)); }",  # no Copy
    "int ints(const int *a, const int *b, size_t n) { return memcmp(a, b, n * sizeof(int)); }",  # ints' bytes
    "int ret(int *p, const int *q, int n) { return memcpy(p, q, n * sizeof(int)) != 0; }",  # its result
    "void bcp(uint8_t *p, size_t n) { uint8_t t[4] = {1, 2, 3, 4}; memcpy(p, t, n); }",  # n > 4 may be
    "int far(int k) { int a[4] = {k}, b[3] = {0}; memcpy(b, a, 4 * sizeof(int)); return b[2]; }",  # past b
    "void two(int *p, const int *q, int n, int m) { memcpy(p, q, m * sizeof(int)); p[n - 1] = 0; }",
]


def _sigs(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text(_HEAD + c)
    return {s.c_name: s for s in map_all(analyze_dir(tmp_path)).values()}


@pytest.mark.parametrize("c", _SAFE)
def test_a_copy_or_comparison_between_slices_is_checked(tmp_path, c):
    sig = next(iter(_sigs(tmp_path, c).values()))
    assert not sig.unsafe, (sig.decl(), sig.unchecked)


@pytest.mark.parametrize("c", _UNSAFE)
def test_other_copies_stay_the_c_librarys(tmp_path, c):
    sig = next(iter(_sigs(tmp_path, c).values()))
    assert sig.unsafe, sig.decl()


def test_the_builtin_copies_and_compares_the_slices(tmp_path):
    code = translated_code(tmp_path, "m.c", _HEAD + "\n".join(_SAFE + _UNSAFE) + "\n")
    assert "p[..n as u64 as usize].copy_from_slice(&q[..n as u64 as usize]);" in code["cpy"]
    assert "b[..3usize].copy_from_slice(&a[..3usize]);" in code["loc"]
    assert "a[..n].iter().zip(b[..n].iter())" in code["cmp"]
    assert "i32::from(*x as u8)" in code["cmc"]  # memcmp compares unsigned chars
    for name in ("cpy", "mv", "loc", "cmp", "cmc"):
        assert "unsafe" not in code[name], code[name]
    for name in ("same", "mix", "sgn", "pts", "ints", "ret", "bcp", "far"):
        assert "crate::shared::mem" in code[name], code[name]
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []
