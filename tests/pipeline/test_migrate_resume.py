"""`migrate` killed mid-way (SIGKILL, through the CLI) resumes with --resume and does not redo finished units.

The model is the fake OpenAI server (a real HTTP server at the network edge) answering slowly, so the kill
lands while units are still being translated; the server counts how often each unit was asked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from helpers.chain_run import chain_project, migrate_cmd, start_until_translated
from helpers.fake_openai import FakeOpenAI, Reply
from helpers.runs import translated
from helpers.scripted_lib import GOOD_OFFSET, GOOD_SCALE, LIB_C

WIDTHS = [3, 2, 1]


@pytest.mark.slow
def test_killed_migrate_resumes_without_redoing_units(tmp_path):
    cb, src, script, env = chain_project(tmp_path, WIDTHS)
    out = tmp_path / "out"
    with FakeOpenAI(script) as fake:
        cmd = migrate_cmd(src, out, fake)
        proc = start_until_translated(cmd, env, out)
        proc.kill()
        proc.wait(timeout=10)
        finished = translated(out)
        assert 2 <= len(finished) < len(cb.functions)
        done = subprocess.run([*cmd, "--resume"], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        for fid in finished:
            assert fake.count(f"unit:{fid}") == 1, fid
        for fid in set(cb.functions) - finished:
            assert fake.count(f"unit:{fid}") >= 1, fid
    data = json.loads((out / ".llmigrate" / "journal.json").read_text())
    assert {e["status"] for e in data["functions"].values()} == {"compiled"}


@pytest.mark.slow
def test_migrate_killed_during_repair_resumes_from_the_journal(tmp_path):
    src = tmp_path / "clib"
    src.mkdir()
    (src / "calc.c").write_text(LIB_C)
    bad_scale = GOOD_SCALE.replace("wrapping_mul(k)", "wrapping_mul(factor)")
    bad_offset = [GOOD_OFFSET.replace("wrapping_add(7)", f"wrapping_add(seven{i})") for i in range(2)]
    script = {"shared": [Reply("```rust\n// no shared items\n```")],
              "unit:scale": [Reply(bad_scale)], "unit:offset": [Reply(bad_offset[0])],
              "repair:scale": [Reply(GOOD_SCALE)],
              # the second repair of `offset` is in flight when the run is killed; the resumed run asks again
              "repair:offset": [Reply(bad_offset[1]), Reply(GOOD_OFFSET, delay=20), Reply(GOOD_OFFSET)]}
    out = tmp_path / "out"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")},
           "OPENAI_API_KEY": "sk-test-migrate-resume"}
    with FakeOpenAI(script) as fake:
        cmd = [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out), "--base-url",
               fake.base_url, "--jobs", "1", "--no-cache", "--no-verify"]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while fake.count("repair:offset") < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before the repair stage could be interrupted"
        proc.kill()
        proc.wait(timeout=10)
        before = json.loads((out / ".llmigrate" / "journal.json").read_text())["functions"]
        assert [r["outcome"] for r in before["scale"]["rounds"]] == ["fixed"]
        assert [r["outcome"] for r in before["offset"]["rounds"]] == ["still_failing"]
        done = subprocess.run([*cmd, "--resume"], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        assert fake.count("unit:scale") == fake.count("unit:offset") == 1  # translations not redone
        assert fake.count("repair:scale") == 1  # the repaired unit stays repaired
        assert fake.count("repair:offset") == 3
    data = json.loads((out / ".llmigrate" / "journal.json").read_text())["functions"]
    assert {e["status"] for e in data.values()} == {"compiled"}
    assert [(r["fixed_by"], r["outcome"]) for r in data["offset"]["rounds"]] == [
        ("backend", "still_failing"), ("backend", "fixed")]
    assert "wrapping_add(7)" in (out / "src" / "calc.rs").read_text()
