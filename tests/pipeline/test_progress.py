"""Progress on stderr: plain lines through a pipe, a bar redrawn in place on a terminal (a real pty)."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys

import pytest
from helpers.paths import ROOT
from helpers.scripted_lib import GOOD_OFFSET, GOOD_SCALE, scripted

from llmigrate import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_without_a_terminal_every_update_is_a_line(monkeypatch):
    stream = io.StringIO()
    with progress.Bar("translate", 3, stream) as bar:
        bar.update(1, 0, "a")
        progress.say("shared: note", stream)
        bar.update(2, 1, "b: failed")
        bar.update(3, 1, line="translate: custom")
    assert stream.getvalue().splitlines() == [
        "llmigrate: translate: 1/3 units done, 0 failed (a)", "llmigrate: shared: note",
        "llmigrate: translate: 2/3 units done, 1 failed (b: failed)", "llmigrate: translate: custom"]


def test_on_a_terminal_the_bar_is_redrawn_and_messages_go_above_it(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    stream = Terminal()
    with progress.Bar("repair", 4, stream) as bar:
        bar.update(1, 0, "round 1")
        progress.say("repair: f: kept in C", stream)
        bar.update(3, 1, "round 2")
    out = stream.getvalue()
    assert "\n" not in out.split("llmigrate: repair: f: kept in C\n")[0]  # the bar line was overwritten
    assert out.endswith("llmigrate: repair [##################------] 3/4 units, 1 failed  round 2\n")
    assert out.count("\n") == 2  # the message and the bar's final line
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.interactive(Terminal())


@pytest.mark.slow
def test_migrate_draws_bars_on_a_terminal(tmp_path):
    src, env = scripted(tmp_path, {"scale": [GOOD_SCALE], "offset": [GOOD_OFFSET]}, {})
    master, slave = pty.openpty()
    cmd = [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(tmp_path / "out"),
           "--backend", "scripted", "--no-verify"]
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}, **env, "TERM": "xterm"}
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        try:
            chunk = os.read(master, 4096) if ready else b""
        except OSError:  # the other side closed (Linux reports EIO)
            chunk = b""
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.wait(timeout=120) == 0
    text = seen.decode()
    assert "llmigrate: translate [########################] 2/2 units, 0 failed" in text
    assert "llmigrate: repair [########################] 2/2 units, 0 failed  round 1" in text
    assert "\r\x1b[K" in text and "units done" not in text  # redrawn, not printed line by line
