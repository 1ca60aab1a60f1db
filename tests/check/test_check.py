"""`llmigrate check`: drift against the lock, hand edits, the build, exit codes, JUnit and GitHub output."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers.outdir import make_out
from typer.testing import CliRunner

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.check.output import github, junit, text, write_junit
from llmigrate.check.run import CheckResult, check_build, check_drift, check_hand_edits, read_lock
from llmigrate.cli import app


def migrated_copy(tmp: Path, fixtures_dir: Path) -> tuple[Path, Path]:
    """A temp copy of fixtures/kmath and an OUT whose lock holds the copy's current C hashes."""
    src = tmp / "kmath"
    shutil.copytree(fixtures_dir / "kmath", src)
    out = make_out(tmp, src=src)
    lock = {"version": 1, "source": str(src), "functions": {
        fid: {"file": fn.file, "c_hash": fn.hash, "rust_hash": None}
        for fid, fn in analyze_dir(src).functions.items()}}
    (out / "llmigrate.lock").write_text(json.dumps(lock))
    return src, out


def test_drift_after_editing_the_c(tmp_path: Path, fixtures_dir: Path) -> None:
    src, out = migrated_copy(tmp_path, fixtures_dir)
    assert all(r.ok for r in check_drift(src, analyze_dir(src), read_lock(out)))
    gcd = src / "gcd.c"
    gcd.write_text(gcd.read_text().replace("return (a / gcd(a, b)) * b;", "return a / gcd(a, b) * b;")
                   + "\nu64 gcd3(u64 a, u64 b, u64 c)\n{\n\treturn gcd(gcd(a, b), c);\n}\n")
    lock = read_lock(out)
    lock["functions"]["old_helper"] = {"file": "gone.c", "c_hash": "0" * 64, "rust_hash": None}
    failed = {r.name: r for r in check_drift(src, analyze_dir(src), lock) if not r.ok}
    assert set(failed) == {"lcm", "gcd3", "old_helper"}
    assert "changed since the migration" in failed["lcm"].message
    lcm_line = gcd.read_text().splitlines().index("u64 lcm(u64 a, u64 b)") + 1
    assert failed["lcm"].file == (src / "gcd.c").as_posix() and failed["lcm"].line == lcm_line
    assert "new C function" in failed["gcd3"].message
    assert "removed from the C sources" in failed["old_helper"].message
    (src / "log2.c").write_text((src / "log2.c").read_text() + "\nint broken(int a\n{\n\treturn a;\n}\n")
    warned = [r for r in check_drift(src, analyze_dir(src), lock) if r.warning]
    assert warned and all(r.file == (src / "log2.c").as_posix() and r.line for r in warned)


