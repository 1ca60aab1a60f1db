"""verify says what it checked: counts of functions compared and inputs, what could not be checked and why,
"passed" only when something was checked and nothing failed, and a C test that does not build against the C
as a setup error. A library with its own main(); real analysis, gcc and cargo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.handwritten import compiled_journal, write_crate

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.check.run import check_verification
from llmigrate.config import load_config
from llmigrate.verify.ctests import BUILD_ERROR, PASSED, CTestResult
from llmigrate.verify.difftest.driver import DiffResult
from llmigrate.verify.result import VerifyResult, differential_line, overview, reason_kind
from llmigrate.verify.run import verify_command

LIB_C = """\
#include <stdio.h>
int twice(int x)
{
	return 2 * x;
}

int main(void)
{
	printf("%d\\n", twice(21));
	return 0;
}
"""

TEST_C = "int twice(int x);\nint main(void) { return twice(2) == 4 ? 0 : 1; }\n"
LIB_RS = '#[no_mangle]\npub extern "C" fn twice(x: i32) -> i32 { x.wrapping_mul(2) }\n'


def _project(root: Path, tests: dict[str, str]) -> Path:
    src, out = root / "src", root / "out"
    (src / "tests").mkdir(parents=True)
    (src / "prog.c").write_text(LIB_C)
    for name, text in tests.items():
        (src / "tests" / name).write_text(text)
    write_crate(out, "prog-rs", LIB_RS)
    compiled_journal(src, out, analyze_dir(src, load_config(src))).save()
    return out


@pytest.mark.slow
def test_a_c_test_that_does_not_build_against_the_c_is_a_setup_error_not_a_pass(tmp_path: Path, capsys):
    out = _project(tmp_path, {"test_twice.c": TEST_C})
    assert verify_command(out) == 1
    printed = capsys.readouterr().out
    # the library's main() clashes with the test's: it cannot be linked against the C
    assert "c-test tests/test_twice.c: C build_error, Rust passed [SETUP ERROR]" in printed
    assert "1 setup error(s) (do not build against the C)" in printed
    assert "0 passed against the C and the Rust (executing 0 translated function(s))" in printed
    assert "verify: setup error: 1 C test(s) do not build against the C" in printed
    assert "verify: passed" not in printed


@pytest.mark.slow
def test_a_library_with_its_own_main_does_not_pass_when_nothing_was_compared(tmp_path: Path, capsys):
    out = _project(tmp_path, {})
    code = verify_command(out)
    printed = capsys.readouterr().out
    compared = int(re.search(r"differential: (\d+) function\(s\) compared", printed).group(1))
    assert ("verify: passed" in printed) == (compared > 0) == (code == 0), printed
    if not compared:
        assert "verify: nothing checked" in printed
        assert re.search(r"(\d+) could not be checked: \1 ", printed), printed  # every one with its reason


def test_passed_needs_something_checked_and_nothing_failed():
    ok = DiffResult("f", "equivalent", inputs_tested=500)
    untested = DiffResult("g", "untested", untested_reason="static: not exported through the C ABI")
    assert VerifyResult(functions={"f": ok, "g": untested}).verdict == "passed"
    assert VerifyResult(functions={"g": untested}).verdict == "nothing checked"
    assert VerifyResult().verdict == "nothing checked"
    passing = CTestResult("t.c", PASSED, PASSED, "", False, executed=["f"])
    assert VerifyResult(c_tests=[passing], translated={"f"}).verdict == "passed"
    # a test that ran only functions kept in C checked nothing of the Rust
    assert VerifyResult(c_tests=[passing], translated={"g"}).verdict == "nothing checked"
    broken = CTestResult("u.c", BUILD_ERROR, PASSED, "multiple definition of `main'", False)
    assert VerifyResult(c_tests=[passing, broken], functions={"f": ok}).verdict == "setup error"
    differs = DiffResult("h", "differs", inputs_tested=3, counterexample="h(1): C 1, Rust 2")
    assert VerifyResult(c_tests=[broken], functions={"h": differs}).verdict == "FAILED"
    assert not VerifyResult(functions={"g": untested}).ok


def test_counts_and_top_reasons():
    why = {"s0": "static: not exported through the C ABI", "s1": "static: not exported through the C ABI",
           "s2": "static: not exported through the C ABI",
           "p": "parameter 'buf' (char *) is a pointer without a length parameter",
           "q": "parameter 'out' (int *) is a pointer without a length parameter",
           "k": "kept in C: the crate links the original C function", "x": "variadic"}
    fns = {fid: DiffResult(fid, "untested", untested_reason=text) for fid, text in why.items()}
    fns["e"] = DiffResult("e", "equivalent", inputs_tested=120)
    fns["d"] = DiffResult("d", "differs", inputs_tested=7)
    line = differential_line(VerifyResult(functions=fns))
    assert line.startswith("differential: 2 function(s) compared on 127 input(s) (1 equivalent, 1 differ;")
    assert line.endswith("7 could not be checked: 3 static; 2 parameter is a pointer without a length "
                         "parameter; 1 kept in C; 1 for other reasons")
    assert reason_kind("the test harness cannot call it from C: calls.c:3: error: unknown type") == \
        "the test harness cannot call it from C"
    assert overview(VerifyResult(functions=fns))[-1] == "verify: FAILED"


@pytest.mark.slow
def test_check_fails_a_c_test_that_does_not_build_against_the_c(tmp_path: Path):
    out = _project(tmp_path, {"test_twice.c": TEST_C})
    src = tmp_path / "src"
    config = load_config(src)
    results = check_verification(src, out, analyze_dir(src, config), config)
    (t,) = [r for r in results if r.suite == "c-tests"]
    assert not t.ok and "does not build against the original C (a setup error)" in t.message
