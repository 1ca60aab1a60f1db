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
from fake_openai import FakeOpenAI, Reply, good_reply_for, synthetic
from test_translate_resume import translated  # statuses "translated" in OUT's journal

WIDTHS = [3, 2, 1]


@pytest.mark.slow
def test_killed_migrate_resumes_without_redoing_units(tmp_path):
    cb, _ = synthetic(WIDTHS)
    src = tmp_path / "chainlib"
    src.mkdir()
    (src / "chain.c").write_text("\n".join(f.source for f in cb.functions.values()))  # as c_source() wrote it
    script = {f"unit:{f}": [Reply(good_reply_for(cb, f), delay=0.4)] for f in cb.functions}
    script["shared"] = [Reply("```rust\n// no shared items\n```")]
    out = tmp_path / "out"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")},
           "OPENAI_API_KEY": "sk-test-migrate-resume"}
    with FakeOpenAI(script) as fake:
        cmd = [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out), "--base-url",
               fake.base_url, "--jobs", "1", "--no-cache", "--no-verify"]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while len(translated(out)) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
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
