"""Inputs on which the C is defined, for functions a first run compared on none: a declared array whose
dimension is a macro (its text ending in a comment) is given in full; a pointer without a length gets room
for what the C reads through it in a second run; an exit status is a result the Rust must give too; the inputs
a C run left when it stopped after hanging on a few boundary ones run again. Each
function has a twin whose Rust differs in one seeded way, which the new inputs must catch. Hand-written C and
crate (tests/data/verify/difftest/room/); real analysis, gcc and cargo."""

from __future__ import annotations

import pytest
from helpers.handwritten import data_library

from llmigrate.verify.difftest.driver import differential

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory):
    return differential(data_library(tmp_path_factory.mktemp("room"), "verify/difftest/room"))


@pytest.mark.parametrize("fid", ["frame_flip", "words_sum", "give_up", "clamp_or_exit", "grow"])
def test_compared_on_inputs_where_the_c_is_defined(results, fid):
    r = results[fid]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested >= 100, r.inputs_tested


@pytest.mark.parametrize(("fid", "shown"), [
    ("frame_flip_bad", "bits[95]"),  # past the 64 elements a buffer with a length parameter gets
    ("words_sum_bad", "returned"),
    ("give_up_bad", "), Rust exited (status "),
    ("clamp_or_exit_bad", "C exited (status 3), Rust returned"),
    ("grow_bad", "returned"),
])
def test_a_seeded_difference_is_caught(results, fid, shown):
    r = results[fid]
    assert r.equivalence == "differs", r.untested_reason
    assert shown in r.counterexample, r.counterexample
