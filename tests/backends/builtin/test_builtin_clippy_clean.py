"""Spellings clippy's default lints flag (issue 15), fixed where the builtin makes them: `let mut` for a
local only lent shared (unused_mut, unmuted.py), `x = x + y` (assign_op_pattern, idioms.py),
`p.as_deref_mut()` at an `Option<&mut T>`'s last use (needless_option_as_deref, options.moved_last) and a
local's last step nothing reads (rustc's unused_assignments, deadsteps.py).
The C is data/backends/builtin/clippy_clean."""

from __future__ import annotations

import subprocess

import pytest
from helpers.builtin_translate import translated_code
from helpers.paths import DATA, data_text
from helpers.runs import journal, migrated_and_verified

from llmigrate.backends.builtin.deadsteps import dead_steps
from llmigrate.backends.builtin.options import moved_last
from llmigrate.backends.builtin.unmuted import unmuted

C = data_text("backends/builtin/clippy_clean/lib.c")


_OPT, _C = "c: Option<&mut usize>", "    let mut c = c;\n"


def _fn(body: str, params: str = "p: *mut i32") -> str:
    return f"fn f({params}) {{\n{body}}}\n"


@pytest.mark.parametrize("body", [
    "    let mut v: S = S { t: 1 };\n    g(&v, v.t.wrapping_sub(1));\n",  # lent shared, read by a method
    "    let mut q: *mut i32 = p;\n    unsafe { *q = 3 };\n",  # written through: the pointee changes
    "    let mut q: *mut i32 = p;\n    unsafe { *q.offset(1) = 3 };\n",
])
def test_a_local_nothing_changes_loses_its_mut(body: str):
    assert unmuted(_fn(body)) == _fn(body.replace("let mut ", "let ", 1))


@pytest.mark.parametrize("body", [
    "    let mut b: i32 = 3;\n    b += 1;\n",
    "    let mut r: *mut i32 = p;\n    r = r.wrapping_add(1);\n",
    "    let mut d: S = S { t: 1 };\n    k(&mut d.t);\n",
    "    let mut a: [i32; 2] = [0; 2];\n    h(core::ptr::addr_of_mut!(a));\n",
    "    let mut a: [i32; 2] = [0; 2];\n    h(a.as_mut_ptr());\n",  # a method that may take `&mut self`
    "    let mut c: [i32; 2] = [0; 2];\n    c[1] = 2;\n",
    "    let mut (x, y) = (1, 2);\n    x += y;\n",
    "    let mut b = Box::new(1);\n    *b = 2;\n",  # a Box's pointee is the binding's own
    "    let mut s: S = S { t: 1 };\n    let w = || s.t = 2;\n",
    "    let mut o: Option<i32> = None;\n    if let Some(ref mut v) = o { *v = 1; }\n",
])
def test_a_local_something_may_change_keeps_its_mut(body: str):
    assert unmuted(_fn(body)) == _fn(body)


@pytest.mark.parametrize("rest", ["    x = g();\n    h(x);\n", "    unsafe { x = g() };\n    h(x);\n",
                                  "    'at: {\n        x = g();\n    }\n    h(x);\n"])
def test_a_deferred_let_set_once_loses_its_mut(rest: str):
    assert unmuted(_fn("    let mut x: i32;\n" + rest)) == _fn("    let x: i32;\n" + rest)


@pytest.mark.parametrize("rest", [
    "    loop {\n        x = g();\n        if x > 0 {\n            break;\n        }\n    }\n",  # again
    "    if g() > 0 {\n        x = 1;\n    } else {\n        x = 2;\n    }\n",  # two (counted generously)
    "    x = g();\n    x += 1;\n",
    "    let c = || x = g();\n",
])
def test_a_deferred_let_set_more_than_once_keeps_its_mut(rest: str):
    assert unmuted(_fn("    let mut x: i32;\n" + rest)) == _fn("    let mut x: i32;\n" + rest)


def test_a_write_through_an_if_let_rebinding_changes_not_the_outer_local():
    body = "    let mut c = c;\n    if let Some(c) = c {\n        *c = 1;\n    }\n"
    assert unmuted(_fn(body, _OPT)) == _fn("    if let Some(c) = c {\n        *c = 1;\n    }\n", _OPT)


def test_a_parameter_rebound_only_to_be_read_is_not_rebound():
    body = "    let mut q = q;\n    unsafe { *q.add(1) = 2 };\n"
    assert unmuted(_fn(body, "q: *mut i32")) == _fn("    unsafe { *q.add(1) = 2 };\n", "q: *mut i32")
    kept = "    let mut q = q;\n    q = q.wrapping_add(1);\n"
    assert unmuted(_fn(kept, "q: *mut i32")) == _fn(kept, "q: *mut i32")


_BLOCK = "    if g() {\n        let mut q: *mut i32 = p;\n        h(q);\n        q = q.wrapping_offset(1);\n"


def test_a_locals_last_step_in_its_own_block_is_left_out():
    assert dead_steps(_fn(_BLOCK + "        k(1);\n    }\n")) == \
        _fn(_BLOCK.replace("        q = q.wrapping_offset(1);\n", "") + "        k(1);\n    }\n")


