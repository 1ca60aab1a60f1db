"""Parameters that may share bytes with a global the call uses, as `disjoint-checked` references (issue 15):
the C ABI entry compares their bytes with the global's, and a C test calling each function with a distinct
object (the Rust runs) and with the global itself (the C original runs) gets what gcc's build gives; a
parameter a global's stored pointer may lead into stays raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

GLOBALS = DATA / "pipeline" / "disjoint_globals"


@pytest.mark.slow
def test_a_parameter_overlapping_a_global_runs_the_c_original(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = migrated_and_verified(GLOBALS, out)
    assert {f["name"] for f in report["functions"]} == {"scale", "rescale", "fill", "mix", "step"}
    module = (out / "src" / "tab.rs").read_text()
    # unsafe for the `static mut` globals they touch, but their parameters are references
    assert "pub unsafe fn scale(out: &mut [i32], k: i32)" in module
    assert "pub unsafe fn mix(dst: &mut [u8]) -> i32" in module
    # the global as the argument: the borrow checker cannot see it apart from the global, the entry can
    assert "crate::ffi::scale(" in function_code(module, "rescale")
    assert "pub unsafe fn step(out: *mut i32)" in module  # `cursor` may point into it: no range bounds that
    ffi = " ".join((out / "src" / "ffi.rs").read_text().split())
    assert "out as usize, 4 * core::mem::size_of::<i32>(), core::ptr::addr_of!(crate::shared::weights) as " \
        "usize, llmigrate_size_of(core::ptr::addr_of!(crate::shared::weights))" in ffi
    # a written view cannot lie in the const table `order` (its # Safety asks for writable memory): no check
    assert "addr_of!(crate::shared::scratch)" in ffi and "addr_of!(crate::shared::order)" not in ffi
    assert "__llmigrate_c_scale" in (out / "csrc" / "tab.c").read_text()
