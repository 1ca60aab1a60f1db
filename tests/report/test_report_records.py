"""The report renders from the run's records alone: after a real migrate, SRC can go and the C still shows;
report.json's per-function backend, evidence and reason come from the same records."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers.paths import DATA
from typer.testing import CliRunner

from llmigrate.cli import app
from llmigrate.journal import Evidence, FunctionRecord, Journal, Status, VerifyRecord
from llmigrate.report.render import evidence, reason, write_reports


def write_src(root: Path) -> Path:
    """A copy of tests/data/report/calc/: add, twice (tested by tests/test_calc.c) and halve (long double)."""
    return Path(shutil.copytree(DATA / "report" / "calc", root / "calc"))


@pytest.mark.slow
def test_report_renders_with_the_c_after_src_is_deleted(tmp_path: Path) -> None:
    src, out = write_src(tmp_path), tmp_path / "out"
    res = CliRunner().invoke(app, ["migrate", str(src), "--out", str(out), "--backend", "builtin"])
    assert res.exit_code == 1, res.output  # halve stays C: a long double has no Rust equivalent
    shutil.rmtree(src)
    report = write_reports(out)
    html = (out / "report" / "index.html").read_text()
    assert '<span class="k">return</span> add(a, a);' in html  # the C of twice, as migrated
    assert "calc.c:8" in html and 'href="#fn-add"' in html and 'href="#fn-twice"' in html
    assert "C sources not found" in html
    fns = {f["name"]: f for f in report["functions"]}
    assert fns["twice"]["status"] == "verified" and fns["twice"]["backend"] == "builtin"
    assert fns["twice"]["evidence"]["c_tests"] == ["tests/test_calc.c"]
    assert fns["twice"]["evidence"]["inputs_compared"] >= 100 and fns["twice"]["reason"] is None
    assert fns["twice"]["evidence"]["verified_by"] == ["c_tests", "differential"]
    halve = fns["halve"]
    assert halve["status"] == "kept_in_c" and halve["backend"] is None and halve["evidence"] is None
    assert halve["reason"].startswith("kept in C: not translated (calc.c:13: signature: long double")
    assert json.loads((out / "report" / "report.json").read_text()) == report


def _record(**values) -> FunctionRecord:
    rec = FunctionRecord("f", "f.c", "f", "h", "f", backend="openai")
    rec.update(**values)
    return rec


def test_reason_says_why_a_function_is_not_verified() -> None:
    compiled = Status.COMPILED
    assert reason(_record(status=compiled, equivalence="differs", counterexample="f(0) = 1, C: 0"), None) \
        == "the Rust differs from the C: f(0) = 1, C: 0"
    assert reason(_record(status=compiled, equivalence="equivalent", regressed_by=["tests/t.c"]), None) \
        == "C tests that executed it pass against the C but not the Rust: tests/t.c"
    assert reason(_record(status=compiled, equivalence="equivalent", evidence=Evidence([], 40)), None) == \
        "equivalent on only 40 differential input(s) and no passing C test executed it: not enough to verify"
    assert reason(_record(status=compiled, equivalence="untested", untested_reason="variadic"), None) \
        == "differential tests did not run it: variadic"
    assert reason(_record(status=compiled), None) == "verify has not run"
    assert reason(_record(status=compiled), VerifyRecord(error="OSError: disk full")) \
        == "verification failed: OSError: disk full"
    assert reason(_record(status=Status.VERIFIED, equivalence="equivalent"), None) is None
    assert reason(_record(status=Status.FAILED, reasons=["f.c:1: attempt 1: lazy", "cannot be kept in C"]),
                  None) == "cannot be kept in C"
    assert reason(_record(status=Status.TRANSLATED), None).startswith("unfinished")


def test_evidence_only_for_verified_functions() -> None:
    assert evidence(_record(status=Status.COMPILED, equivalence="equivalent", evidence=Evidence([], 9))) \
        is None
    by_test = Evidence(["tests/t.c"], verified_by=["c_tests"])
    assert evidence(_record(status=Status.VERIFIED, equivalence="untested", evidence=by_test)) == {
        "c_tests": ["tests/t.c"], "inputs_compared": 0, "whole_input_space": False,
        "verified_by": ["c_tests"]}
    by_inputs = Evidence([], 2, whole_input_space=True, verified_by=["differential"])
    assert evidence(_record(status=Status.VERIFIED, equivalence="equivalent", evidence=by_inputs)) == {
        "c_tests": [], "inputs_compared": 2, "whole_input_space": True, "verified_by": ["differential"]}


def test_a_journal_without_verification_reports_why(tmp_path: Path) -> None:
    j = Journal.create(tmp_path, str(tmp_path / "gone"), "openai", "gpt-4o")
    j.functions["f"] = _record(status=Status.COMPILED, rust="pub fn f() {}\n")
    j.save()
    (f,) = write_reports(tmp_path)["functions"]
    assert (f["backend"], f["evidence"], f["reason"]) == ("openai", None, "verify has not run")
