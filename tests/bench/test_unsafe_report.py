"""bench/unsafe_report.py on Rust we write: unsafe fns with a safe signature, and unsafe blocks wider than the
statement around the operation needing them."""

from __future__ import annotations

from unsafe_report import function_tally

from llmigrate.signatures.net import Names

NAMES = Names(set(), set())


def test_an_unsafe_fn_without_a_raw_pointer_in_its_signature_is_counted():
    t = function_tally("pub unsafe fn f(v: &mut i32) -> i32 {\n    *v\n}\n", NAMES)
    assert (t.unsafe_fns, t.unsafe_safe_sig, t.safe_signatures) == (1, 1, 0)
    raw = function_tally("pub unsafe fn g(p: *mut i32) -> i32 {\n    unsafe { *p }\n}\n", NAMES)
    assert (raw.unsafe_safe_sig, raw.wide_blocks) == (0, 0)


def test_a_block_around_a_branch_or_two_statements_is_wide_and_an_if_inside_an_operand_is_not():
    wide = ("pub unsafe fn h(p: *mut i32, c: bool) {\n    unsafe {\n        if c {\n            *p = 1;\n"
            "        }\n    }\n    unsafe {\n        *p = 2;\n        *p += 1;\n    }\n}\n")
    assert function_tally(wide, NAMES).wide_blocks == 2
    operand = "pub unsafe fn k(p: *mut i32, c: bool) {\n    unsafe { *p = if c { 1 } else { 2 } };\n}\n"
    assert function_tally(operand, NAMES).wide_blocks == 0
