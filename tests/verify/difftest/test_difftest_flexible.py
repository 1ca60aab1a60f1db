"""Objects ending in a flexible array member (`unsigned count; int items[];`) are generated with elements
after the struct, as many as a member counting them reaches, given as an argument or behind a pointer member,
and compared with them. Each function has a twin whose Rust differs in one seeded way, which the inputs must
catch. Hand-written C and crate (tests/data/verify/difftest/flexible/); real analysis, gcc and cargo."""

from __future__ import annotations

import pytest
from helpers.handwritten import data_library

from llmigrate.verify.difftest.driver import differential

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory):
    return differential(data_library(tmp_path_factory.mktemp("flexible"), "verify/difftest/flexible"))


@pytest.mark.parametrize("fid", ["bag_sum", "bag_bump", "cursor_peek"])
def test_compared_on_objects_with_their_flexible_array(results, fid):
    r = results[fid]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested >= 100
    assert not [f for f in r.findings if "null pointer" not in f], r.findings  # nothing read past the objects


@pytest.mark.parametrize(("fid", "shown"), [
    ("bag_sum_bad", "returned"),
    ("bag_bump_bad", "items[3]"),  # the elements written are compared
    ("cursor_peek_bad", "returned"),  # reached through the cursor's pointer
])
def test_a_seeded_difference_is_caught(results, fid, shown):
    r = results[fid]
    assert r.equivalence == "differs", r.untested_reason
    assert shown in r.counterexample, r.counterexample
