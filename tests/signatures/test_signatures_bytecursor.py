"""A byte cursor over a counted buffer (signatures/bytecursor.py, rule byte-cursor):
`end = p + len - len % K`, `for (; p != end; p += K)` reading at most K bytes at `p`, and a tail
`end[j]` under `switch (len % K)` whose case labels before the read are all past j; a read may be a call
of a function only reading K bytes at its argument (readers.py). The decision (its signature:
test_signatures_cursorslice.py): the shapes it proves and those it does not: a step past
the end, an end that is the buffer's own with a window across it, another buffer's count, a tail read
past its case, a break before the end, a returned cursor, an end of words, a label inside a block."""

from __future__ import annotations

import pytest
from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures import readers, voidwhy
from llmigrate.signatures.bytecursor import cursor
from llmigrate.signatures.mapper import raw_reasons
from llmigrate.signatures.proof import node_text, parsed_body, walk

CURSORS = DATA / "signatures" / "bytecursor" / "src"  # its readers in ../include, outside SRC


@pytest.fixture(scope="module")
def codebase():
    return analyze_dir(CURSORS)


def _function(codebase, fn_name: str):
    return next(f for f in codebase.functions.values() if f.name == fn_name)


def _proof(codebase, fn_name: str, param: str):
    fn = _function(codebase, fn_name)
    return cursor(fn, param, parsed_body(fn)[0], codebase)


def _call(codebase, fn_name: str, callee: str):
    fn = _function(codebase, fn_name)
    return next(n for n in walk(parsed_body(fn)[0]) if n.type == "call_expression" and
                node_text(n.child_by_field_name("function")) == callee)


def test_the_siphash_shape_is_a_cursor_over_its_count(codebase):
    mix8 = _proof(codebase, "mix8", "data")
    assert mix8 is not None and (mix8.count, mix8.step, mix8.end, mix8.left) == ("len", 8, "end", "left")
    # the loop's 8-byte window at the cursor; the tail's bytes from end; the 4-byte window under case 4
    assert sorted(mix8.reads.values()) == [("cursor", 8), ("end", 1), ("end", 2), ("end", 3), ("end", 4),
                                           ("end", 5), ("end", 6), ("end", 7)]
    mix4 = _proof(codebase, "mix4", "p")
    assert mix4 is not None and (mix4.count, mix4.step, mix4.left) == ("n", 4, "")
    assert sorted(mix4.reads.values()) == [("cursor", 1), ("cursor", 4), ("end", 1), ("end", 2), ("end", 3)]


def test_a_call_of_a_function_reading_k_bytes_is_a_window_of_k(codebase):
    # load_le64/load_le32 memcpy 8/4 bytes into a local, first_word/le16_at read `*p` of a uint32_t/le16_t
    # (a typedef SRC never names, read from the header): all of them
    # static inline in a header outside SRC, read at the line analysis recorded
    calls = _proof(codebase, "mix_calls", "data")
    assert calls is not None and calls.step == 8
    assert sorted(calls.reads.values()) == [("cursor", 4), ("cursor", 8), ("end", 1), ("end", 2), ("end", 3),
                                            ("end", 4), ("end", 5), ("end", 6), ("end", 7)]
    assert readers.width(_call(codebase, "wide_call", "two_words"), codebase) is None  # two reads of p


@pytest.mark.parametrize(("fn_name", "param"), [
    ("overstep", "data"),  # steps 16 over an end kept at a multiple of 8
    ("tail_window", "data"),  # end = data + len, an 8-byte window at end - 4
    ("other_count", "a"),  # the end of another buffer's count
    ("other_count", "b"),  # the end's own buffer, never walked
    ("late_tail", "p"),  # end[1] reached from case 1
    ("broken", "p"),  # a break leaves the cursor short of end, the tail reads at it
    ("escapes", "p"),  # returned
    ("wide_call", "data"),  # a call reading 16 bytes (two windows: no one width) at the cursor
    ("short_tail", "data"),  # a 4-byte call under case 3
    ("word_end", "data"),  # end of uint32_t: end[1] is no byte 1
    ("inner_label", "p"),  # case 1 inside a block of case 7, then end[6]
    ("address_tail", "p"),  # &end[0] given to an 8-byte copy: no one-byte read
])
def test_a_cursor_that_may_leave_its_buffer_is_not_proven(codebase, fn_name, param):
    assert _proof(codebase, fn_name, param) is None


def test_a_proven_cursor_is_no_longer_raw(codebase):
    # its reads are ones the builtin writes (cursorslice.py): a slice, no raw reason; one that is no cursor
    # keeps the reason its first use gives (a cursor whose reads it cannot write: test_signatures_cursorslice)
    assert "data" not in raw_reasons(_function(codebase, "mix8"), codebase)
    assert "p" not in raw_reasons(_function(codebase, "mix4"), codebase)
    assert raw_reasons(_function(codebase, "overstep"), codebase)["data"] == \
        f"{voidwhy.VOID}: pointer arithmetic"
