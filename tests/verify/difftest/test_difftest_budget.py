"""How many inputs a function is judged on must not depend on the machine's load: a harness run that spends
its time budget (SIDE_BUDGET, made tiny here) is continued where it stopped, while a run the failure limits
(counts) stop is not. A hand-written C library and crate; real gcc, cargo and child processes."""

from __future__ import annotations

import pytest
from helpers.paths import data_text

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.journal import FunctionRecord, Journal, Status
from llmigrate.verify.difftest import run
from llmigrate.verify.difftest.build import build_harness
from llmigrate.verify.difftest.driver import evaluate
from llmigrate.verify.difftest.types import plan_function

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("budget")
    src, out = root / "src", root / "out"
    src.mkdir()
    for name in ("budget.h", "budget.c"):
        (src / name).write_text(data_text(f"verify/difftest/budget/{name}"))
    (out / "src").mkdir(parents=True)
    (out / "Cargo.toml").write_text('[package]\nname = "budget-rs"\nversion = "0.1.0"\nedition = "2021"\n\n'
                                    '[lib]\ncrate-type = ["rlib", "staticlib"]\n')
    (out / "src" / "lib.rs").write_text(data_text("verify/difftest/budget/lib.rs"))
    cb = analyze_dir(src, load_config(src))
    journal = Journal.create(out, str(src.resolve()), "handwritten", None)
    for fid, fn in cb.functions.items():
        journal.functions[fid] = FunctionRecord(fn.name, fn.file, fid, fn.hash, "budget",
                                                status=Status.COMPILED)
    journal.save()
    plans = {fid: plan_function(cb.functions[fid], cb) for fid in ("nap", "boom")}
    return plans, build_harness(src, out, cb, plans)


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A one-second budget; the input each supervisor run started at."""
    starts: list[int] = []
    supervise = run._supervise

    def counted(*args):
        starts.append(args[7])
        return supervise(*args)

    monkeypatch.setattr(run, "SIDE_BUDGET", 1.0)
    monkeypatch.setattr(run, "_supervise", counted)
    return starts


def test_a_side_stopped_by_the_time_budget_continues_where_it_stopped(project, runs):
    plans, h = project
    # 40 inputs of 0.1 s each outlast the budget (its deadline is at most 3 s away): every side stops on it
    # at least once, and every input is still judged.
    verdicts = evaluate(h, plans["nap"], [(i,) for i in range(40)], tag="budget")
    assert [v.kind for v in verdicts] == ["same"] * 40
    assert any(start > 0 for start in runs)


def test_a_side_stopped_by_the_crash_limit_is_not_continued(project, runs, monkeypatch):
    monkeypatch.setattr(run, "MAX_C_CRASHES", 3)
    plans, h = project
    verdicts = evaluate(h, plans["boom"], [(7,), (1,), (2,), (3,), (7,), (4,)], tag="caps")
    assert [v.kind for v in verdicts] == ["same", "c_failed", "c_failed", "c_failed", "not_run", "not_run"]
    assert "limits reached" in verdicts[4].text
    assert all(start == 0 for start in runs)


def test_inputs_the_wall_limit_left_unrun_say_so(project, runs, monkeypatch):
    # The safety net, not the clock-free bound, ended the side: its verdicts and the function's reason say so.
    monkeypatch.setattr(run, "WALL_LIMIT", 0.0)
    plans, h = project
    verdicts = evaluate(h, plans["nap"], [(i,) for i in range(40)], tag="wall")
    unrun = [v.text for v in verdicts if v.kind == "not_run"]
    assert unrun and all(run.WALL_LIMITED in t for t in unrun)
    assert run.wall_limited(unrun) == f"{len(unrun)} input(s) were not run: {run.WALL_LIMITED}"
