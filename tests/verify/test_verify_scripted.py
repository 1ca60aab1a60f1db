"""End to end through `llmigrate migrate` with the scripted backend: a wrong function is caught by the
differential tests and repaired from its counterexample; a panicking one with no repair left is reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

LIB = """\
#include <stdint.h>
uint32_t mid(uint32_t lo, uint32_t hi)
{
	return lo + (hi - lo) / 2;
}

uint64_t scale(uint64_t x)
{
	return x * 3;
}
"""
TEST = """\
#include <stdint.h>
uint32_t mid(uint32_t lo, uint32_t hi);
int main(void) { return mid(0xfffffff0u, 0xfffffffeu) == 0xfffffff7u ? 0 : 1; }
"""


def _rust(body: str) -> str:
    return f"```rust\n{body}\n```"


def test_wrong_function_is_repaired_from_its_counterexample_and_a_panic_is_reported(tmp_path: Path):
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "tests").mkdir(parents=True)
    (src / "lib.c").write_text(LIB)
    (src / "tests" / "test_mid.c").write_text(TEST)
    script = {
        "units": {"mid": [_rust("pub fn mid(lo: u32, hi: u32) -> u32 {\n    lo.wrapping_add(hi) / 2\n}")],
                  "scale": [_rust("pub fn scale(x: u64) -> u64 {\n    x * 3\n}")]},
        "repairs": {"mid": [_rust("pub fn mid(lo: u32, hi: u32) -> u32 {\n"
                                  "    lo.wrapping_add(hi.wrapping_sub(lo) / 2)\n}")]},
    }
    (tmp_path / "script.json").write_text(json.dumps(script))
    env = dict(os.environ, LLMIGRATE_SCRIPT=str(tmp_path / "script.json"))
    proc = subprocess.run([sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out),
                           "--backend", "scripted", "--max-repairs", "1"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # scale still differs
    data = json.loads((out / ".llmigrate" / "journal.json").read_text())
    mid, scale = data["functions"]["mid"], data["functions"]["scale"]

    (rnd,) = [r for r in mid["rounds"] if r["kind"] == "differential"]
    (fb,) = rnd["diagnostics"]
    assert "mid(" in fb and "C returned" in fb and "Rust returned" in fb
    assert rnd["outcome"] == "fixed"
    assert (mid["equivalence"], mid["status"]) == ("equivalent", "verified")
    assert data["c_tests"] == [{"name": "tests/test_mid.c", "c": "passed", "rust": "passed", "output": "",
                                "regression": False, "passed": True, "executed": ["mid"],
                                "executed_unknown": None}]

    assert scale["equivalence"] == "differs" and scale["status"] == "compiled"
    assert "Rust panicked (attempt to multiply with overflow" in scale["counterexample"]
    x = int(scale["counterexample"].split("(", 1)[1].split(")", 1)[0], 0)
    assert x * 3 >= 2**64
