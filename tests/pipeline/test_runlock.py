"""OUT/.llmigrate/run.lock: a second run into the same OUT exits 2 naming the first; a killed run's lock is
taken over."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llmigrate import runlock
from llmigrate.cli import app

HOLDER = """
import sys, time
from pathlib import Path
from llmigrate.runlock import hold
with hold(Path(sys.argv[1]), "llmigrate migrate src --out out"):
    print("held", flush=True)
    time.sleep(120)
"""


def start_holder(out: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(out)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline() == "held\n"
    return proc


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen]]:
    """An OUT that passes each command's own checks, locked by a live run in another process."""
    out = tmp_path / "out"
    (out / ".llmigrate").mkdir(parents=True)
    (out / ".llmigrate" / "journal.json").write_text("{}")
    (out / "llmigrate.lock").write_text('{"version": 1, "functions": {}}')
    proc = start_holder(out)
    yield out, proc
    proc.kill()
    proc.wait()


def write_src(root: Path) -> Path:
    src = root / "src"
    src.mkdir()
    (src / "add.c").write_text("int add(int a, int b)\n{\n\treturn a + b;\n}\n")
    return src


@pytest.mark.parametrize("command", [["migrate", "{src}", "--out", "{out}"], ["verify", "{out}"],
                                     ["check", "{src}", "{out}", "--fix"]])
def test_second_run_exits_2_naming_the_first(tmp_path: Path, holder: tuple[Path, subprocess.Popen],
                                             command: list[str]) -> None:
    out, proc = holder
    src = write_src(tmp_path)
    res = CliRunner().invoke(app, [a.format(src=src, out=out) for a in command])
    assert res.exit_code == 2, res.output
    assert f"{out} is in use by another llmigrate run (pid {proc.pid}, `llmigrate migrate src --out out`, " \
           "started 20" in res.output
    assert json.loads(runlock.lock_path(out).read_text())["pid"] == proc.pid, "the holder keeps its lock"


def test_a_killed_runs_lock_is_taken_over(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    proc = start_holder(out)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert runlock.lock_path(out).is_file(), "a killed run leaves its lock file behind"
    with runlock.hold(out, "llmigrate verify out"):
        assert json.loads(runlock.lock_path(out).read_text())["pid"] == os.getpid()
        with runlock.hold(out, "llmigrate migrate src --out out"):  # check --fix runs migrate inside
            pass
        assert runlock.lock_path(out).is_file()
    assert f"taking over the run lock of a run that is gone (pid {proc.pid}," in capsys.readouterr().err
    assert not runlock.lock_path(out).exists()


def test_a_run_that_wrote_nothing_leaves_no_directories(tmp_path: Path) -> None:
    with runlock.hold(tmp_path / "new" / "out", "llmigrate migrate src --out new/out"):
        assert runlock.lock_path(tmp_path / "new" / "out").is_file()
    assert not (tmp_path / "new").exists()


@pytest.mark.slow
def test_migrate_takes_over_a_killed_runs_lock(tmp_path: Path) -> None:
    src, out = write_src(tmp_path), tmp_path / "out"
    proc = start_holder(out)  # killed before it wrote a journal: OUT holds only .llmigrate/run.lock
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    res = CliRunner().invoke(app, ["migrate", str(src), "--out", str(out), "--backend", "builtin",
                                   "--no-verify"])
    assert res.exit_code == 0, res.output
    assert f"taking over the run lock of a run that is gone (pid {proc.pid}" in res.output
    assert not runlock.lock_path(out).exists() and (out / "llmigrate.lock").is_file()