def test_hand_edits_are_reported_not_failed(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    lock = read_lock(out)
    assert [r for r in check_hand_edits(out, lock) if r.warning] == []
    calc = out / "src" / "calc.rs"
    calc.write_text(calc.read_text().replace("a.wrapping_add(b)", "a.saturating_add(b)"))
    mem = out / "src" / "mem.rs"
    mem.write_text(mem.read_text().replace("// llmigrate:end peek", "// end"))
    warned = {r.name: r for r in check_hand_edits(out, lock) if r.warning}
    assert set(warned) == {"add", "peek"} and all(r.ok for r in warned.values())
    assert warned["add"].file == (out / "src" / "calc.rs").as_posix() and warned["add"].line == 4
    assert "markers" in warned["peek"].message


def test_exit_codes_for_bad_usage_and_drift(tmp_path: Path, fixtures_dir: Path) -> None:
    src, out = migrated_copy(tmp_path, fixtures_dir)
    runner = CliRunner()
    assert runner.invoke(app, ["check", str(src), str(out), "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["check", str(tmp_path / "nope"), str(out)]).exit_code == 2
    res = runner.invoke(app, ["check", str(src), str(tmp_path)])
    assert res.exit_code == 2 and "no llmigrate.lock" in res.stderr
    (out / "llmigrate.lock").write_text("{")
    assert runner.invoke(app, ["check", str(src), str(out)]).exit_code == 2


@pytest.mark.slow
def test_check_fails_on_drift_and_build_errors_with_junit_and_annotations(tmp_path: Path,
                                                                          fixtures_dir: Path) -> None:
    src, out = migrated_copy(tmp_path, fixtures_dir)
    div64 = (src / "div64.c").read_text()
    line = div64.splitlines().index("s64 clamp_s64(s64 val, s64 lo, s64 hi)") + 1
    (src / "div64.c").write_text(div64.replace("clamp(val, lo, hi);", "clamp(val, lo, hi) + 0;"))
    calc = out / "src" / "calc.rs"
    calc.write_text(calc.read_text().replace("a.wrapping_add(b)", "a.wrapping_add(missing)"))
    lock = read_lock(out)  # gcd claims Rust that the (synthetic) crate does not hold: a hand-edit warning
    lock["functions"]["gcd"]["rust_hash"] = "0" * 64
    (out / "llmigrate.lock").write_text(json.dumps(lock))
    report = tmp_path / "ci" / "junit.xml"
    res = CliRunner().invoke(app, ["check", str(src), str(out), "--junit", str(report), "--format", "github"])
    assert res.exit_code == 1
    assert f"::error file={(src / 'div64.c').as_posix()},line={line},title=llmigrate drift%3A clamp_s64::" \
        in res.stdout
    assert f"::error file={(out / 'src' / 'calc.rs').as_posix()},line=5," in res.stdout
    assert "::warning title=llmigrate hand-edits%3A gcd::gcd: markers" in res.stdout
    root = ET.parse(report).getroot()
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert {"drift", "hand-edits", "build", "c-tests"} <= set(suites)
    drift_fail = [c.get("name") for c in suites["drift"].findall("testcase") if c.find("failure") is not None]
    assert drift_fail == ["clamp_s64"]
    assert int(suites["drift"].get("tests")) == len(read_lock(out)["functions"])
    assert int(suites["build"].get("failures")) >= 1
    for s in root.findall("testsuite"):
        cases = s.findall("testcase")
        assert int(s.get("tests")) == len(cases)
        assert int(s.get("failures")) == sum(c.find("failure") is not None for c in cases)
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites.values())


@pytest.mark.slow
def test_build_check_passes_on_a_good_crate_and_locates_errors(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    assert [r.ok for r in check_build(out)] == [True]
    (out / "src" / "mem.rs").write_text((out / "src" / "mem.rs").read_text().replace("*p", "*q"))
    results = check_build(out)
    assert not results[0].ok and "1 error" in results[0].message
    assert results[1].file == (out / "src" / "mem.rs").as_posix() and results[1].line == 5
    assert "cannot find value `q`" in results[1].message


def test_junit_escapes_control_characters_and_counts(tmp_path: Path) -> None:
    results = [CheckResult("build", "cargo build", False, "failed <&>", output="\x1b[31merror\x1b[0m"),
               CheckResult("differential", "f", True, "f: untested (pointer)", skipped=True),
               CheckResult("hand-edits", "g", True, "g: edited", warning=True)]
    path = tmp_path / "j.xml"
    write_junit(results, path)
    root = ET.parse(path).getroot()
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("3", "1", "1")
    failure = root.find("testsuite[@name='build']/testcase/failure")
    assert failure.get("message") == "failed <&>" and "\x1b" not in failure.text
    assert root.find("testsuite[@name='hand-edits']/testcase/system-out").text == "warning: g: edited"
    assert ET.tostring(junit(results))  # serialisable in memory too


def test_text_and_github_summaries(tmp_path: Path) -> None:
    results = [CheckResult("drift", "f", False, "f: C source changed, really: 100%", file="a.c", line=3),
               CheckResult("drift", "g", True)]
    out = text(results)
    assert "drift" in out and "error: a.c:3: f: C source changed" in out and "result: FAILED (drift)" in out
    gh = github(results)
    assert gh.splitlines()[0] == ("::error file=a.c,line=3,title=llmigrate drift%3A f::"
                                  "f: C source changed, really: 100%25")
    assert text([CheckResult("drift", "g", True)]).endswith("result: all checks passed\n")


def test_hand_edits_are_put_back_after_a_rewrite(tmp_path: Path) -> None:
    from llmigrate.check.fix import hand_edited_spans, restore_spans

    out = make_out(tmp_path)
    calc = out / "src" / "calc.rs"
    edited_text = calc.read_text().replace("a.wrapping_add(b)", "a.wrapping_add(b) // ok\n    // by hand")
    calc.write_text(edited_text)
    edited = hand_edited_spans(out, read_lock(out))
    assert set(edited) == {"add"}
    shutil.copy(out / ".llmigrate" / "generated" / "src" / "calc.rs", calc)  # what a rewrite leaves
    assert restore_spans(out, edited) == []
    assert calc.read_text() == edited_text
    (out / "src" / "calc.rs").write_text("use crate::shared::*;\n")
    assert restore_spans(out, edited) == ["add"]
