"""Rule halving-stride (signatures/butterfly.py): an array parameter of a constant size indexed at
`j + a*i` under `for (j = 0; j < N; j += c*i)` under `for (i = K; i; i >>= 1)`, every c*i dividing N and
a < c, is a slice of that size; with the shapes that must stay raw."""

from __future__ import annotations

import pytest
from helpers.paths import DATA
from helpers.runs import safe_and_equivalent

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons

HALVES = DATA / "signatures" / "butterfly"
_LOOPS = "for (i = 128; i; i >>= 1) for (j = 0; j < 256; j += 2*i)"


def test_an_index_a_stride_short_of_the_end_is_in_range(tmp_path):
    sigs = map_all(analyze_dir(HALVES))
    assert [(p.conv, p.len_param, p.proof) for p in sigs["level_table"].params][0] == \
        ("slice_mut", "32", "declared-size")
    assert [(p.conv, p.len_param) for p in sigs["pair_fold16"].params] == [("slice_mut", "16")]


@pytest.mark.parametrize(("name", "c"), [
    ("at_stride", f"void at_stride(unsigned char t[256]) {{ int i, j; {_LOOPS} t[j + 2*i] = 1; }}"),  # a = c
    ("no_divisor", "void no_divisor(unsigned char t[256]) { int i, j; for (i = 96; i; i >>= 1) "
                   "for (j = 0; j < 256; j += 2*i) t[i + j] = 1; }"),  # 192 does not divide 256
    ("moved", f"void moved(unsigned char t[256]) {{ int i, j; {_LOOPS} {{ t[i + j] = 1; i = 3; }} }}"),
    ("pointed", f"void pointed(unsigned char t[256], int **o) {{ int i, j; *o = &i; "
                f"{_LOOPS} t[i + j] = 1; }}"),
    ("narrow", "void narrow(unsigned char t[256]) { unsigned char i; int j; for (i = 128; i; i >>= 1) "
               "for (j = 0; j < 256; j += 2*i) t[i + j] = 1; }"),  # not a type the rule's bounds assume
    ("jumped", f"void jumped(unsigned char t[256], int k) {{ int i = 1, j = 300; if (k) goto in; {_LOOPS} "
               "{ in: t[i + j] = 1; } }"),  # a goto enters the loop with j past the end
    ("other", f"void other(unsigned char t[256], int k) {{ int i, j; {_LOOPS} t[k + j] = 1; }}"),
])
def test_shapes_the_rule_does_not_cover_stay_raw(tmp_path, name, c):
    (tmp_path / "m.c").write_text(c + "\n")
    cb = analyze_dir(tmp_path)
    assert map_all(cb)[name].params[0].conv == "value", name
    assert raw_reasons(cb.functions[name], cb)["t"] == "indexed outside a counted loop"


@pytest.mark.slow
def test_halving_strides_are_safe_and_equivalent_to_the_c(tmp_path):
    safe_and_equivalent(HALVES, tmp_path / "out", "halves", ("level_table", "pair_fold16"))
