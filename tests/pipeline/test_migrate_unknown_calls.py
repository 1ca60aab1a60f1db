"""Reference parameters and calls of code the inference cannot see (issue 15, signatures/reach.py): a C test
whose callbacks write the object a function was given through a global pointer to it (a callback passed
in, one read from a struct, from a global, or reached through a function of SRC) gets what gcc's build
gives, as the parameters stay raw; a function calling only the C library keeps its reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import migrated_and_verified


@pytest.mark.slow
def test_callbacks_writing_a_parameter_s_object_see_the_c_s_results(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = migrated_and_verified(DATA / "pipeline" / "unknown_calls", out)
    assert all(f["equivalence"] != "differs" for f in report["functions"])
    module = (out / "src" / "calls.rs").read_text()
    for signature in ("through_param(r: *mut m, c: ", "through_member(p: *mut i32, o: *const ops)",
                      "through_global(p: *const i32)", "through_callee(p: *mut i32)"):
        assert f"pub unsafe fn {signature}" in module, signature
    assert "pub fn plain(p: &mut i32) -> i32" in module
