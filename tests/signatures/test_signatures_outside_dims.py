"""An array parameter whose declared size names a macro of a header outside SRC (a kernel shim's
`#define TABLE_SIZE 16`): the compiler read that macro's one definition, so `t[TABLE_SIZE]` declares 16
elements as much as SRC's own macro would (kinds.declared_size, dims.constant_dim), and indexed below it the
parameter is a slice of 16 (rule declared-size). A macro two units define apart, an index that may reach past
the size, or a size of no constant keep the pointer raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.runs import function_code, safe_and_equivalent

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons

HEADER = """#ifndef TABLE_H
#define TABLE_H
#define TABLE_SIZE 16
#define TABLE_BYTES (2 * TABLE_SIZE)
#ifdef WIDE_TABLE
#define ROWS 8
#else
#define ROWS 4
#endif
#ifdef WIDE_UNIT
#define WIDTH 8
#else
#define WIDTH 4
#endif
unsigned char look(const unsigned char t[TABLE_SIZE], unsigned v);
void fill(unsigned char t[TABLE_BYTES], unsigned char k);
unsigned char past(const unsigned char t[TABLE_SIZE], unsigned v);
int rows(const int r[ROWS]);
int wide(const int w[WIDTH]);
#endif
"""

WIDE = '#define WIDE_UNIT\n#include "table.h"\nint wider(const int w[WIDTH]) { return w[3]; }\n'

SOURCE = """#include "table.h"
unsigned char look(const unsigned char t[TABLE_SIZE], unsigned v) { return t[v & 0xf] ^ t[0]; }
void fill(unsigned char t[TABLE_BYTES], unsigned char k)
{
    for (int i = 0; i < TABLE_BYTES; i++)
        t[i] = (unsigned char)(k + i);
}
unsigned char past(const unsigned char t[TABLE_SIZE], unsigned v) { return t[v & 0x1f]; }
int rows(const int r[ROWS]) { return r[0] + r[3]; }
int wide(const int w[WIDTH]) { return w[3]; }
"""

TEST = """#include <stdio.h>
#include "table.h"
int main(void)
{
    unsigned char t[TABLE_BYTES];
    fill(t, 3);
    if (t[0] != 3 || t[31] != 34)
        return 1;
    for (unsigned v = 0; v < 40; v++)
        if (look(t, v) != (unsigned char)((3 + (v & 0xf)) ^ 3))
            return 2;
    printf("ok %u\\n", (unsigned)look(t, 7));
    return 0;
}
"""


def _tree(root: Path) -> Path:
    (root / "include").mkdir()
    (root / "include" / "table.h").write_text(HEADER)
    src = root / "src"
    (src / "tests").mkdir(parents=True)
    (src / "table.c").write_text(SOURCE)
    (src / "wide.c").write_text(WIDE)  # the unit meeting WIDTH's other definition
    (src / "tests" / "test_table.c").write_text(TEST)
    config = '[c]\ninclude_dirs = ["../include"]\n\n[tests]\nglobs = ["tests/*.c"]\n'
    (src / "llmigrate.toml").write_text(config)
    return src


def test_a_size_named_by_an_outside_macro_makes_a_slice_of_that_size(tmp_path):
    src = _tree(tmp_path)
    sigs = map_all(analyze_dir(src))
    assert [(p.conv, p.len_param) for p in sigs["look"].params][0] == ("slice", "16")
    assert [(p.conv, p.len_param) for p in sigs["fill"].params][0] == ("slice_mut", "32")  # an expression
    assert [(p.conv, p.len_param) for p in sigs["rows"].params] == [("slice", "4")]  # the branch compiled


@pytest.mark.parametrize(("name", "why"), [
    ("past", "indexed outside a counted loop"),  # `v & 0x1f` may reach 31 of 16
])
def test_an_index_past_the_outside_size_stays_raw(tmp_path, name, why):
    src = _tree(tmp_path)
    codebase = analyze_dir(src)
    fn = next(f for f in codebase.functions.values() if f.name == name)
    assert raw_reasons(fn, codebase) == {fn.params[0].name: why}


@pytest.mark.slow
def test_the_slices_behave_as_the_c_does(tmp_path):
    src = _tree(tmp_path)
    _, text = safe_and_equivalent(src, tmp_path / "out", "table", ("look", "fill"))
    assert "t: &[u8]" in function_code(text, "look") and "t: &mut [u8]" in function_code(text, "fill")
    ffi = (tmp_path / "out" / "src" / "ffi.rs").read_text()
    assert "from_raw_parts(t, 16)" in ffi and "from_raw_parts_mut(t, 32)" in ffi


def test_an_ambiguous_size_is_not_read_but_an_element_read_on_every_call_bounds_it(tmp_path):
    """Two units met two WIDTHs: neither is the slice's length; `w[3]`, read on every call, makes it a slice
    of 4 (rule constant-extent, signatures/reaches.py), whatever WIDTH a caller saw."""
    sigs = map_all(analyze_dir(_tree(tmp_path)))
    for name in ("wide", "wider"):
        p = sigs[name].params[0]
        assert (p.conv, p.len_param, p.proof) == ("slice", "4", "constant-extent"), name
