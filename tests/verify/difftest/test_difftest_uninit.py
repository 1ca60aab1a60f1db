"""C that reads locals it never initialised gives whatever its stack held: an input on which its result
changes when the compiler fills those locals with zeros or with a pattern is the C's undefined behaviour,
reported as a finding, never a counterexample against a Rust that initialises them; a real difference stays
one. Hand-written C and crate (tests/data/verify/difftest/uninit/); real analysis, gcc and cargo."""

from __future__ import annotations

import pytest
from helpers.handwritten import data_library

from llmigrate.verify.difftest.dispute import UNINIT
from llmigrate.verify.difftest.driver import differential
from llmigrate.verify.difftest.order import NOT_CHECKED
from llmigrate.verify.difftest.setup import NO_DEFINED_INPUT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory):
    return differential(data_library(tmp_path_factory.mktemp("uninit"), "verify/difftest/uninit"))


@pytest.mark.parametrize("fid", ["last_of", "make_token"])
def test_a_read_of_an_uninitialised_local_is_the_cs_finding(results, fid):
    r = results[fid]
    assert r.equivalence == "equivalent", r.counterexample or r.untested_reason
    assert r.skipped_ub > 0 and r.inputs_tested > 0, (r.skipped_ub, r.inputs_tested)
    assert r.findings and r.findings[0].startswith(UNINIT), r.findings


def test_a_real_difference_is_still_one(results):
    r = results["twice"]
    assert r.equivalence == "differs", r.untested_reason
    assert "Rust returned" in r.counterexample, r.counterexample


def test_a_caller_is_checked_once_its_callee_is_settled_as_the_cs_undefined_behaviour(results):
    # last_of differs on the first run and is settled by the run with filled locals: its caller was "not
    # checked" for it until then, and is tested now (the same finding: it reaches the same uninitialised read)
    r = results["last_plus"]
    assert r.equivalence == "equivalent", r.counterexample or r.untested_reason
    assert r.inputs_tested > 0 and r.findings and r.findings[0].startswith(UNINIT), r.findings


def test_a_caller_blocked_again_on_its_release_is_released_again(results):
    # released with last_plus, last_plus_two was blocked again by last_plus's second difference (the same
    # uninitialised read); that one settled too, so it is tested in the next round, not left "not checked"
    r = results["last_plus_two"]
    assert r.equivalence == "equivalent", r.counterexample or r.untested_reason
    assert r.inputs_tested > 0, r


def test_a_caller_of_a_function_that_really_differs_stays_unchecked(results):
    r = results["twice_plus"]
    assert r.equivalence == "untested" and r.untested_reason.startswith(NOT_CHECKED), r.untested_reason
    assert "`twice`" in r.untested_reason


def test_a_caller_released_by_its_settled_callee_says_why_it_is_untested_now(results):
    # last_halved was "not checked" while last_of differed; once last_of is settled its run finds no input
    # with defined behaviour, and that reason replaces the one naming a callee that no longer differs
    r = results["last_halved"]
    assert r.equivalence == "untested", r.counterexample
    assert not r.untested_reason.startswith(NOT_CHECKED), r.untested_reason
    assert r.untested_reason.startswith(NO_DEFINED_INPUT), r.untested_reason
