"""Byte cursors the flow analysis proves (signatures/cursorflow.py, rule byte-cursor, xxhash's shape): the
body read again with each cursor and end as a `size_t` offset and each read as the indexes of its first and
last byte, then rule index-range's analysis (flow.py). Its signature and Rust:
test_signatures_cursorslice.py.
With those it must not prove: a 4-byte read with 2 bytes known left, a read at the end itself, an end
taken from a cursor already moved, a returned cursor, a cursor read through a word pointer."""

from __future__ import annotations

import pytest
from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.cursorflow import count
from llmigrate.signatures.proof import parsed_body

CURSORS = DATA / "signatures" / "bytecursor" / "src"  # its readers in ../include, outside SRC


@pytest.fixture(scope="module")
def codebase():
    return analyze_dir(CURSORS)


def _count(codebase, fn_name: str, param: str) -> str | None:
    fn = next(f for f in codebase.functions.values() if f.name == fn_name)
    return count(fn, param, parsed_body(fn)[0], codebase)


def test_cursors_whose_offsets_stay_in_the_count_are_proven(codebase):
    assert _count(codebase, "walk4", "input") == "len"  # a local cursor, an end, a limit under len >= 16
    assert _count(codebase, "walk_param", "p") == "n"  # the parameter itself steps


@pytest.mark.parametrize(("fn_name", "param"), [
    ("short_guard", "input"),
    ("at_end", "p"),
    ("moved_first", "input"),
    ("first_zero", "p"),
    ("as_words", "p"),
    ("mix8", "data"),  # `data != end` with end a multiple of 8: no difference bound (bytecursor.py's)
])
def test_cursors_that_may_leave_the_count_are_not(codebase, fn_name, param):
    assert _count(codebase, fn_name, param) is None
