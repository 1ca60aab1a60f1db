"""Differential tests on several jobs: the same verdicts, counts and counterexamples as on one."""

from __future__ import annotations

import dataclasses

import pytest
from helpers import mini_project as mini

from llmigrate.verify.difftest.driver import differential

pytestmark = pytest.mark.slow


def test_functions_tested_at_once_give_the_results_of_one_at_a_time(tmp_path):
    src, out = mini.write_project(tmp_path)
    cb = mini.codebase_for(src)
    ctx = mini.context_for(src, out, cb)
    results = {}
    for jobs in (1, 3):
        on = dataclasses.replace(ctx, config=dataclasses.replace(ctx.config, jobs=jobs))
        results[jobs] = {fid: dataclasses.replace(r, seconds=0.0) for fid, r in differential(on).items()}
    assert list(results[3]) == list(results[1])
    assert results[3] == results[1]
    assert {r.equivalence for r in results[1].values()} >= {"equivalent", "differs"}
