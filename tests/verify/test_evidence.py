"""Which functions a C test verifies comes from running it (coverage of the C side), not from its text; and
sources the tests need ([tests] support) are compiled with them, never treated as library code. A
hand-written library and crate; real analysis, gcc, gcov and cargo."""

from __future__ import annotations

import pytest
from helpers.handwritten import compiled_context, write_crate

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.journal import Evidence, Journal, Status
from llmigrate.verify.build import library_sources
from llmigrate.verify.run import MIN_INPUTS, evidence, verify_run

pytestmark = pytest.mark.slow

HEADER = """\
int used(int x);
int never(int x);
int by_macro(int x);
#define CALL_BY_MACRO(x) by_macro(x)
"""

LIB_C = """\
#include "ev.h"

static int helper(int x)
{
	return x * 2;
}

int used(int x)
{
	return helper(x) + 1;
}

/* No input has defined behaviour, so no differential input can vouch for it either. */
int never(int x)
{
	(void)x;
	__builtin_trap();
}

int by_macro(int x)
{
	return x + 5;
}
"""

SUPPORT_C = """\
#include <stdio.h>
int check(int ok, const char *what)
{
	if (!ok)
		printf("FAIL %s\\n", what);
	return ok;
}
"""

# never( appears as a prototype and in a comment, and is never called; by_macro only through a macro.
TEST_C = """\
#include "ev.h"
int check(int ok, const char *what);
int never(int x);
int main(void)
{
	/* never(1) would trap */
	return check(used(3) == 7, "used") && check(CALL_BY_MACRO(1) == 6, "macro") ? 0 : 1;
}
"""

LIB_RS = """\
#[no_mangle]
pub extern "C" fn used(x: i32) -> i32 { x.wrapping_mul(2).wrapping_add(1) }
#[no_mangle]
pub extern "C" fn never(_x: i32) -> i32 { 0 }
#[no_mangle]
pub extern "C" fn by_macro(x: i32) -> i32 { x.wrapping_add(5) }
"""


@pytest.fixture(scope="module")
def verified(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("evidence")
    src, out = root / "src", root / "out"
    for rel, text in {"ev.h": HEADER, "ev.c": LIB_C, "support/check.c": SUPPORT_C, "tests/test_ev.c": TEST_C,
                      "llmigrate.toml": '[tests]\nsupport = ["support/*.c"]\n'}.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    write_crate(out, "ev-rs", LIB_RS)
    cb = analyze_dir(src, load_config(src))
    result = verify_run(compiled_context(src, out, cb))
    return src, cb, result, Journal.load(out)


def test_support_sources_are_linked_into_tests_and_are_not_library_code(verified):
    src, cb, result, _ = verified
    assert "check" not in cb.functions and sorted(cb.functions) == ["by_macro", "helper", "never", "used"]
    assert [p.name for p in library_sources(src, cb.config, cb)] == ["ev.c"]
    (t,) = result.c_tests
    assert (t.c, t.rust) == ("passed", "passed"), t.output


def test_functions_a_test_executed_come_from_running_it(verified):
    _, _, result, journal = verified
    (t,) = journal.run.c_tests
    # helper is static and reached only through used; by_macro only through a macro; never only named.
    assert t.executed == ["by_macro", "helper", "used"]
    f = journal.functions
    for fid in ("used", "helper", "by_macro"):
        assert f[fid].evidence.c_tests == ["tests/test_ev.c"]
        assert "c_tests" in f[fid].evidence.verified_by and f[fid].status == Status.VERIFIED


def test_a_prototype_in_a_test_does_not_verify_a_function_that_never_ran(verified):
    _, _, result, journal = verified
    never = journal.functions["never"]
    assert result.functions["never"].inputs_tested == 0  # nor did a differential input check it
    assert never.evidence == Evidence([], inputs_compared=0, whole_input_space=False, verified_by=[])
    assert never.status == Status.COMPILED


def test_differential_evidence_needs_enough_inputs_or_the_whole_space():
    from llmigrate.verify.difftest.driver import DiffResult

    enough = evidence(DiffResult("f", "equivalent", inputs_tested=MIN_INPUTS), [])
    assert enough.verified_by == ["differential"]
    # 40 compared, 500 skipped for C undefined behaviour: not enough inputs on which the C is defined
    assert evidence(DiffResult("f", "equivalent", inputs_tested=40, skipped_ub=500), []).verified_by == []
    # a function of one bool: two inputs are all there are
    whole = evidence(DiffResult("f", "equivalent", inputs_tested=2), [])
    assert whole.whole_input_space and whole.verified_by == ["differential"]
    # 10 compared and 40 skipped, the rest left unrun (a side's limits): not the whole space, not enough
    cut = evidence(DiffResult("f", "equivalent", inputs_tested=10, skipped_ub=40, not_run=900), [])
    assert not cut.whole_input_space and cut.verified_by == []
    assert evidence(DiffResult("f", "differs", inputs_tested=500), ["t.c"]).verified_by == ["c_tests"]
