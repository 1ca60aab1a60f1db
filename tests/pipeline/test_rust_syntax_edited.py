"""rust_syntax.edited: a text parsed again from its old tree after edits gives the tree a fresh parse of the
new text gives, leaves the old parse as it was, and is the cache's entry for the new text."""

from __future__ import annotations

import pytest

from llmigrate.rust_syntax import edited, parse, parsed, walk
from llmigrate.rust_syntax.tree import _fresh

TEXT = ("fn f(a: u32, b: u32) -> u32 {\n    let x: u32 = ((a + 1));\n    if (x > (b)) {\n"
        "        return (x * 2);\n    }\n    (a - b)\n}\n")


def _shape(text: str) -> list[tuple]:
    return _nodes(_fresh(text, "rust").root)  # a fresh parse, never the cache's


def _nodes(root) -> list[tuple]:
    return [(n.type, n.start_byte, n.end_byte, n.start_point, n.end_point, n.is_missing)
            for n in walk(root)]


def _cases() -> list[list[tuple[int, int, str]]]:
    at = TEXT.index
    inner = at("((a + 1))")
    return [
        [(inner + 8, inner + 9, ""), (inner, inner + 1, "")],  # a layer of parentheses, as tidy removes it
        [(at("(x > (b))"), at("(x > (b))") + 1, ""), (at("(b))") + 3, at("(b))") + 4, "")],  # unbalanced
        [(at("return"), at("return (x * 2);") + len("return (x * 2);"),
          "let y = x;\n        y;\n        return y;")],  # over several lines
        [(at("(a - b)"), at("(a - b)") + len("(a - b)"), "a.wrapping_sub(b) // é")],  # text that is not ASCII
        [(0, 0, "// head\n"), (len(TEXT) + 8, len(TEXT) + 8, "fn g() {}\n")],  # at both ends
        [(at("(a - b)"), at("(a - b)") + 7, "zz"), (at("(a - b)") + 1, at("(a - b)") + 2, "q"),
         (at("(a - b)"), at("(a - b)"), "0 + ")],  # each edit in the text the ones before left
    ]


@pytest.mark.parametrize("changes", _cases(),
                         ids=["layer", "unbalanced", "lines", "not-ascii", "ends", "sequential"])
def test_an_edited_text_parses_as_a_fresh_parse_of_it(changes):
    old = parse(TEXT)
    before = _nodes(old.root)
    new = edited(old, changes)
    want = TEXT
    for start, end, text in changes:  # each in the text the ones before it left
        want = want[:start] + text + want[end:]
    assert new.text == want
    assert _nodes(new.root) == _shape(want) and new.root.has_error == _fresh(want, "rust").root.has_error
    assert _nodes(old.root) == before  # the old tree was copied before the edits, its nodes unchanged
    misses = parsed.cache_info().misses
    assert parse(want) is new and parsed.cache_info().misses == misses  # the next pass finds it


def test_the_cache_keeps_the_recent_texts_only():
    for i in range(parsed.maxsize + 5):
        parse(f"fn f{i}() {{}}\n")
    assert parsed.cache_info().currsize == parsed.maxsize
