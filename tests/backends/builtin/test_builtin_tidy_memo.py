"""Tidy's memo of settled texts (tidy._SETTLED, texts `_parentheses` returns unchanged) and the one parse
cache entry per Rust text (parse_errors asks for parse(text)'s): the same answers as without them."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.backends.builtin import tidy as tidy_mod
from llmigrate.rust_syntax import parse, parse_errors, parsed

GOLDEN = sorted((Path(__file__).parents[2] / "golden" / "rust").glob("*/src/*.rs"))
NESTED = "fn f(x: i32) -> i32 {\n    let y: i32 = " + "(" * 12 + "x + 1" + ")" * 12 + ";\n    y\n}\n"
TEXTS = [NESTED, "fn g(a: u32, b: u32) -> bool {\n    ((a + b) > (a * 2))\n}\n",
         "fn broken( {\n    ((1))\n", *(p.read_text() for p in GOLDEN[:5])]


@pytest.fixture(autouse=True)
def _fresh_memo():
    tidy_mod._SETTLED.clear()
    yield
    tidy_mod._SETTLED.clear()


def _uncached(text: str) -> str:
    saved = tidy_mod._settled
    tidy_mod._settled = lambda t: t  # remembers nothing
    try:
        tidy_mod._SETTLED.clear()
        return tidy_mod.tidy(text)
    finally:
        tidy_mod._settled = saved


@pytest.mark.parametrize("text", TEXTS, ids=["nested", "compare", "broken", *(p.name for p in GOLDEN[:5])])
def test_tidy_with_the_memo_gives_what_it_gives_without(text):
    first, again = tidy_mod.tidy(text), tidy_mod.tidy(text)  # the second run meets settled texts
    assert first == again == _uncached(text)


def test_only_a_text_without_removable_parentheses_is_remembered():
    partial = tidy_mod._parentheses(NESTED)  # more layers than rounds: some are left for the next call
    assert "(" * 4 in partial and partial not in tidy_mod._SETTLED
    done = tidy_mod._parentheses(partial)
    assert done in tidy_mod._SETTLED and "x + 1;" in done
    assert tidy_mod._parentheses(done) == done
    broken = "fn broken( {\n    ((1))\n"
    assert tidy_mod._parentheses(broken) == broken and broken not in tidy_mod._SETTLED


def test_the_memo_stays_small():
    for i in range(200):
        tidy_mod._parentheses(f"fn f{i}() -> i32 {{\n    {i}\n}}\n")
    assert 0 < len(tidy_mod._SETTLED) <= 64


def test_parse_errors_reads_the_parse_other_callers_made():
    text = "fn h() -> u8 {\n    let v: u8 = 3\n    v\n}\n"
    parse(text)
    misses = parsed.cache_info().misses
    assert parse_errors(text) == parse_errors(text, "rust") != []
    assert parsed.cache_info().misses == misses  # no parse of its own, "rust" asked or not