@pytest.mark.parametrize("rest", [
    "        h(q);\n    }\n",  # read after it
    "        k(v!(q));\n    }\n",  # named in a macro
    "    }\n    let r = &q;\n",  # a reference to it (here out of scope; any counts)
])
def test_a_step_read_later_or_behind_a_reference_stays(rest: str):
    assert dead_steps(_fn(_BLOCK + rest)) == _fn(_BLOCK + rest)


def test_a_step_in_a_loop_or_of_an_outer_local_stays():
    looped = "    let mut i: i32 = 0;\n    while i < 3 {\n        i = i.wrapping_add(1);\n    }\n"
    outer = "    let mut q: *mut i32 = p;\n    if g() {\n        q = q.wrapping_offset(1);\n    }\n"
    assert dead_steps(_fn(looped)) == _fn(looped) and dead_steps(_fn(outer)) == _fn(outer)


def test_an_optional_reference_moves_at_its_last_use():
    body = ("    let mut c = c;\n    if g() {\n        *c.as_deref_mut().unwrap() = 1;\n"
            "        return;\n    }\n"
            "    *c.as_deref_mut().unwrap() = (*c.as_deref_mut().unwrap()).wrapping_add(1);\n")
    # the right side runs first: the left side's `c` is the last use
    want = body.replace("*c.as_deref_mut().unwrap() = (*c", "*c.unwrap() = (*c")
    assert moved_last(_fn(body, _OPT)) == _fn(want, _OPT)


@pytest.mark.parametrize(("fix", "body"), [
    (moved_last, _C + "    while g() {\n        *c.as_deref_mut().unwrap() = 1;\n    }\n"),  # runs again
    (moved_last, _C + "    *c.as_deref_mut().unwrap() = 1;\n    h(c.as_deref_mut());\n    k(&c);\n"),
    # rebound by `if let`, but the outer `c` is named again: after the `if`, each time round
    (moved_last, _C + "    if let Some(c) = c.as_deref_mut() {\n        *c = 1;\n    }\n    k(&c);\n"),
    (moved_last, _C + "    loop {\n        if let Some(c) = c.as_deref_mut() {\n            *c = 1;\n"
                      "        }\n    }\n"),
    # a pattern of another shape
    (moved_last, _C + "    if let Some((c, d)) = c.as_deref_mut() {\n        *c = 1;\n    }\n"),
    # the outer `c` changed outside an `if let` block keeps its `mut`
    (unmuted, _C + "    if let Some(d) = c {\n        *d = 1;\n    } else {\n        c = None;\n    }\n"),
    (unmuted, _C + "    if let Some(c) = g() {\n        *c = 1;\n    } else {\n        c = None;\n    }\n"),
    # the `let` inside the block
    (unmuted, "    if let Some(c) = c {\n        let mut c = Some(c);\n        c = None;\n    }\n"),
])
def test_an_optional_reference_used_again_or_shadowed_is_left_as_it_is(fix, body: str):
    assert fix(_fn(body, _OPT)) == _fn(body, _OPT)


@pytest.mark.parametrize("inner", [
    "        *c = 1;\n",
    "        h(c.as_deref_mut());\n",  # the inner `c`, not the one moved: left alone
])
def test_an_optional_reference_rebound_by_if_let_moves_into_it(inner: str):
    """`if let Some(c) = c.as_deref_mut()` (C's `if (c) *c = v;` last): the block names the new `c`."""
    body = f"    let mut c = c;\n    if let Some(c) = c.as_deref_mut() {{\n{inner}    }}\n"
    want = body.replace("= c.as_deref_mut() {", "= c {")
    assert moved_last(_fn(body, _OPT)) == _fn(want, _OPT)


def test_an_else_names_the_outer_optional_reference_and_moves_it_last():
    body = ("    let mut c = c;\n    if let Some(c) = c.as_deref_mut() {\n        *c = 1;\n    } else {\n"
            "        h(c.as_deref_mut());\n    }\n")
    assert moved_last(_fn(body, _OPT)) == _fn(body.replace("h(c.as_deref_mut())", "h(c)"), _OPT)


def test_an_option_of_another_type_is_not_moved():
    body = "    let mut c: Option<Box<usize>> = None;\n    h(c.as_deref_mut());\n"
    assert moved_last(_fn(body, "")) == _fn(body, "")


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return translated_code(tmp_path_factory.mktemp("clippy_clean"), "lib.c", C)


def test_the_builtin_spells_the_three_as_clippy_asks(code):
    assert "let s: cc_sample = cc_sample { t, v };" in code["cc_lend"]  # lent `&s` to a `const *`
    assert "p.x += dx * 1000f64;" in code["cc_move"] and "p.y += dy;" in code["cc_move"]
    assert "s += a[i as usize];" in code["cc_sum"]
    assert "*consumed.unwrap() = (*consumed.as_deref_mut().unwrap()).wrapping_add(1usize);" in \
        code["cc_digits"]
    assert "if let Some(len) = len {" in code["cc_span"]  # moved, not reborrowed, at its last use


def _clippy_installed() -> bool:
    return subprocess.run(["cargo", "clippy", "--version"], capture_output=True).returncode == 0


@pytest.mark.slow
def test_the_functions_build_behave_as_the_c_and_draw_no_clippy_warning(tmp_path):
    out = tmp_path / "out"
    migrated_and_verified(DATA / "backends" / "builtin" / "clippy_clean", out)
    if _clippy_installed():  # the crate as a whole: the C ABI entries and shared items too
        assert journal(out)["verify"]["clippy"] == "ran: 0 warning(s)"
