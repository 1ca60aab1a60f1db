"""Which inputs the C runs again under ASan: every disputed one, a bounded number of failed ones, and a
bounded sample of the agreeing ones."""

from __future__ import annotations

from llmigrate.verify.difftest.dispute import ASAN_SAMPLE, MAX_FAILED, Sides, asked
from llmigrate.verify.difftest.run import Outcome


def _sides(n: int, c_failed: dict, r_failed: dict, differ: set[int]) -> Sides:
    c_recs = [b"same"] * n
    r_recs = [b"other" if i in differ else b"same" for i in range(n)]
    return Sides(c_failed, r_failed, c_recs, r_recs)


def test_every_disputed_input_is_asked_and_the_agreeing_ones_are_sampled():
    n = 5000
    r_failed = {i: Outcome("panic", "index out of bounds") for i in range(300, 420)}
    r_failed.update({i: Outcome("not_run") for i in range(4900, n)})
    picks = asked(n, _sides(n, {}, r_failed, differ={7, 4000}))
    assert {7, 4000, *range(300, 420)} <= set(picks)
    assert not set(range(4900, n)) & set(picks), "inputs the Rust never ran are no dispute"
    assert len(picks) == 2 + 120 + ASAN_SAMPLE
    assert picks == sorted(picks)


def test_failed_c_inputs_are_asked_up_to_a_bound_and_hangs_never():
    n = 1000
    c_failed = {i: Outcome("ub", "a C undefined-behaviour check trapped") for i in range(0, 400)}
    c_failed.update({i: Outcome("hang") for i in range(400, 410)})
    picks = asked(n, _sides(n, c_failed, {}, differ=set()))
    assert set(range(MAX_FAILED)) <= set(picks)
    assert not set(range(MAX_FAILED, 410)) & set(picks)
    assert len([i for i in picks if i >= 410]) == ASAN_SAMPLE


def test_a_small_vector_is_asked_whole():
    picks = asked(30, _sides(30, {}, {}, differ=set()))
    assert picks == list(range(30))
