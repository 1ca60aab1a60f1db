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
BROKEN = "```rust\npub fn mid(lo: u32, hi: u32) -> u32 {\n    lo + mid__nowhere(hi)\n}\n```"  # E0425
RIGHT = ("```rust\npub fn mid(lo: u32, hi: u32) -> u32 {\n"
         "    lo.wrapping_add(hi.wrapping_sub(lo) / HALF)\n}\n```")


def migrate_mid(tmp_path, repair: str | list[str], *flags: str,
                first: str = WRONG) -> tuple[dict, FakeOpenAI]:
    """Migrate mid.c; the model translates it `first`, then answers the repairs with `repair` (in order, the
    last one repeating)."""
    src, out = tmp_path / "clib", tmp_path / "out"
    src.mkdir()
    (src / "mid.c").write_text(LIB_C)
    (src / "llmigrate.toml").write_text('[model]\nshared = "model"\n')  # the script's HALF is u32
    script = {"shared": [Reply(SHARED)], "unit:mid": [Reply(first)],
              "repair:mid": [Reply(r) for r in ([repair] if isinstance(repair, str) else repair)]}
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


def test_a_model_still_differing_after_its_differential_round_gives_way_to_the_builtins_translation(tmp_path):
    mid, fake = migrate_mid(tmp_path, WRONG)
    # one differential round for the model (the builtin's verified translation is at hand), then the builtin
    assert [r.body["temperature"] for r in fake.requests if r.key == "repair:mid"] == [0]
    assert (mid["backend"], mid["equivalence"], mid["status"]) == ("builtin", "equivalent", "verified")
    assert "still differing after 1 differential round" in mid["fallback_reason"]
    last = mid["rounds"][-1]
    assert (last["kind"], last["fixed_by"], last["outcome"]) == ("differential", "builtin", "fixed")


def test_repair_prompts_number_rounds_as_the_journal_does(tmp_path):
    """A compile round then a differential one: rounds 1 and 2 in the prompts, as journaled (the differential
    loop used to count from 1 again, so a resumed run or a later loop could ask a cached earlier question)."""
    mid, fake = migrate_mid(tmp_path, [WRONG, RIGHT], first=BROKEN)
    assert [(r["round"], r["kind"], r["fixed_by"]) for r in mid["rounds"]] == [
        (1, "compile", "backend"), (2, "differential", "backend")]
    prompts = [r.body["messages"][-1]["content"] for r in fake.requests if r.key == "repair:mid"]
    assert ["repair round 1" in prompts[0], "repair round 2" in prompts[1]] == [True, True]
    assert (mid["backend"], mid["status"]) == ("openai", "verified")
