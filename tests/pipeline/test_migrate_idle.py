"""A partner only stepped or compared (untouched.unnamed) is never followed: the struct beside it is a
reference with no run-time check, and the C test passing the struct's own member as that pointer gets what
gcc's build of the C gives; a partner followed through keeps the check (rule disjoint-checked)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

IDLE = DATA / "pipeline" / "idle_partner"


@pytest.mark.slow
def test_a_struct_beside_a_pointer_never_followed_needs_no_check(tmp_path: Path) -> None:
    report = migrated_and_verified(IDLE, tmp_path / "out")
    assert {f["name"]: f["equivalence"] for f in report["functions"]}["diagonal_max"] == "equivalent"
    text = (tmp_path / "out" / "src" / "grid.rs").read_text()
    ffi = " ".join((tmp_path / "out" / "src" / "ffi.rs").read_text().split())
    diagonal = function_code(text, "diagonal_max")
    assert "pub unsafe fn diagonal_max(g: &mut grid, moves: *mut i32) -> f64" in diagonal
    entry = ffi.split("fn diagonal_max(")[1].split("fn counted_max(")[0]
    assert "llmigrate_overlap" not in entry and "// SAFETY: g: rule deref-on-every-call:" in entry
    assert "llmigrate_overlap( g as usize" in ffi.split("fn counted_max(")[1]
    assert "pub fn counted_max(g: &mut grid, moves: Option<&mut i32>)" in function_code(text, "counted_max")
