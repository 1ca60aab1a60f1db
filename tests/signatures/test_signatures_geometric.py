"""Loops whose variable grows by a factor (loops._geometric): `for (i = 1; i < 256; i *= 2)` keeps i among
1, 2, 4, ... 128, the greatest power below the bound, so `table[i + j]` under `for (j = 0; j < i; j++)` stays
below 256; a signed int or wider only (a product past INT_MAX is undefined; a narrower or unsigned one may
wrap to any value the condition lets in)."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all


def _param(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text("#include <stdint.h>\n#define SZ 256\n" + c)
    return next(iter(map_all(analyze_dir(tmp_path)).values())).params[0]


@pytest.mark.parametrize(("c", "n"), [
    ("void f(uint8_t table[SZ], uint8_t poly) { int i, j; uint8_t t = 0x80; table[0] = 0; "
     "for (i = 1; i < SZ; i *= 2) { t = (t << 1) ^ (t & 0x80 ? poly : 0); "
     "for (j = 0; j < i; j++) table[i + j] = table[j] ^ t; } }", "256"),
    ("void f(uint8_t table[16]) { for (int i = 1; i <= 16; i <<= 1) table[i - 1] = 1; }", "16"),
    ("void f(uint8_t table[30]) { for (long i = 1; i < 30; i *= 3) table[i + 2] = 1; }", "30"),  # to 27
])
def test_powers_below_the_bound_index_a_declared_array(tmp_path, c, n):
    p = _param(tmp_path, c)
    assert (p.conv, p.len_param) == ("slice_mut", n), p


@pytest.mark.parametrize("c", [
    "void f(uint8_t table[16]) { for (int i = 1; i <= 16; i <<= 1) table[i] = 1; }",  # table[16]
    "void f(uint8_t table[10]) { for (int i = 1; i < 10; i *= 3) table[i + 2] = 1; }",  # table[11]
    "void f(uint8_t table[128]) { for (signed char i = 1; i < 127; i *= 2) table[i] = 1; }",  # 128 -> -128
    "void f(uint8_t table[256]) { for (unsigned i = 3; i < 256; i *= 2) table[i] = 1; }",  # may wrap
    "void f(uint8_t table[64]) { for (int i = 1; i < 64; i *= 2) { table[i] = 1; i += 0; } }",  # changed
    "void f(uint8_t table[64]) { for (int i = 0; i < 64; i *= 2) table[i + 63] = 1; }",  # 0 stays 0
])
def test_a_growth_past_the_array_or_a_type_that_may_wrap_stays_raw(tmp_path, c):
    assert _param(tmp_path, c).conv == "value"
