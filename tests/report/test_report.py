"""`llmigrate report`: report.json contract, summary.md, HTML content, CLI formats and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.outdir import make_out
from helpers.tested_lib import CALC_C, write_src
from typer.testing import CliRunner

from llmigrate import journal as jr
from llmigrate.cli import app
from llmigrate.core import LlmigrateError
from llmigrate.report.render import estimated_cost, report_command, write_reports

TOTALS = {"functions", "verified", "compiled", "kept_in_c", "failed", "equivalent", "differs", "untested",
          "rust_lines", "unsafe_lines", "repair_rounds", "tokens_in", "tokens_out", "c_tests_passed",
          "c_tests_failed", "manual_edit_ratio", "safety_proofs", "unchecked_unsafe"}
FUNCTION = {"name", "file", "status", "repair_rounds", "rust_lines", "unsafe_lines", "equivalence",
            "counterexample", "backend", "fallback_reason", "evidence", "refine",
            "safety", "reason"}


def test_report_json_follows_the_contract(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    report = write_reports(out)
    assert json.loads((out / "report" / "report.json").read_text()) == report
    assert set(report) == {"source", "backend", "model", "totals", "functions"}
    assert set(report["totals"]) == TOTALS
    assert all(set(f) == FUNCTION for f in report["functions"])
    t = report["totals"]
    assert (t["functions"], t["verified"], t["compiled"], t["kept_in_c"], t["failed"]) == (4, 1, 2, 1, 0)
    assert (t["equivalent"], t["differs"], t["untested"]) == (1, 1, 2)
    assert (t["rust_lines"], t["unsafe_lines"], t["repair_rounds"]) == (9, 1, 1)
    assert (t["tokens_in"], t["tokens_out"], t["c_tests_passed"], t["c_tests_failed"]) == (400, 160, 1, 0)
    assert t["manual_edit_ratio"] == 0.0
    twice = next(f for f in report["functions"] if f["name"] == "twice")
    assert twice == {"name": "twice", "file": "calc.c", "status": "compiled", "repair_rounds": 1,
                     "rust_lines": 3, "unsafe_lines": 0, "equivalence": "differs",
                     "counterexample": "a=2147483648", "backend": "builtin", "fallback_reason": None,
                     "evidence": None, "refine": None,
                     "safety": {"proofs": [], "boundary": None, "unchecked": []},
                     "reason": "the Rust differs from the C: a=2147483648"}


def test_unfinished_functions_count_as_failed(tmp_path: Path) -> None:
    out = make_out(tmp_path, statuses={"add": "verified", "twice": "pending", "peek": "translated"})
    report = write_reports(out)
    assert report["totals"]["failed"] == 2
    assert {f["status"] for f in report["functions"]} == {"verified", "failed"}
    assert "2 function(s) unfinished" in (out / "report" / "summary.md").read_text()


def test_manual_edit_ratio_reaches_report_and_html(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    calc = out / "src" / "calc.rs"
    calc.write_text(calc.read_text().replace("crate::calc::add(a, a)", "a.wrapping_mul(2)"))
    report = write_reports(out)
    assert 0 < report["totals"]["manual_edit_ratio"] < 0.1
    html = (out / "report" / "index.html").read_text()
    assert "a.wrapping_mul" in html and "Manual edits (1 of 3 lines)" in html
    assert "% of the generated lines changed" in (out / "report" / "summary.md").read_text()


def test_html_is_self_contained_with_both_sides_and_history(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    write_reports(out)
    html = (out / "report" / "index.html").read_text()
    assert "<style>" in html and "<script>" in html
    assert "http://" not in html and "https://" not in html and "src=" not in html
    assert '<span class="k">pub</span> <span class="k">fn</span> add' in html  # highlighted Rust
    assert "error[E0425]: cannot find function `ad`" in html  # a repair round's diagnostic
    assert '<span class="dr">-    ad(a, a)</span>' in html  # diff from the round to the final code
    assert 'href="#fn-add"' in html and 'href="#fn-twice"' in html  # callee and caller links
    assert "a=2147483648" in html
    assert "C sources not found" in html  # the synthetic SRC does not exist: said, not hidden


def test_summary_is_short_and_lists_problems(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    write_reports(out)
    md = (out / "report" / "summary.md").read_text()
    assert "| 4 | 1 | 2 | 1 | 0 |" in md
    assert "`twice` (calc.c): differs on `a=2147483648`" in md
    assert len(md.splitlines()) < 40


def test_raw_derefs_and_clippy_warnings_in_total_and_per_function(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    write_reports(out)
    assert "0 raw-pointer dereferences, clippy not run" in (out / "report" / "summary.md").read_text()
    j = jr.Journal.load(out)
    j.functions["peek"].update(raw_derefs=2, clippy_warnings=3)
    j.functions["add"].update(raw_derefs=1, clippy_warnings=0)
    # two of the crate's warnings are outside any function (ffi.rs, shared items): the one count is verify's
    j.run.verify = jr.VerifyRecord(clippy="ran: 5 warning(s)", metrics={"clippy_warnings": 5})
    j.save()
    write_reports(out)
    assert "3 raw-pointer dereferences, 5 clippy warnings" in (out / "report" / "summary.md").read_text()
    html = (out / "report" / "index.html").read_text()
    assert "3 raw-pointer dereferences, 5 clippy warnings" in html
    assert "1 unsafe, 2 raw derefs, 3 clippy warnings" in html


def test_html_names_each_functions_backend_and_why_it_fell_back(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    j = jr.Journal.load(out)
    why = "openai: still failing after 2 repair round(s): error[E0308]: mismatched types"
    j.functions["twice"].update(backend="builtin", fallback_reason=why)
    j.save()
    write_reports(out)
    html = (out / "report" / "index.html").read_text()
    assert "by builtin (fallback)" in html  # in the function's one-line summary
    assert f'<div class="fallback">fell back: {why}</div>' in html
    assert html.count('<dd class="backend">builtin') == 3  # add, twice, peek
    assert "none (no translation became its Rust)" in html  # slow, kept in C


def test_cost_uses_the_stated_prices() -> None:
    assert estimated_cost(1_000_000, 1_000_000) == pytest.approx(12.5)


def test_cli_prints_the_requested_format(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    runner = CliRunner()
    res = runner.invoke(app, ["report", str(out), "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["totals"]["functions"] == 4
    res = runner.invoke(app, ["report", str(out), "--format", "md"])
    assert res.exit_code == 0 and res.stdout.startswith("## llmigrate:")
    res = runner.invoke(app, ["report", str(out)])
    assert res.exit_code == 0 and "index.html" in res.stdout
    assert runner.invoke(app, ["report", str(out), "--format", "pdf"]).exit_code == 2


def test_bad_out_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(LlmigrateError, match="no run journal"):
        report_command(tmp_path, "html")
    res = CliRunner().invoke(app, ["report", str(tmp_path)])
    assert res.exit_code == 2 and "not a migrated crate" in res.stderr
    jr.journal_path(tmp_path).parent.mkdir(parents=True)
    jr.journal_path(tmp_path).write_text("{ truncated")
    with pytest.raises(LlmigrateError, match="unreadable journal"):
        report_command(tmp_path, "json")


@pytest.mark.slow
def test_report_of_a_real_migration_shows_c_and_rust_side_by_side(tmp_path: Path) -> None:
    src, out = write_src(tmp_path), tmp_path / "out"
    res = CliRunner().invoke(app, ["migrate", str(src), "--out", str(out), "--backend", "builtin"])
    assert res.exit_code == 0, res.output
    report = json.loads((out / "report" / "report.json").read_text())  # written by migrate itself
    assert report["totals"]["functions"] == 2 and report["totals"]["c_tests_passed"] == 1
    assert {f["name"]: f["equivalence"] for f in report["functions"]} == {"add": "equivalent",
                                                                          "twice": "equivalent"}
    html = (out / "report" / "index.html").read_text()
    assert '<span class="k">return</span> add(a, a);' in html  # the C, highlighted
    assert '<span class="k">crate</span>::calc::add(a, a)' in html  # the Rust, highlighted
    assert 'href="#fn-add"' in html and 'href="#fn-twice"' in html  # call graph from the analysis
    (src / "calc.c").write_text(CALC_C.replace("return a + b;", "return b + a;"))
    write_reports(out)
    assert "the C changed since the migration" in (out / "report" / "index.html").read_text()
