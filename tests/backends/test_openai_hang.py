"""`llmigrate migrate --backend openai` against the fake server when the model's Rust loops forever on one
function and differs on another (what a real 1.5B model did to gcd: issue 18's acceptance run): each falls
back to the builtin's verified translation after the model's one differential round, a caller of the hanging
function is neither blamed nor sent to repair, and the C test passes in the end."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from helpers.fake_openai import FakeOpenAI, Reply
from helpers.paths import DATA

pytestmark = pytest.mark.slow

# gcd without `b = t`: returns at once when b == 0, loops forever otherwise.
LOOPS = ("```rust\npub fn gcd(mut a: u32, b: u32) -> u32 {\n    while b != 0 {\n        let t = a % b;\n"
         "        a = b;\n        let _ = t;\n    }\n    a\n}\n```")
# The same code re-indented, as the real model answered its differential repair: not a new attempt.
LOOPS_AGAIN = LOOPS.replace("\n    while", "\n\n  while").replace("        a = b;", "      a = b; // swap")
LCM = ("```rust\npub fn lcm(a: u32, b: u32) -> u32 {\n    if a != 0 && b != 0 {\n"
       "        (a / crate::num::gcd(a, b)).wrapping_mul(b)\n    } else {\n        0\n    }\n}\n```")
SIGN = ("```rust\npub fn sign(x: i32) -> i32 {\n    if x > 0 {\n        1\n    } else {\n        0\n    }\n"
        "}\n```")
SIGN_AGAIN = SIGN.replace("0\n    }\n}", "-1\n    }\n}")  # sign(0) is -1 now: still differs


def test_a_hanging_and_a_differing_function_fall_back_to_the_builtin_and_their_callers_are_not_blamed(
        tmp_path):
    src, out = tmp_path / "num", tmp_path / "out"
    shutil.copytree(DATA / "backends" / "openai" / "num", src)
    script = {"unit:gcd": [Reply(LOOPS)], "repair:gcd": [Reply(LOOPS_AGAIN)], "unit:lcm": [Reply(LCM)],
              "unit:sign": [Reply(SIGN)], "repair:sign": [Reply(SIGN_AGAIN)]}
    with FakeOpenAI(script) as fake:
        env = {**os.environ, "OPENAI_API_KEY": "sk-hang-tests-0000"}
        cmd = [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out),
               "--backend", "openai", "--base-url", fake.base_url, "--jobs", "2"]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    journal = json.loads((out / ".llmigrate" / "journal.json").read_text())
    fns = journal["functions"]
    # the first verification: gcd and sign differ; lcm, which calls gcd, is not checked (not "differs")
    first = next(line for line in done.stderr.splitlines() if line.startswith("llmigrate: differential:"))
    assert "(0 equivalent, 2 differ;" in first and "1 not checked" in first, first
    # one differential round each for the model, then the builtin's translation, verified
    assert [fake.count("repair:gcd"), fake.count("repair:sign"), fake.count("repair:lcm")] == [1, 1, 0]
    for fid in ("gcd", "sign"):
        f = fns[fid]
        assert (f["backend"], f["status"], f["equivalence"]) == ("builtin", "verified", "equivalent"), fid
        assert "still differing after 1 differential round" in f["fallback_reason"]
        assert [(r["kind"], r["fixed_by"]) for r in f["rounds"]][-1] == ("differential", "builtin")
    # the re-indented reply is the code it was asked about: not installed, so not built and tested again
    (asked,) = [r for r in fns["gcd"]["rounds"] if r["fixed_by"] is None]
    assert "same code" in asked["note"] and "did not finish within" in asked["diagnostics"][0]
    assert (fns["lcm"]["backend"], fns["lcm"]["status"], fns["lcm"]["rounds"]) == ("openai", "verified", [])
    assert fns["lcm"]["untested_reason"] is None and fns["lcm"]["regressed_by"] == []
    (test,) = journal["c_tests"]
    assert (test["c"], test["rust"], test["regression"]) == ("passed", "passed", False)
