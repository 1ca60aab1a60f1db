"""Functions the harness could not call from C: an always_inline definition (the Rust side's declaration view
of its file kept `inline` without a body, which gcc refuses to call), a parameter that points to a typedef of
a function type (`visit_fn *visit`, given SRC's functions of that type as any function pointer), and a struct
with bit-fields (given by value; not compared afterwards, as code may keep a pointer's bits in their storage).
Each function has a twin whose Rust differs in one seeded way, which the inputs must catch. Hand-written C and
crate (tests/data/verify/difftest/calls/); real analysis, gcc and cargo."""

from __future__ import annotations

import pytest
from helpers.handwritten import data_library

from llmigrate.verify.difftest.driver import differential

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory):
    return differential(data_library(tmp_path_factory.mktemp("calls"), "verify/difftest/calls"))


@pytest.mark.parametrize("fid", ["mix", "visit_all", "flags_score"])
def test_compared_on_inputs_where_the_c_is_defined(results, fid):
    r = results[fid]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested >= 100


@pytest.mark.parametrize(("fid", "shown"), [("mix_bad", "s["), ("visit_all_bad", "items[0]"),
                                           ("flags_score_bad", "returned")])
def test_a_seeded_difference_is_caught(results, fid, shown):
    r = results[fid]
    assert r.equivalence == "differs", r.untested_reason
    assert shown in r.counterexample, r.counterexample
