"""Out-parameters the C ABI entry guards (issue 15), each migrated with a C test that calls its functions with
disjoint objects and with overlapping ones, and gets what gcc's build of the C gives:
- out-slots (signatures_outslots): a `T **` parameter only stored into conflicts with the others by its own
  pointer object alone, so the entry compares that object's bytes with theirs (rule disjoint-checked);
- rule copied-out (signatures_copyout): a scalar out-parameter the C writes only once it touches nothing but
  its locals becomes a reference to a copy the entry makes and writes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

SLOTS = DATA / "pipeline" / "outslots"
COPYOUT = DATA / "pipeline" / "copyout"
SHIM = DATA / "pipeline" / "copyout_shim" / "src"
LAST = DATA / "pipeline" / "copylast"


def _migrated(src: Path, out: Path, module: str, equivalent: str) -> tuple[str, str]:
    """(the module's Rust, ffi.rs with its whitespace folded) of a migration that verified every function,
    `equivalent` among those found equivalent to the C."""
    report = migrated_and_verified(src, out)
    assert {f["name"]: f["equivalence"] for f in report["functions"]}[equivalent] == "equivalent"
    return (out / "src" / f"{module}.rs").read_text(), " ".join((out / "src" / "ffi.rs").read_text().split())


@pytest.mark.slow
def test_a_slot_beside_references_is_compared_by_its_own_bytes(tmp_path: Path) -> None:
    text, ffi = _migrated(SLOTS, tmp_path / "out", "slots", "pad8")
    module = " ".join(text.split())
    # `out`, stored into on every call, is a reference to its pointer object (rule pointer-slot, slots.py)
    assert "pub unsafe fn pad8(r#in: &[u8], n: usize, out: &mut *mut u8, out_len: &mut usize)" in module
    assert "pub unsafe fn name_of(code: i32, tbl: &[u8], n: i32, name: *mut *const i8, hits: &mut i32)" in \
        module
    assert "pub unsafe fn grow(slot: *mut *mut i8, len: *mut usize)" in module  # it loads `*slot`
    # a caller of SRC passes a raw slot: its call goes through the entry, which compares the ranges
    assert "crate::ffi::pad8(" in function_code(text, "padded_sum")
    # one pointer object each side of the slot, no `1 *` (clippy); compared with the bytes of `in`, not with
    # `out_len`, which by C's types is no `unsigned char *` object
    assert "out as usize, core::mem::size_of::<*mut u8>(), r#in as usize" in ffi
    assert "out_len as usize, core::mem::size_of::<usize>(), out as usize" not in ffi
    assert "name as usize, core::mem::size_of::<*const i8>()" in ffi


@pytest.mark.slow
def test_an_out_parameter_written_last_is_a_copy_in_the_entry(tmp_path: Path) -> None:
    text, ffi = _migrated(COPYOUT, tmp_path / "out", "scan", "digits")
    module = " ".join(text.split())
    assert "pub unsafe fn digits(s: *const i8, res: Option<&mut i32>) -> i32" in module
    # two out-parameters (which may overlap each other), and one written before the reads: raw
    assert "pub unsafe fn field(s: *const i8, res: *mut i32, used: *mut u64) -> i32" in module
    assert "pub unsafe fn stamp(s: *const i8, out: *mut i32) -> i32" in module
    # a caller holding a raw string calls it through the entry, which makes the copy
    assert "crate::ffi::digits(" in function_code(text, "field")
    assert "let mut res__copy = if res.is_null() { None } else { Some(core::ptr::read(res.cast::<" \
        "core::mem::MaybeUninit<i32>>())) };" in ffi
    assert "core::ptr::write(res.cast::<core::mem::MaybeUninit<i32>>(), llmigrate_c);" in ffi
    assert "// SAFETY: res: rule copied-out:" in ffi


@pytest.mark.slow
def test_an_out_parameter_past_a_header_s_quiet_calls_is_a_copy_in_the_entry(tmp_path: Path) -> None:
    """A header's `__builtin_expect` macro and a `static inline` division write nothing: `res` is a copy the
    entry makes (the C test passes it inside the string too); a global-writing macro, a macro calling its
    argument and an inline writer keep it raw."""
    text, ffi = _migrated(SHIM, tmp_path / "out", "parse", "hex_value")
    module = " ".join(text.split())
    assert "pub unsafe fn hex_value(s: *const i8, res: Option<&mut i64>) -> i32" in module
    assert "pub unsafe fn scaled(s: *const i8, d: u32, res: Option<&mut u64>) -> i32" in module
    for name in ("noted", "zeroed", "applied"):
        assert f"pub unsafe fn {name}(s: *const i8, res: *mut i" in module, name
    assert "// SAFETY: res: rule copied-out:" in ffi


@pytest.mark.slow
def test_an_out_parameter_written_last_after_the_buffer_is_a_copy_in_the_entry(tmp_path: Path) -> None:
    """signatures_copylast: the length is never read and written last on every path that wrote the buffer
    (the C test puts it inside that buffer); one path returning after the buffer's writes keeps it raw."""
    text, ffi = _migrated(LAST, tmp_path / "out", "enc", "flip")
    module = " ".join(text.split())
    assert "pub unsafe fn flip(" in module and "out_len: Option<&mut u64>" in function_code(text, "flip")
    assert "pub unsafe fn flip_to_nul(src: *const u8, len: u64, out: *mut u8, out_len: *mut u64)" in module
    assert "// SAFETY: out_len: rule copied-out:" in ffi
