"""C tests built and run several at once: the same results, in the same order, as one at a time."""

from __future__ import annotations

import dataclasses

import pytest
from helpers import mini_project as mini

from llmigrate.verify.build import build_staticlib
from llmigrate.verify.ctests import run_c_tests

pytestmark = pytest.mark.slow

TESTS = {"test_mid.c": mini.TEST_MID, "test_ok.c": mini.TEST_OK, "test_broken.c": mini.TEST_BROKEN,
         "test_syntax.c": "int main(void) { return }\n"}


def test_c_tests_run_at_once_give_the_results_of_one_at_a_time(tmp_path):
    src, out = mini.write_project(tmp_path, tests=TESTS)
    ctx = mini.context_for(src, out, mini.codebase_for(src))
    staticlib = build_staticlib(out)
    results = {jobs: run_c_tests(dataclasses.replace(ctx, config=dataclasses.replace(ctx.config, jobs=jobs)),
                                 staticlib) for jobs in (1, 3)}
    assert results[3] == results[1]
    assert [(t.name, t.c, t.rust) for t in results[1]] == [
        ("tests/test_broken.c", "failed", "failed"), ("tests/test_mid.c", "passed", "failed"),
        ("tests/test_ok.c", "passed", "passed"), ("tests/test_syntax.c", "build_error", "build_error")]
    assert results[1][1].executed  # the C side's coverage of each run is its own
