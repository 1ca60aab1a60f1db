"""The deferred-let pass's index of names and node types (lets.Names) answers what a walk over a node's
subtree answers: whether it mentions a local, the first identifier naming it, the nodes of a type in it.
Checked on the golden Rust and on text with the cases a range lookup could get wrong (lifetimes, labels,
paths, macros' tokens); and the index is one text's: a new text gets its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.backends.builtin.lets import _MUTATING, Names, _names, defer_lets
from llmigrate.rust_syntax import parse, walk

GOLDEN = sorted((Path(__file__).parents[2] / "golden" / "rust").glob("*/src/*.rs"))
TRICKY = """fn f<'a>(a: &'a mut i32, b: i32) -> i32 {
    let mut x: i32 = 0;
    let ptr: *mut i32 = core::ptr::null_mut();
    'x: loop { x = b; if x > 0 { break 'x; } }
    let r = &mut x;
    unsafe { core::ptr::addr_of_mut!(*a); }
    println!("{} {}", x, "x a");
    // x in a comment
    x += *r + b;
    x
}
"""


def _walked_first(node, name):
    return next((n for n in walk(node) if _names(n, name)), None)


def _cases(text: str):
    src = parse(text)
    names = {n.text.decode() for n in src.of_type("identifier")}
    scopes = [n for kind in ("block", "expression_statement", "let_declaration", "function_item",
                             "token_tree", "if_expression", "lifetime", "label") for n in src.of_type(kind)]
    return src, sorted(names), scopes


@pytest.mark.parametrize("text", [TRICKY, *(p.read_text() for p in GOLDEN[:6])],
                         ids=["tricky", *(f"{p.parent.parent.name}/{p.name}" for p in GOLDEN[:6])])
def test_the_index_answers_what_the_walk_answers(text):
    src, names, scopes = _cases(text)
    ix = Names(src)
    for scope in scopes:
        kinds = sorted(ix.within(scope, _MUTATING), key=lambda n: (n.start_byte, n.type))
        walked = sorted((n for n in walk(scope) if n.type in _MUTATING), key=lambda n: (n.start_byte, n.type))
        assert kinds == walked
        for name in names:
            assert ix.first(scope, name) == _walked_first(scope, name), (scope.text.decode()[:60], name)


def test_a_lifetime_or_a_label_is_no_mention_of_the_local_spelled_like_it():
    src = parse(TRICKY)
    ix = Names(src)
    label = src.of_type("label")[0]
    assert not ix.mentions(label, "x") and ix.mentions(label.parent.parent, "x")
    path = next(n for n in src.of_type("scoped_identifier") if n.text == b"core::ptr::null_mut")
    assert not ix.mentions(path, "ptr")


def test_each_text_gets_its_own_index():
    first = defer_lets("fn f() -> i32 {\n    let mut x: i32 = 0;\n    x = 2;\n    x\n}\n")
    second = defer_lets("fn g() -> i32 {\n    let mut y: i32 = 0;\n    y += 1;\n    y\n}\n")
    assert "let x: i32 = 2;" in first
    assert "let mut y: i32 = 0;" in second


def test_lending_a_pointers_pointee_does_not_make_the_pointer_mutable():
    # `&mut *res` (or a member of it) changes what `res` points at, not `res`: no `mut` (rustc's unused_mut)
    lent = defer_lets("fn f() -> i32 {\n    let mut res: *mut S = core::ptr::null_mut();\n"
                      "    res = unsafe { g() };\n    unsafe { h(&mut *res, &mut (*res).a[1]) };\n    0\n}\n")
    own = defer_lets("fn f() -> i32 {\n    let mut res: *mut S = core::ptr::null_mut();\n"
                     "    res = unsafe { g() };\n    unsafe { k(&mut res) };\n    0\n}\n")
    assert "let res: *mut S = unsafe { g() };" in lent
    assert "let mut res: *mut S = unsafe { g() };" in own


def test_a_pointer_lent_only_as_a_shared_slot_loses_its_mut():
    """`&v` passed to a pointer-slot view (`&*mut T`) once was `addr_of_mut!(v)`: a raw pointer binding set
    by a call and never changed needs no `mut` (unused_mut); one borrowed `&mut`, assigned or named by a
    macro keeps it."""
    out = defer_lets("fn f(k: f64) {\n    let mut v: *mut V = unsafe { g() };\n    unsafe { h(&v, k) };\n"
                     "    let mut w: *mut V = unsafe { g() };\n    unsafe { h2(&mut w) };\n"
                     "    let mut x: *mut V = unsafe { g() };\n"
                     "    unsafe { h3(core::ptr::addr_of_mut!(x)) };\n"
                     "    let mut y: *mut V = unsafe { g() };\n    y = core::ptr::null_mut();\n}\n")
    assert "let v: *mut V = unsafe { g() };" in out
    assert all(f"let mut {n}: *mut V" in out for n in "wxy")
