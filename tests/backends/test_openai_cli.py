"""`llmigrate migrate --backend openai` against the fake server: fatal errors exit 2, key never shown."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers.fake_openai import FakeOpenAI

pytest.importorskip("llmigrate.analyze.codebase", reason="the analyze stage has not landed")
pytest.importorskip("llmigrate.plan", reason="the plan stage has not landed")

WRONG_KEY = "sk-wrong-SECRET-9f8e7d6c5b4a"


def migrate(fake: FakeOpenAI, fixtures_dir, tmp_path, *flags: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "OPENAI_API_KEY": WRONG_KEY}
    env.pop("OPENAI_BASE_URL", None)
    cmd = [sys.executable, "-m", "llmigrate", "migrate", str(fixtures_dir / "kmath"), "--out",
           str(tmp_path / "out"), "--backend", "openai", "--base-url", fake.base_url, *flags]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)


def test_refused_key_exits_2_without_the_key(fixtures_dir, tmp_path):
    with FakeOpenAI(api_key="sk-the-right-one-1234") as fake:
        done = migrate(fake, fixtures_dir, tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "refused the API key" in output and "Traceback" not in output
    assert WRONG_KEY not in output and "SECRET" not in output
    assert fake.posts == 1
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert WRONG_KEY not in path.read_text(errors="replace"), path


def test_unknown_model_exits_2(fixtures_dir, tmp_path):
    with FakeOpenAI(api_key=WRONG_KEY) as fake:
        done = migrate(fake, fixtures_dir, tmp_path, "--model", "no-such-model")
    assert done.returncode == 2, done.stderr
    assert "model 'no-such-model' not found" in done.stderr and WRONG_KEY not in done.stdout + done.stderr
