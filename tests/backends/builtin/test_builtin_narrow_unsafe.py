"""Each `unsafe` block is the smallest statement or operand around the operation needing it (issue 15): a
conditional's test and branches get their own blocks, a call's arguments bound to temporaries first are
statements of their own, each with its own block and `// SAFETY:`, and a store through a cursor stepped
after the statement needs no temporary. (That the Rust behaves as the C does: behaviour case
core_stmts/st_narrow_unsafe.)"""

from __future__ import annotations

import pytest
from helpers.builtin_translate import translated_code, unsafe_blocks
from helpers.paths import data_text

from llmigrate.backends.builtin.unsafety import flattened
from llmigrate.rust_syntax import blank

C = data_text("backends/builtin/behaviour/core_stmts/st_narrow_unsafe.c")
_BRANCHY = ("if ", "while ", "loop ", "match ", "for ")


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return translated_code(tmp_path_factory.mktemp("narrow"), "nu.c", C)


def _narrow(text: str) -> None:
    for b in unsafe_blocks(text):  # one statement or operand each: no branch, loop or second statement
        inner = blank(b)[len("unsafe {"):-1].strip()
        assert not inner.startswith(_BRANCHY) and ";" not in inner.rstrip(";"), b


@pytest.mark.parametrize(("fid", "expected"), [
    # the test and a branch read through a raw pointer: each alone in its block
    ("nu_height", "if unsafe { !(*n).left.is_null() } { unsafe { (*(*n).left).depth.wrapping_add(1i32) } } "
                  "else { 0i32 }"),
    ("nu_branch", "if k > 0i32 { unsafe { (*n).depth.wrapping_mul(k) } } else { k.wrapping_neg() }"),
    # run for its effects: each branch's call in its own block
    ("nu_whole", "if k > 1i32 { unsafe { crate::nu::nu_set(n, k); } } "
                 "else { unsafe { crate::nu::nu_set((*n).left, k); } }"),
])
def test_a_conditional_wraps_its_test_and_branches_each_alone(code, fid, expected):
    assert expected in code[fid], code[fid]
    _narrow(code[fid])


def test_a_statement_needing_unsafe_outside_its_conditional_has_one_block_and_none_nested(code):
    text = code["nu_whole"]
    line = next(ln for ln in text.splitlines() if "let v: i32" in ln)
    assert line.count("unsafe {") == 1 and "if k != 0 { (*(*n).left).depth } else { 100i32 }" in line, line


def test_a_calls_temporaries_are_statements_each_with_its_own_block_and_safety(code):
    lines = [ln.strip() for ln in code["nu_calls"].splitlines()]
    first = lines.index("let arg1: i32 = crate::nu::nu_twice(k);")  # needs no unsafe: none
    assert lines[first + 1] == "let arg2: i32 = unsafe { (*p).w.pos };"
    # the call's, above it: the contract of the unsafe fn, the callee's rule only for the use (issue 15)
    assert lines[first + 2].startswith("// SAFETY: the caller's contract (# Safety): it passes `&p->w`")
    assert lines[first + 2].endswith("(the callee's `w`: rule deref-on-every-call)")
    assert lines[first + 3] == \
        "unsafe { crate::nu::nu_put(&mut *core::ptr::addr_of_mut!((*p).w), arg1, arg2) };"
    _narrow(code["nu_calls"])


def test_a_store_through_a_cursor_stepped_after_the_statement_needs_no_temporary(code):
    text = code["nu_widen"]
    assert "unsafe { out.write_unaligned(*r#in.offset(i as isize) as u16) };" in text, text
    assert "let p" not in text


def test_only_a_block_of_fresh_temporaries_is_cut_into_statements():
    temps = {"arg1", "p2"}
    assert flattened("{ let arg1: i32 = x; unsafe { f(arg1) } };", temps) == [
        "let arg1: i32 = x;", "unsafe { f(arg1) };"]
    assert flattened("{ let p2 = core::ptr::addr_of_mut!(a); (*p2) += 1; };", temps) == [
        "let p2 = core::ptr::addr_of_mut!(a);", "(*p2) += 1;"]
    assert flattened("{ let arg1 = unsafe { x }; unsafe { *p = arg1 }; q = arg1; }", temps) == [
        "let arg1 = unsafe { x };", "unsafe { *p = arg1 };", "q = arg1;"]
    for kept in ("{ let s = x; f(s) };",  # not a temporary: it could shadow a C local named `s`
                 "{ let arg1 = x; let s = arg1; f(s) };",
                 "{ let arg1: i32 = x; if c { g(); } f(arg1) };",  # a block that is not `unsafe`
                 "{ let arg1: u8 = b';'; f(arg1) };",  # a literal: brackets and `;` not counted in it
                 "f({ let arg1 = x; arg1 });"):
        assert flattened(kept, temps) == [kept]


def test_a_return_of_a_comma_expression_runs_its_left_side_as_a_statement_first(code):
    lines = [ln.strip() for ln in code["nu_store"].splitlines()]
    at = lines.index("unsafe { *it = n };")  # the value needs no unsafe: only the store is in a block
    assert lines[at + 1] == "return k.wrapping_add(1i32);"
    at = lines.index("unsafe { *it = (*n).left };")  # the value reads through `it` after the store
    assert lines[at + 1] == "unsafe { (*(*it)).depth.wrapping_add(k) }"
    _narrow(code["nu_store"])


@pytest.mark.parametrize(("fid", "expected"), [
    # the value read once, stored through the raw pointer, then into the local: each its own statement
    ("nu_chain", ["let v1 = unsafe { (*n).left };", "unsafe { *it = v1 };", "p = v1;"]),
    # a bit-field stored into gives the next store its truncated bits, read back through the pointer
    ("nu_bits_store", ["let v1 = v;", "unsafe { (*b).set_lo(v1) };", "x = unsafe { (*b).lo() };"]),
    ("nu_bits", ["let v2 = v.wrapping_mul(3i32);", "let c: i32 = v2;", "let a: i32 = v2;"]),
])
def test_a_chained_assignment_is_a_statement_per_store(code, fid, expected):
    lines = [ln.strip() for ln in code[fid].splitlines()]
    at = lines.index(expected[0])
    assert lines[at:at + len(expected)] == expected, code[fid]
    _narrow(code[fid])
