"""End to end: proven slices and references through the builtin backend, C ABI entries and verification."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from helpers.paths import DATA
from helpers.runs import function_code

BORROWS = DATA / "signatures" / "borrows"


@pytest.mark.slow
def test_slices_and_out_params_are_safe_and_behave_like_gcc(tmp_path):
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    done = subprocess.run([sys.executable, "-m", "llmigrate", "migrate", str(BORROWS), "--out", str(out),
                           "--backend", "builtin"], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads((out / "report" / "report.json").read_text())
    # the C test (NULL with a zero count, negative counts, out-params) passes against gcc's C and the Rust
    assert report["totals"]["c_tests_passed"] == 1 and report["totals"]["c_tests_failed"] == 0
    by_name = {f["name"]: f for f in report["functions"]}
    assert all(f["status"] == "verified" and f["equivalence"] == "equivalent" for f in by_name.values())
    module = (out / "src" / "m_lib.rs").read_text()
    safe = {"sum": "pub fn sum(a: &[i32], n: i32) -> i32",
            "scale": "pub fn scale(a: &mut [i32], n: u32, k: i32)",
            "divide": "pub fn divide(a: u32, b: u32, q: &mut u32)",
            "add_to": "pub fn add_to(acc: &mut acc, v: i32)",
            "quotient": "pub fn quotient(a: u32, b: u32) -> u32"}  # passes `&mut q` of its local
    for name, decl in safe.items():
        code = function_code(module, name)
        assert code.startswith(decl) and "unsafe" not in code, code
        assert by_name[name]["unsafe_lines"] == 0
    # `v` may point into `acc` (an int member): add_all's C ABI entry checks that their bytes do not overlap
    # (else runs its C); total hands a raw pointer to a slice parameter: it stays unsafe, and is counted
    assert function_code(module, "add_all").startswith("pub fn add_all(acc: &mut acc, v: &[i32], n: i32)")
    assert by_name["add_all"]["unsafe_lines"] == 0 and by_name["total"]["unsafe_lines"] > 0
    # `divide(x, 2, &x)`: `&mut x` would be refused next to a read of `x`, so a raw pointer is reborrowed
    assert "unsafe" in function_code(module, "halve")
    ffi = (out / "src" / "ffi.rs").read_text()
    assert "pub unsafe extern \"C\" fn sum(a: *const i32, n: i32) -> i32" in ffi
    assert "from_raw_parts(a, n as usize)" in ffi and "&mut *q" in ffi


@pytest.mark.slow
def test_borrowed_signatures_kept_in_c_round_trip_through_the_c_abi(tmp_path):
    """Units kept in C convert the slices/references of their Rust signature back to C pointers."""
    script = tmp_path / "script.json"
    script.write_text(json.dumps({"units": {}, "repairs": {}}))  # no replies: every unit is kept in C
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env["LLMIGRATE_SCRIPT"] = str(script)
    done = subprocess.run([sys.executable, "-m", "llmigrate", "migrate", str(BORROWS), "--out", str(out),
                           "--backend", "scripted"], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 1, done.stdout + done.stderr  # kept in C counts as a failed migration
    data = json.loads((out / ".llmigrate" / "journal.json").read_text())
    assert {e["status"] for e in data["functions"].values()} == {"kept_in_c"}
    assert data["c_tests"] and all(t["rust"] == "passed" for t in data["c_tests"]), data["c_tests"]
    assert "pub fn sum(a: &[i32], n: i32) -> i32" in (out / "src" / "m_lib.rs").read_text()
