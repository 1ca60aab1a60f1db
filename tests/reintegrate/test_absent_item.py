"""A function neither translated nor kept in C: its stub stops the program, and rustc warns about nothing in
it nor clippy (its parameters are named once; an unused one would be a warning in every such crate; an
unsafe one documents its `# Safety`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from llmigrate.core import RustParam, RustSignature
from llmigrate.reintegrate.crate import absent_item


@pytest.mark.slow
def test_the_stub_of_a_function_not_migrated_compiles_without_warnings(tmp_path: Path) -> None:
    params = [RustParam("a", "int", "i32", "i32"), RustParam("b", "int *", "*mut i32", "*mut i32")]
    two = absent_item(RustSignature("f", "f", "m", "f", params, "i32", "i32", True, True), "x.c:3: why")
    one = absent_item(RustSignature("g", "g", "m", "g", params[:1], "()", "()", False, True), "x.c:9: why")
    assert "    let _ = (a, b);\n    panic!(\"llmigrate: f was not migrated: x.c:3: why\")" in two
    assert "    let _ = a;\n" in one
    assert two.startswith("/// # Safety\n") and "\npub unsafe fn f(" in two and "///" not in one
    (tmp_path / "lib.rs").write_text(two + one)
    compiler = shutil.which("clippy-driver") or "rustc"  # clippy's lints where it is installed
    done = subprocess.run([compiler, "--edition", "2021", "--crate-type", "lib", "-D", "warnings", "lib.rs"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
