"""The journal's log: a unit's save appends one line (journal.log) instead of rewriting the snapshot; loading
replays it; compaction writes the same snapshot a one-shot save gives; a run killed with SIGKILL resumes with
every unit it finished."""

from __future__ import annotations

import json
import re
import signal
import subprocess
from pathlib import Path

import pytest
from helpers.chain_run import chain_project, migrate_cmd, start_until_translated
from helpers.fake_openai import FakeOpenAI
from helpers.runs import translated

from llmigrate.journal import FunctionRecord, Journal, Status, UnitRecord, journal_path


def _journal(out: Path, n: int) -> Journal:
    j = Journal.create(out, "/src/lib", "builtin", None)
    for i in range(n):
        j.functions[f"f{i}"] = FunctionRecord(f"f{i}", "lib.c", f"f{i}", f"h{i}", "lib", c_source="int f();")
    j.save()
    return j


def _finish_unit(j: Journal, i: int) -> None:
    with j.lock:
        j.functions[f"f{i}"].update(status=Status.TRANSLATED, rust=f"pub fn f{i}() {{}}\n", backend="builtin")
        j.run.units[f"f{i}"] = UnitRecord([f"f{i}"], True, 1, 3, 2, "builtin")
        j.run.add_tokens(3, 2)
        j.save_records([f"f{i}"], [f"f{i}"])


def _without_time(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "updated"}


def test_a_unit_save_appends_a_line_and_loading_replays_it(tmp_path: Path) -> None:
    j = _journal(tmp_path, 50)
    snapshot = journal_path(tmp_path).read_bytes()
    for i in range(10):
        _finish_unit(j, i)
    assert journal_path(tmp_path).read_bytes() == snapshot  # untouched until compaction
    assert len(j.log_path.read_text().splitlines()) == 1 + 10  # the header naming the snapshot, one per unit
    again = Journal.load(tmp_path)
    assert again.run == j.run and again.run.tokens_in == 30


def test_compaction_writes_what_a_one_shot_save_writes(tmp_path: Path) -> None:
    j = _journal(tmp_path / "a", 300)
    j.compact_min = 0  # compact whenever the log is as large as the snapshot, not at 1 MiB
    lines = []
    for i in range(300):
        _finish_unit(j, i)
        lines.append(len(j.log_path.read_text().splitlines()))
    assert 1 in lines and max(lines) < 300  # it compacted on its way
    j.save()
    one_shot = _journal(tmp_path / "b", 0)
    one_shot.run = Journal.load(tmp_path / "a").run
    one_shot.save()
    compacted, whole = (json.loads(journal_path(tmp_path / d).read_text()) for d in "ab")
    assert _without_time(compacted) == _without_time(whole)
    assert len(j.log_path.read_text().splitlines()) == 1


def test_a_cut_line_and_a_stale_log_are_skipped(tmp_path: Path) -> None:
    j = _journal(tmp_path, 3)
    _finish_unit(j, 0)
    with j.log_path.open("a") as f:
        f.write('{"functions": {"f1": {"na')  # a kill in the middle of a write
    again = Journal.load(tmp_path)
    assert again.functions["f0"].status is Status.TRANSLATED
    assert again.functions["f1"].status is Status.PENDING
    stale = j.log_path.read_bytes()
    j.functions["f0"].update(status=Status.FAILED)
    j.save()
    j.log_path.write_bytes(stale)  # killed between the new snapshot and its log: the old log is stale
    assert Journal.load(tmp_path).functions["f0"].status is Status.FAILED


@pytest.mark.slow
def test_a_killed_run_resumes_with_every_finished_unit(tmp_path: Path) -> None:
    cb, src, script, env = chain_project(tmp_path, [4, 3, 2])
    out = tmp_path / "out"
    with FakeOpenAI(script) as fake:
        cmd = migrate_cmd(src, out, fake)
        proc = start_until_translated(cmd, env, out, count=3)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL
        finished = translated(out)  # snapshot + log, as --resume reads them
        assert len(finished) >= 3
        done = subprocess.run([*cmd, "--resume"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    reused = int(re.search(r"resume: (\d+) of \d+ units reused", done.stderr).group(1))
    assert reused >= len(finished)
    assert {fid for fid, r in Journal.load(out).functions.items() if r.status != Status.COMPILED} == set()
    assert j_lines(out) == 1  # the run's end compacted the log into journal.json


def j_lines(out: Path) -> int:
    return len((out / ".llmigrate" / "journal.log").read_text().splitlines())
