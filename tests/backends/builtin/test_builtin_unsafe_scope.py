"""Where the builtin translator puts `unsafe`: around the one statement or condition needing it, never a whole
body; `unsafe fn` for every signature with a raw pointer; plain `let` for bindings never changed; constants
spelled as Rust spells them. (That the Rust behaves as the C does: behaviour case
core_stmts/st_unsafe_scope.)"""

from __future__ import annotations

import pytest
from helpers.builtin_translate import translated_code, unsafe_blocks
from helpers.paths import data_text

from llmigrate.rust_syntax import blank

C = data_text("backends/builtin/behaviour/core_stmts/st_unsafe_scope.c")


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return translated_code(tmp_path_factory.mktemp("unsafe"), "scope.c", C)


def test_a_raw_pointer_signature_stays_unsafe_fn_with_one_block_per_dereference(code):
    out2 = code["us_out2"]  # raw: us_out_same passes one object for both (else rule disjoint-call-sites)
    assert "\npub unsafe fn us_out2(a: *mut i32, b: *mut i32, x: i32)" in out2
    blocks = unsafe_blocks(out2)
    assert len(blocks) == 2 and all("*a" in b or "*b" in b for b in blocks), blocks
    assert "let u: i32 = x.wrapping_add(1i32);" in out2  # safe statements stay outside


def test_a_static_read_is_wrapped_where_it_is_read_in_a_safe_fn(code):
    # a `static mut` access no rule checks: an unsafe fn (signatures/soundness.py), its blocks still minimal
    fn = code["us_static_ptr"]
    fn = fn[fn.index("pub unsafe fn us_static_ptr("):]
    assert "return unsafe { *crate::" in fn and "let mut t: i32 = k.wrapping_add(1i32);" in fn
    assert "if !(unsafe { crate::shared::us_cursor }).is_null() {" in fn  # a scalar static: just the read
    first_line_of_body = fn.split("\n")[1].strip()
    assert not first_line_of_body.startswith("unsafe")
    for b in unsafe_blocks(fn):  # no block holds a loop or a branch, only the statement/condition
        assert not any(w in blank(b) for w in ("while ", "loop ", "match ", "if ")), b


def test_an_int_global_is_an_atomic_touched_without_unsafe(code):
    fn = code["us_static_cond"]
    assert "pub fn us_static_cond(k: i32) -> i32 {" in fn and "unsafe" not in fn
    assert "if crate::shared::counter.load(core::sync::atomic::Ordering::Relaxed) > t {" in fn


def test_functions_touching_no_pointer_or_static_have_no_unsafe_nor_let_mut_x_x(code):
    for fid in ("us_params", "us_limits"):
        assert "unsafe" not in code[fid], code[fid]
    assert unsafe_blocks(code["us_out_params"]) == [  # only the call of the unsafe fn
        "unsafe { crate::scope::us_out2(core::ptr::addr_of_mut!(a), core::ptr::addr_of_mut!(b), x) }"]
    params = code["us_params"]
    assert "let mut x" not in params and "let mut y" not in params and "let mut z: i32" in params
    assert "\n    z.wrapping_add(1i32)\n}" in params  # no parentheses around the returned value


def test_limits_and_hex_spelled_as_rust_spells_them(code):
    limits = code["us_limits"]
    assert "u64::MAX" in limits and "0xff00_u32" in limits and "18446744073709551615" not in limits
    assert "let m: u64 = u64::MAX;" in limits  # never changed: no `mut`


def test_every_raw_pointer_signature_is_unsafe(code):
    for fid, text in code.items():
        head = text.split("{", 1)[0]
        if "*mut" in head or "*const" in head:
            assert "unsafe fn" in head, (fid, head)


def test_a_store_into_a_union_field_needs_no_unsafe_and_a_read_does(code):
    fn = code["us_union_store"]
    assert unsafe_blocks(fn) == ["unsafe { b.n.i.wrapping_add(b.tag) }"], fn
    assert "\n    b.n.i = k;" in fn and "\n    b.n.h.lo = 7i16;" in fn


def test_taking_the_address_of_a_static_mut_or_a_union_field_needs_no_unsafe(code):
    fn = code["us_addresses"]
    assert "let first: *mut i32 = core::ptr::addr_of_mut!(crate::shared::us_ring) as *mut i32;" in fn
    assert "let ni: *mut i32 = core::ptr::addr_of_mut!(n.i);" in fn


def test_an_argument_read_through_a_raw_pointer_is_read_before_a_reference_into_it_is_made(code):
    # `us_put(&c->w, k, c->w.pos)` with `c` raw: reading `(*c).w.pos` while the `&mut` to `(*c).w` is live
    # would invalidate that reference (Stacked Borrows); C leaves argument order open, so it is read first
    fn = blank(code["us_park"])
    call = fn[fn.index("crate::scope::us_put("):]
    assert "(*c).w.pos" not in call, fn
    read, made = fn.index("= unsafe { (*c).w.pos };"), fn.index("&mut *core::ptr::addr_of_mut!((*c).w)")
    assert read < made, fn
