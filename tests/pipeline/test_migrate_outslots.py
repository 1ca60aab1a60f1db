"""Out-slots (signatures_outslots): a `T **` parameter only stored into conflicts with the others by its own
pointer object alone, so the C ABI entry compares that object's bytes with theirs and the others become
`disjoint-checked` references; a C test calls each function with disjoint objects (the Rust runs) and with
overlapping ones (the entry runs the C original), and gets what gcc's build of the C gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

SLOTS = DATA / "pipeline" / "outslots"


@pytest.mark.slow
def test_a_slot_beside_references_is_compared_by_its_own_bytes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = migrated_and_verified(SLOTS, out)
    assert {f["name"]: f["equivalence"] for f in report["functions"]}["pad8"] == "equivalent"
    text = (out / "src" / "slots.rs").read_text()
    module = " ".join(text.split())
    assert "pub unsafe fn pad8(r#in: &[u8], n: usize, out: *mut *mut u8, out_len: &mut usize)" in module
    assert "pub unsafe fn name_of(code: i32, tbl: &[u8], n: i32, name: *mut *const i8, hits: &mut i32)" in \
        module
    assert "pub unsafe fn grow(slot: *mut *mut i8, len: *mut usize)" in module  # it loads `*slot`
    # a caller of SRC passes a raw slot: its call goes through the entry, which compares the ranges
    assert "crate::ffi::pad8(" in function_code(text, "padded_sum")
    ffi = " ".join((out / "src" / "ffi.rs").read_text().split())
    # one pointer object each side of the slot, no `1 *` (clippy)
    assert "out as usize, core::mem::size_of::<*mut u8>(), out_len as usize" in ffi
    assert "name as usize, core::mem::size_of::<*const i8>()" in ffi
