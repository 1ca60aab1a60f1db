"""`llmigrate migrate --backend openai` against the fake server: a function the differential tests show wrong
goes back to the model, and the repair prompt the server receives carries the counterexample."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from helpers.fake_openai import FakeOpenAI, Reply

pytestmark = pytest.mark.slow

LIB_C = """\
#include <stdint.h>

#define HALF 2

uint32_t mid(uint32_t lo, uint32_t hi)
{
\treturn lo + (hi - lo) / HALF;
}
"""
SHARED = "```rust\npub const HALF: u32 = 2;\n```\n"
WRONG = "```rust\npub fn mid(lo: u32, hi: u32) -> u32 {\n    lo.wrapping_add(hi) / HALF\n}\n```"  # overflows
RIGHT = ("```rust\npub fn mid(lo: u32, hi: u32) -> u32 {\n"
         "    lo.wrapping_add(hi.wrapping_sub(lo) / HALF)\n}\n```")


def migrate_mid(tmp_path, repair: str, *flags: str) -> tuple[dict, FakeOpenAI]:
    """Migrate mid.c; the model translates it WRONG, then answers each repair with `repair`."""
    src, out = tmp_path / "clib", tmp_path / "out"
    src.mkdir()
    (src / "mid.c").write_text(LIB_C)
    (src / "llmigrate.toml").write_text('[model]\nshared = "model"\n')  # the script's HALF is u32
    script = {"shared": [Reply(SHARED)], "unit:mid": [Reply(WRONG)], "repair:mid": [Reply(repair)]}
    with FakeOpenAI(script) as fake:
        env = {**os.environ, "OPENAI_API_KEY": "sk-difftest-repair-0000"}
        cmd = [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out),
               "--backend", "openai", "--base-url", fake.base_url, *flags]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return json.loads((out / ".llmigrate" / "journal.json").read_text())["functions"]["mid"], fake


def test_differential_counterexample_reaches_the_models_repair_prompt(tmp_path):
    mid, fake = migrate_mid(tmp_path, RIGHT, "--max-repairs", "2")
    out = tmp_path / "out"
    (rnd,) = [r for r in mid["rounds"] if r["kind"] == "differential"]
    assert rnd["outcome"] == "fixed" and (mid["equivalence"], mid["status"]) == ("equivalent", "verified")

    (repair,) = [r for r in fake.requests if r.key == "repair:mid"]
    prompt = repair.body["messages"][-1]["content"]
    (counterexample,) = rnd["diagnostics"]
    # the exact feedback journaled for the round, with the input and both answers, is in what the model read
    assert "differential test" in counterexample and "C returned" in counterexample
    assert counterexample.strip() in prompt
    assert "lo.wrapping_add(hi) / HALF" in prompt  # the current (wrong) Rust it is asked to fix
    assert "lo.wrapping_add(hi.wrapping_sub(lo) / HALF)" in (out / "src" / "mid.rs").read_text()


def test_a_model_repeating_a_differing_repair_gives_way_to_the_builtins_translation(tmp_path):
    mid, fake = migrate_mid(tmp_path, WRONG)
    # the same difference after the model's answer: one hotter retry, then the builtin's translation
    assert [r.body["temperature"] for r in fake.requests if r.key == "repair:mid"] == [0, 0.7]
    assert (mid["backend"], mid["equivalence"], mid["status"]) == ("builtin", "equivalent", "verified")
    assert "repeated itself" in mid["fallback_reason"]
    last = mid["rounds"][-1]
    assert (last["kind"], last["fixed_by"], last["outcome"]) == ("differential", "builtin", "fixed")
