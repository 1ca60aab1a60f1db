"""A synthetic C library translated by the fake model, slowly enough that a test can stop the run midway."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers.fake_openai import FakeOpenAI, Reply, good_reply_for, synthetic
from helpers.runs import translated
from llmigrate.core import Codebase


def chain_project(tmp_path: Path, widths: list[int]) -> tuple[Codebase, Path, dict, dict[str, str]]:
    """(codebase, SRC, the fake model's script, the environment for `migrate`) of a chain of levels."""
    cb, _ = synthetic(widths)
    src = tmp_path / "chainlib"
    src.mkdir()
    (src / "chain.c").write_text("\n".join(f.source for f in cb.functions.values()))  # as c_source() wrote it
    script = {f"unit:{f}": [Reply(good_reply_for(cb, f), delay=0.4)] for f in cb.functions}
    script["shared"] = [Reply("```rust\n// no shared items\n```")]
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")},
           "OPENAI_API_KEY": "sk-test-migrate-resume"}
    return cb, src, script, env


def migrate_cmd(src: Path, out: Path, fake: FakeOpenAI) -> list[str]:
    """`migrate` through the model, one unit at a time, without verification."""
    return [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out), "--base-url",
            fake.base_url, "--jobs", "1", "--no-cache", "--no-verify"]


def start_until_translated(cmd: list[str], env: dict[str, str], out: Path,
                           count: int = 2) -> subprocess.Popen:
    """Start `cmd` and return once `count` functions are translated in OUT's journal (or it ended)."""
    # Ctrl-C's default action in the child, as in a terminal: a suite started in the background (`cmd &` in a
    # script) ignores SIGINT, and its children would inherit that.
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while len(translated(out)) < count and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    return proc
