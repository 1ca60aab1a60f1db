"""Callees first: a function is compared once its callees have their verdicts, and a caller of a callee that
differs is not compared (nor blamed) at all. The scheduler alone, then real gcc and cargo on a hand-written
library whose Rust callee differs."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from helpers.handwritten import handwritten_library

from llmigrate.verify.difftest.driver import differential
from llmigrate.verify.difftest.order import NOT_CHECKED, callees_first


@dataclass
class _Verdict:
    equivalence: str
    why: str = ""


def _run(callees: dict[str, list[str]], differs: set[str], pool=None) -> tuple[dict, list[str]]:
    tested: list[str] = []

    def test(fid: str) -> _Verdict:
        assert all(c in tested for c in callees.get(fid, []) if c in callees and c != fid
                   and fid not in callees.get(c, [])), f"{fid} tested before its callees"
        tested.append(fid)
        return _Verdict("differs" if fid in differs else "equivalent")

    results = callees_first(sorted(callees), callees, test, lambda fid, why: _Verdict("untested", why), pool)
    return results, tested


def test_callers_of_a_differing_callee_are_not_tested_and_say_which_callee():
    callees = {"top": ["mid"], "mid": ["leaf"], "leaf": [], "other": ["libc_fn"],
               "uses_top": ["top", "other"]}
    results, tested = _run(callees, {"leaf"})
    assert sorted(tested) == ["leaf", "other"]
    assert results["mid"].why == (f"{NOT_CHECKED} `leaf`, which differs from the C, so a difference here "
                                  "would be that function's")
    assert "`leaf` (through its callees)" in results["top"].why
    assert "`leaf` (through its callees)" in results["uses_top"].why
    assert (results["leaf"].equivalence, results["other"].equivalence) == ("differs", "equivalent")


def test_mutually_recursive_functions_are_tested_together_and_threads_give_the_same_verdicts():
    callees = {"even": ["odd"], "odd": ["even"], "parity": ["even"], "self_rec": ["self_rec"]}
    alone, tested = _run(callees, {"odd"})
    assert sorted(tested) == ["even", "odd", "self_rec"] and alone["parity"].equivalence == "untested"
    with ThreadPoolExecutor(max_workers=3) as pool:
        together, _ = _run(callees, {"odd"}, pool)
    assert together == alone


LIB_C = """\
unsigned twice(unsigned x) { return 2 * x; }
unsigned quad(unsigned x) { return twice(twice(x)); }
unsigned inc(unsigned x) { return x + 1; }
"""
LIB_RS = """\
#[no_mangle]
pub extern "C" fn twice(x: u32) -> u32 { x.wrapping_mul(2) | (x == 7) as u32 }
#[no_mangle]
pub extern "C" fn quad(x: u32) -> u32 { twice(twice(x)) }
#[no_mangle]
pub extern "C" fn inc(x: u32) -> u32 { x.wrapping_add(1) }
"""


@pytest.mark.slow
def test_a_caller_of_a_rust_callee_that_differs_is_left_untested_with_the_reason(tmp_path):
    ctx = handwritten_library(tmp_path, "order", {"lib.c": LIB_C}, LIB_RS)
    results = differential(ctx)
    assert results["twice"].equivalence == "differs" and "twice(7)" in results["twice"].counterexample
    assert results["inc"].equivalence == "equivalent"
    quad = results["quad"]
    assert (quad.equivalence, quad.counterexample, quad.inputs_tested) == ("untested", None, 0)
    assert quad.untested_reason.startswith(f"{NOT_CHECKED} `twice`, which differs from the C")
