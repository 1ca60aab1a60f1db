"""Constant stores nothing reads, left out (rustc's unused_assignments, deadsteps.py): C's `p = NULL;` after
`free(p)` ending a function, and `p = NULL; p = malloc(n);` (the store overwritten by the next statement,
merged into the `let` when the `let` is the constant). The C behind them is cc_box in
data/backends/builtin/clippy_clean (built, run against gcc's and clippy-clean: test_builtin_clippy_clean)."""

from __future__ import annotations

import pytest

from llmigrate.backends.builtin.deadsteps import dead_steps

_P, _NULL = "    let mut p: *mut i32 = q;\n", "    p = core::ptr::null_mut::<i32>();\n"


def _fn(body: str) -> str:
    return f"fn f(q: *mut i32) -> i32 {{\n{body}}}\n"


@pytest.mark.parametrize("store", ["core::ptr::null_mut::<i32>()", "0i32", "false"])
def test_a_constant_stored_last_in_the_declaring_block_is_left_out(store: str):
    body = _P + "    free(p);\n    p = {};\n    7\n"
    assert dead_steps(_fn(body.format(store))) == _fn(_P + "    free(p);\n    7\n")


def test_a_constant_the_next_statement_overwrites_is_left_out_and_its_comment_stays():
    body = _P + "    h(p);\n    p = core::ptr::null_mut::<i32>();  // gone\n    p = g();\n    h(p);\n    1\n"
    want = _P + "    h(p);\n    // gone\n    p = g();\n    h(p);\n    1\n"
    assert dead_steps(_fn(body)) == _fn(want)


def test_a_let_of_a_constant_the_next_statement_overwrites_takes_its_value():
    body = "    let mut p: *mut i32 = core::ptr::null_mut::<i32>();\n    p = unsafe { g() };\n    h(p);\n"
    want = "    let mut p: *mut i32 = unsafe { g() };\n    h(p);\n"
    assert dead_steps(_fn(body + "    1\n")) == _fn(want + "    1\n")


@pytest.mark.parametrize("body", [
    _P + _NULL + "    p = g(p);\n    h(p);\n    1\n",  # the next value reads it
    _P + _NULL + "    p = match g() { 0 => return 0, _ => q };\n    h(p);\n    1\n",
    _P + "    let r = &mut p;\n" + _NULL + "    p = g();\n    h(p);\n    1\n",
    _P + _NULL + "    h(p);\n    p = g();\n    h(p);\n    1\n",  # read between
    _P + _NULL + "    h(q);\n    h(p);\n    1\n",  # read later in the block
    _P + "    if c() {\n    " + _NULL + "    }\n    h(p);\n    1\n",  # an outer local
    "    P = 0i32;\n    P = g();\n    1\n",  # no `let`: a static a call may read
    # a comment line between the `let` and the store may speak of the value: not merged
    "    let mut p: *mut i32 = core::ptr::null_mut::<i32>();\n    // SAFETY: g's\n    p = unsafe { g() };\n"
    "    h(p);\n    1\n",
    "    let mut n = 0i32;\n    n = q.try_into().unwrap();\n    h(n);\n    1\n",  # the literal types `n`
])
def test_a_constant_something_may_read_stays(body: str):
    assert dead_steps(_fn(body)) == _fn(body)


def test_a_late_initialisation_is_the_let():
    t = "    let mut t: i32 = 1;\n"
    body = t + "    let u: S;\n    t = t.wrapping_add(1);\n    u = unsafe { *q };\n    h(u, t)\n"
    want = t + "    t = t.wrapping_add(1);\n    let u: S = unsafe { *q };\n    h(u, t)\n"
    assert dead_steps(_fn(body)) == _fn(want)


@pytest.mark.parametrize("rest", [
    "    h(0);\n    let t: i32 = 1;\n    u = g(t);\n",  # a let between: its drop would come after u's
    "    if c() {\n        u = g(1);\n    } else {\n        u = g(2);\n    }\n",
    "    k(&u);\n    u = g(1);\n",
])
def test_a_late_initialisation_past_a_let_or_a_use_stays(rest: str):
    body = "    let u: S;\n" + rest + "    h(u)\n"
    assert dead_steps(_fn(body)) == _fn(body)
