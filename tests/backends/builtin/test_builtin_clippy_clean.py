"""Spellings clippy's default lints flag (issue 15), fixed where the builtin makes them: `let mut` for a
local only lent shared (unused_mut, unmuted.py), `x = x + y` (assign_op_pattern, idioms.py) and
`p.as_deref_mut()` at an `Option<&mut T>`'s last use (needless_option_as_deref, options.moved_last).
The C is data/backends/builtin/clippy_clean."""

from __future__ import annotations

import subprocess

import pytest
from helpers.builtin_translate import translated_code
from helpers.paths import DATA, data_text
from helpers.runs import journal, migrated_and_verified

from llmigrate.backends.builtin.options import moved_last
from llmigrate.backends.builtin.unmuted import unmuted

C = data_text("backends/builtin/clippy_clean/lib.c")


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


def test_a_parameter_rebound_only_to_be_read_is_not_rebound():
    body = "    let mut q = q;\n    unsafe { *q.add(1) = 2 };\n"
    assert unmuted(_fn(body, "q: *mut i32")) == _fn("    unsafe { *q.add(1) = 2 };\n", "q: *mut i32")
    kept = "    let mut q = q;\n    q = q.wrapping_add(1);\n"
    assert unmuted(_fn(kept, "q: *mut i32")) == _fn(kept, "q: *mut i32")


_OPT = "c: Option<&mut usize>"


def test_an_optional_reference_moves_at_its_last_use():
    body = ("    let mut c = c;\n    if g() {\n        *c.as_deref_mut().unwrap() = 1;\n"
            "        return;\n    }\n"
            "    *c.as_deref_mut().unwrap() = (*c.as_deref_mut().unwrap()).wrapping_add(1);\n")
    # the right side runs first: the left side's `c` is the last use
    want = body.replace("*c.as_deref_mut().unwrap() = (*c", "*c.unwrap() = (*c")
    assert moved_last(_fn(body, _OPT)) == _fn(want, _OPT)


@pytest.mark.parametrize("body", [
    "    let mut c = c;\n    while g() {\n        *c.as_deref_mut().unwrap() = 1;\n    }\n",  # runs again
    "    let mut c = c;\n    *c.as_deref_mut().unwrap() = 1;\n    h(c.as_deref_mut());\n    k(&c);\n",
    "    let mut c = c;\n    if let Some(c) = c.as_deref_mut() {\n        h(c.as_deref_mut());\n    }\n",
])
def test_an_optional_reference_used_again_or_shadowed_is_not_moved(body: str):
    assert moved_last(_fn(body, _OPT)) == _fn(body, _OPT)


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


def _clippy_installed() -> bool:
    return subprocess.run(["cargo", "clippy", "--version"], capture_output=True).returncode == 0


@pytest.mark.slow
def test_the_functions_build_behave_as_the_c_and_draw_no_clippy_warning(tmp_path):
    out = tmp_path / "out"
    migrated_and_verified(DATA / "backends" / "builtin" / "clippy_clean", out)
    if _clippy_installed():  # the crate as a whole: the C ABI entries and shared items too
        assert journal(out)["verify"]["clippy"] == "ran: 0 warning(s)"
