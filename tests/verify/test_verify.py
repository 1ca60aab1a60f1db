"""verify_run and verify_command on a hand-written library and crate: C tests, journal, statuses, metrics."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import mini_project as mini
from helpers.paths import ROOT

from llmigrate.core import LlmigrateError, RunContext
from llmigrate.journal import Journal, Status
from llmigrate.verify.run import verify_command, verify_run

TESTS = {"test_mid.c": mini.TEST_MID, "test_ok.c": mini.TEST_OK, "test_broken.c": mini.TEST_BROKEN,
         "test_syntax.c": "int main(void) { return }\n"}


def _clippy_installed() -> bool:
    return subprocess.run(["cargo", "clippy", "--version"], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def verified(tmp_path_factory: pytest.TempPathFactory):
    src, out = mini.write_project(tmp_path_factory.mktemp("verify"), tests=TESTS)
    cb = mini.codebase_for(src)
    journal = mini.journal_for(src, out, cb)
    # The crash, hang, panic and UB-heavy functions are test_difftest's business; keeping them "in C" here
    # keeps this module short.
    for fid in ("half", "hang_on_7", "crash_on_5", "triple", "shl", "divi"):
        journal.functions[fid].status = Status.KEPT_IN_C
    result = verify_run(RunContext(src, out, cb.config, cb, journal))
    return result, Journal.load(out)


@pytest.mark.slow
def test_c_tests_run_against_c_and_rust(verified):
    result, journal = verified
    tests = {t.name: t for t in journal.run.c_tests}
    assert set(tests) == {"tests/test_mid.c", "tests/test_ok.c", "tests/test_broken.c", "tests/test_syntax.c"}
    syntax = tests["tests/test_syntax.c"]
    assert (syntax.c, syntax.rust, syntax.regression) == ("build_error", "build_error", False)
    assert "test_syntax.c" in syntax.output and "error" in syntax.output
    mid = tests["tests/test_mid.c"]
    assert (mid.c, mid.rust, mid.regression) == ("passed", "failed", True)
    assert "FAIL mid" in mid.output and "exit status 1" in mid.output
    assert (tests["tests/test_ok.c"].c, tests["tests/test_ok.c"].rust) == ("passed", "passed")
    broken = tests["tests/test_broken.c"]
    # fails on C already: reported as such, not a regression of the translation
    assert (broken.c, broken.regression) == ("failed", False)
    assert "expects the wrong thing" in broken.output
    assert [t.name for t in result.regressions] == ["tests/test_mid.c"]
    assert not result.ok


@pytest.mark.slow
def test_differential_results_and_statuses_land_in_the_journal(verified):
    _, journal = verified
    f = journal.functions
    assert f["mid"].equivalence == "differs" and f["mid"].counterexample.startswith("mid(")
    assert f["mid"].status == Status.COMPILED
    # equivalent, and not exercised by the regressed test: verified
    assert f["sum_u32"].equivalence == "equivalent" and f["sum_u32"].status == Status.VERIFIED
    assert f["sum_u32"].inputs_tested > 0
    # equivalent on generated inputs, but the C test that calls it regressed: it cannot be called verified
    assert f["add_u64"].equivalence == "equivalent" and f["add_u64"].status == Status.COMPILED
    # untested by differential tests, and no passing C test reaches it: stays compiled
    assert f["twice"].equivalence == "untested" and f["twice"].status == Status.COMPILED
    assert f["twice"].untested_reason.startswith("static, and the test-only export")
    # its callback parameter given the harness's own function: compared
    assert f["apply"].equivalence == "equivalent"
    assert f["half"].status == Status.KEPT_IN_C and f["half"].untested_reason.startswith("kept in C")
    assert f["add_i32"].inputs_skipped_ub > 0


@pytest.mark.slow
def test_metrics_count_code_unsafe_lines_and_raw_derefs(verified):
    _, journal = verified
    fill, split, mid = (journal.functions[k] for k in ("fill", "split", "mid"))
    # fill: 5 code lines (the comment is not code), all inside an unsafe fn; one `*dst.add(i)` deref
    assert (fill.rust_lines, fill.unsafe_lines, fill.raw_derefs) == (5, 5, 1)
    # split: the unsafe fn body spans its 8 code lines; two writes through raw pointers
    assert (split.rust_lines, split.unsafe_lines, split.raw_derefs) == (8, 8, 2)
    assert (mid.rust_lines, mid.unsafe_lines, mid.raw_derefs) == (1, 0, 0)
    totals = journal.run.verify.metrics  # in total too, summed over the functions
    assert totals["raw_derefs"] == sum(e.raw_derefs for e in journal.functions.values()) >= 3
    assert totals["rust_lines"] >= 14 and totals["unsafe_lines"] >= 13
    if _clippy_installed():
        assert journal.run.verify.clippy.startswith("ran")
        assert all(isinstance(e.clippy_warnings, int) for e in journal.functions.values())
        # the crate's count, as verify prints it; the functions hold those inside their spans
        assert journal.run.verify.clippy == f"ran: {totals['clippy_warnings']} warning(s)"
        assert totals["clippy_warnings"] >= sum(e.clippy_warnings for e in journal.functions.values())
    else:
        assert journal.run.verify.clippy.startswith("not installed")


def _journal_of_three(src: Path, out: Path) -> None:
    """A journal where only mid, add_u64 and sum_u32 are Rust (keeps the test short)."""
    journal = mini.journal_for(src, out, mini.codebase_for(src))
    for fid, entry in journal.functions.items():
        if fid not in ("mid", "add_u64", "sum_u32"):
            entry.status = Status.KEPT_IN_C
    journal.save()


@pytest.mark.slow
def test_verify_command_exit_codes(tmp_path: Path, capsys):
    fixed = mini.LIB_RS.replace("lo.wrapping_add(hi) / 2", "lo.wrapping_add(hi.wrapping_sub(lo) / 2)")
    for bad in ("x * 3", "for i in 0..=len", "if x == 7", "if x == 5"):
        assert bad in fixed
    fixed = (fixed.replace("x * 3", "x.wrapping_mul(3)").replace("for i in 0..=len", "for i in 0..len")
             .replace("if x == 7", "if x == 7 && false").replace("if x == 5", "if x == 5 && false"))
    src, out = mini.write_project(tmp_path / "good", tests={"test_mid.c": mini.TEST_MID}, rust=fixed)
    _journal_of_three(src, out)
    assert verify_command(out) == 0, capsys.readouterr().out
    printed = capsys.readouterr().out
    assert "c-test tests/test_mid.c: C passed, Rust passed" in printed and "verify: passed" in printed
    data = json.loads((out / ".llmigrate" / "journal.json").read_text())
    assert data["functions"]["mid"]["status"] == Status.VERIFIED

    src, out = mini.write_project(tmp_path / "bad", tests={"test_mid.c": mini.TEST_MID})
    _journal_of_three(src, out)
    assert verify_command(out) == 1
    printed = capsys.readouterr().out
    assert "REGRESSION" in printed and "DIFFERS mid: mid(" in printed


@pytest.mark.slow
def test_crate_that_does_not_build_fails_every_rust_side(tmp_path: Path):
    src, out = mini.write_project(tmp_path, tests={"test_ok.c": mini.TEST_OK}, rust="fn broken( {}\n")
    cb = mini.codebase_for(src)
    journal = mini.journal_for(src, out, cb)
    result = verify_run(RunContext(src, out, cb.config, cb, journal))
    assert result.build_error and "cargo build" in result.build_error
    (t,) = result.c_tests
    assert (t.c, t.rust, t.regression) == ("passed", "build_error", True)
    assert all(d.equivalence == "untested" for d in result.functions.values())
    assert journal.functions["sum_u32"].status == Status.COMPILED


@pytest.mark.slow
def test_c_library_that_does_not_compile_is_reported_not_blamed(tmp_path: Path):
    src, out = mini.write_project(tmp_path, tests={"test_ok.c": mini.TEST_OK})
    (src / "mini.c").write_text(mini.LIB_C + "\nint broken(void) { return }\n")
    cb = mini.codebase_for(src)
    journal = mini.journal_for(src, out, cb)
    result = verify_run(RunContext(src, out, cb.config, cb, journal))
    (t,) = result.c_tests
    assert (t.c, t.rust, t.regression) == ("build_error", "passed", False)
    assert "the C library does not compile" in t.output and "mini.c" in t.output
    reasons = {d.untested_reason for d in result.functions.values() if d.untested_reason}
    assert any("harness could not be built" in r and "mini.c" in r for r in reasons), reasons
    assert not result.differs


def test_verify_command_rejects_bad_out(tmp_path: Path):
    with pytest.raises(LlmigrateError, match="no such directory"):
        verify_command(tmp_path / "missing")
    with pytest.raises(LlmigrateError, match=r"not an llmigrate output \(no .llmigrate/journal.json\)"):
        verify_command(tmp_path)
    (tmp_path / ".llmigrate").mkdir()
    (tmp_path / ".llmigrate" / "journal.json").write_text("{not json")
    with pytest.raises(LlmigrateError, match="unreadable journal"):
        verify_command(tmp_path)
    Journal.create(tmp_path, str(tmp_path / "gone"), "builtin", None).save()
    with pytest.raises(LlmigrateError, match="does not exist"):
        verify_command(tmp_path)


def test_cli_verify_exit_code_2_with_message(tmp_path: Path):
    exe = shutil.which("llmigrate") or str(ROOT / ".venv/bin/llmigrate")
    proc = subprocess.run([exe, "verify", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "not an llmigrate output" in proc.stderr


@pytest.mark.slow
def test_cached_c_objects_follow_header_edits(tmp_path: Path):
    from llmigrate.verify.build import compile_objects

    (tmp_path / "lib").mkdir()
    (tmp_path / "include").mkdir()
    (tmp_path / "include" / "k.h").write_text("#define K 1\n")
    (tmp_path / "lib" / "a.c").write_text('#include "k.h"\nint k(void) { return K; }\n')
    flags = [f"-I{tmp_path / 'include'}"]
    (first,) = compile_objects([tmp_path / "lib" / "a.c"], flags, tmp_path / "cache", "gcc")
    (again,) = compile_objects([tmp_path / "lib" / "a.c"], flags, tmp_path / "cache", "gcc")
    assert first == again
    (tmp_path / "include" / "k.h").write_text("#define K 2\n")
    (edited,) = compile_objects([tmp_path / "lib" / "a.c"], flags, tmp_path / "cache", "gcc")
    assert edited != first and edited.is_file()


@pytest.mark.slow
def test_cached_c_objects_are_keyed_by_source_flags_and_compiler(tmp_path: Path):
    """One byte of the source, a flag or the compiler's version changed: compiled again; else reused."""
    from llmigrate.verify.build import compile_objects, compiler_identity, compiler_runs

    (tmp_path / "a.c").write_text("int k(void) { return 1; }\n")
    version = tmp_path / "version"
    version.write_text("gcc 1\n")
    cc = tmp_path / "cc"  # gcc, telling the version the file holds: upgraded by writing it
    cc.write_text(f'#!/bin/sh\n[ "$1" = --version ] && exec cat {version}\nexec gcc "$@"\n')
    cc.chmod(0o755)

    def compiled(flags: list[str]) -> tuple[Path, int]:
        before = compiler_runs()["a.c"]
        (obj,) = compile_objects([tmp_path / "a.c"], flags, tmp_path / "cache", str(cc))
        return obj, compiler_runs()["a.c"] - before

    first, runs = compiled(["-O1"])
    assert runs == 1 and first.is_file()
    assert compiled(["-O1"]) == (first, 0)
    (tmp_path / "a.c").write_text("int k(void) { return 2; }\n")
    edited, runs = compiled(["-O1"])
    assert runs == 1 and edited != first
    assert compiled(["-O2"])[1] == 1
    version.write_text("gcc 2\n")
    compiler_identity.cache_clear()  # asked once per process: a later run sees the upgrade
    upgraded, runs = compiled(["-O1"])
    assert runs == 1 and upgraded != edited
    assert compiled(["-O1"]) == (upgraded, 0)
