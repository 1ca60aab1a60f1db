"""What a real model sends, replayed in seconds: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M, on llama.cpp's server)
migrating gcd.c and rational.c of fixtures/kmath, its replies recorded by `bench/bench_local_model.py
--record` and served in the order they came by the fake server, to `llmigrate migrate` as a subprocess.
The assertions are the outcomes of the real run (issue 18 items 3, 4 and 9), up to where it was stopped."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from bench_local_model import repeated_rounds, scratch_src
from helpers.fake_openai import FakeOpenAI, Reply, recorded
from helpers.paths import DATA

pytestmark = pytest.mark.slow

RECORDED = DATA / "backends" / "recorded" / "qwen1.5b-kmath" / "replies.json"
MODEL = "qwen2.5-coder-1.5b"
# gcd: accepted, compiled after a model round and two of rustc's, but its do/while lost its condition (never
# returns): still differing after its one differential round, so the builtin's gcd.
# rational_best_approximation: brace-less ifs, sent back with the same parse errors when re-asked, so not
# asked a third time: the builtin's (the replies also keep raw out-parameters, which are references now).
# lcm, lcm_checked: accepted, but `(a / g) * b` panics on overflow where
# C wraps; the model sent lcm's repair back unchanged (and a request the real run never made gets HTTP 500
# here): the builtin's.
EXPECTED = {"gcd": ("verified", "builtin"), "lcm": ("verified", "builtin"),
            "lcm_checked": ("verified", "builtin"), "rational_best_approximation": ("verified", "builtin")}


def replay(tmp_path) -> tuple[subprocess.CompletedProcess, dict, FakeOpenAI]:
    src, out = scratch_src(tmp_path, context=8192, timeout=60), tmp_path / "out"
    unrecorded = Reply(status=500, error="not recorded: the real run made no such request")
    with FakeOpenAI(recorded(RECORDED), default=lambda key, body: unrecorded, models=(MODEL,)) as fake:
        env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
        cmd = [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out),
               "--backend", "openai", "--base-url", fake.base_url, "--model", MODEL]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    return done, json.loads((out / ".llmigrate" / "journal.json").read_text()), fake


def test_the_real_models_replies_give_the_real_runs_outcomes(tmp_path):
    done, journal, fake = replay(tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    functions = journal["functions"]
    outcome = {fid: (f["status"], f["backend"]) for fid, f in functions.items()}
    assert outcome == EXPECTED
    assert journal["build"]["ok"] and [(t["name"], t["passed"]) for t in journal["c_tests"]] == [
        ("tests/test_gcd.c", True)]
    # recorded when its out-parameters were raw: its replies now miss the required signature (`Option<&mut
    # u32>`, disjoint-checked) before their parse errors count
    rational = functions["rational_best_approximation"]["fallback_reason"]
    assert "different signature than required" in rational
    assert "not asked again" in functions["rational_best_approximation"]["fallback_reason"]
    assert fake.count("unit:rational_best_approximation") == 2
    assert "still differing after 1 differential round" in functions["gcd"]["fallback_reason"]
    # the model had one differential round per function; a function on the builtin's Rust had none
    for f in functions.values():
        model_rounds = [r for r in f["rounds"] if r["kind"] == "differential" and r["fixed_by"] != "builtin"]
        assert len(model_rounds) <= 1
    # no repair round is given code an earlier round of its function already had
    assert all(repeated_rounds(f["rounds"]) == 0 for f in functions.values())
