"""bench/safety_audit.py (issue 15): each `// SAFETY:` comment names the rule of the operation under it. One
case per class on Rust we write, and the golden crates, which hold no mismatch."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import GOLDEN
from safety_audit import audit, crate_audit

from llmigrate.signatures.net import Names

NAMES = Names(set(), {"total", "peek"})
READ_ONLY = "// SAFETY: n: rule read-only: the C only reads through it"
CONTRACT = "// SAFETY: the caller's contract (# Safety): it passes `n->kid[0]` as a reference"


def _classes(text: str) -> list[str]:
    return [f.cls for f in audit(text, NAMES)]


def test_a_pointers_proof_above_a_reference_made_from_another_pointer_is_flagged():
    # the callee's parameter `n`'s rule, above a reference made from the member `n->kid[0]`
    text = (f"pub unsafe fn total(n: Option<&node>) -> i32 {{\n    {READ_ONLY}\n"
            "    unsafe { n.unwrap().v + total((n.unwrap().kid[0usize] as *const node).as_ref()) }\n}\n")
    assert _classes(text) == ["pointer-not-operand"]


def test_the_contract_of_an_unsafe_fn_covers_its_operation_and_in_a_safe_fn_it_is_flagged():
    body = f"    {CONTRACT}\n    unsafe {{ total((n.kid[0usize] as *const node).as_ref()) }}\n}}\n"
    assert _classes(f"pub unsafe fn t(n: &node) -> i32 {{\n{body}") == []
    # a safe fn has no contract: the comment covers nothing, and its operations are gaps
    assert _classes(f"pub fn t(n: &node) -> i32 {{\n{body}") == \
        ["contract-in-safe-fn (safe fn)", "uncovered-in-safe-fn", "uncovered-in-safe-fn"]


def test_a_pointers_proof_above_its_own_conversion_is_covered_casts_and_temporaries_looked_through():
    entry = f"pub unsafe extern \"C\" fn total(n: *const node) -> i32 {{\n    {READ_ONLY}\n" \
            "    crate::m::total((n as *const node).as_ref())\n}\n"
    assert _classes(entry) == []
    sliced = ("pub unsafe fn f(p: *const u8, k: usize) -> i32 {\n    // SAFETY: p: rule counted-loop: x\n"
              "    unsafe { g({ let s1 = p; if s1.is_null() { &[] } else { "
              "core::slice::from_raw_parts(s1, k) } }) }\n}\n")
    assert _classes(sliced) == []


def test_a_calls_proof_above_a_statement_not_calling_it_and_a_proof_above_safe_code():
    call = "pub fn f(x: i32) -> i32 {\n    // SAFETY: rule checked-libc-call: `abs`: x\n" \
        "    unsafe { peek(x) }\n}\n"
    assert _classes(call) == ["call-not-in-block (safe fn)", "uncovered-in-safe-fn"]
    none = "pub unsafe fn f(p: *mut i32) {\n    // SAFETY: p: rule read-only: x\n    let x = 1;\n}\n"
    assert _classes(none) == ["no-operation"]


def test_an_operation_of_a_safe_fn_no_comment_covers_is_the_dangerous_class():
    text = "pub fn f(p: *mut i32) -> i32 {\n    unsafe { *p }\n}\n"
    assert _classes(text) == ["uncovered-in-safe-fn"]
    through_ref = "pub fn f(r: &mut i32) -> i32 {\n    *r\n}\n"
    assert _classes(through_ref) == []


@pytest.mark.parametrize("crate", sorted(p.name for p in (GOLDEN / "rust").iterdir()))
def test_the_golden_crates_hold_no_mismatch(crate: str):
    found = crate_audit(Path(GOLDEN / "rust" / crate))
    assert not found, "\n".join(f.line() for f in found)
