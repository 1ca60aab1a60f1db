"""A harness built again from the same C reuses its objects (cached by content): the driver, one for the C and
the Rust sides, is compiled once per OUT, whatever functions the later harness holds."""

from __future__ import annotations

import shutil

import pytest
from helpers import mini_project as mini

from llmigrate.verify.build import compiler_runs
from llmigrate.verify.difftest import driver
from llmigrate.verify.difftest.build import build_harness
from llmigrate.verify.difftest.types import plan_function

pytestmark = pytest.mark.slow


def test_a_second_harness_compiles_no_driver_object_again_and_still_tests(tmp_path):
    src, out = mini.write_project(tmp_path)
    cb = mini.codebase_for(src)
    plans = {fid: plan_function(cb.functions[fid], cb) for fid in ("mid", "twice")}
    before = compiler_runs()
    build_harness(src, out, cb, plans)
    # one driver for every side: the C sides tell themselves apart by the marker object they link
    assert (compiler_runs() - before)["difftest_main.c"] == 1
    cache = out / ".llmigrate" / "verify" / "cobj-main"
    objects = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.o")}
    assert len(objects) == 2  # the driver and the C sides' marker
    again = build_harness(src, out, cb, {"mid": plans["mid"]})
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.o")} == objects
    assert again.index == {"mid": 0}
    # the C computes lo + (hi - lo) / 2, the Rust (lo + hi) / 2, which wraps
    assert driver.test_function(again, plans["mid"], n_random=50).equivalence == "differs"


def _compiles(runs) -> int:
    """Compiler runs that made an object (links name an executable, which has no suffix)."""
    return sum(n for what, n in runs.items() if what.endswith(".c"))


def test_a_second_function_shares_the_first_functions_harness_build(tmp_path):
    """The harness is built once per crate: each file's units hold all its functions' calls, so testing a
    second function of the file costs no compiler run of its own, and the same harness built again costs
    none at all (every object is cached by content); counted by verify's own record of compiler runs."""
    src, out = mini.write_project(tmp_path)
    cb = mini.codebase_for(src)
    plans = {fid: plan_function(cb.functions[fid], cb) for fid in ("mid", "add_u64")}
    one_out, two_out = tmp_path / "one", tmp_path / "two"
    for o in (one_out, two_out):
        shutil.copytree(out, o)
    before = compiler_runs()
    build_harness(src, one_out, cb, {"mid": plans["mid"]})
    one = compiler_runs() - before
    before = compiler_runs()
    both = build_harness(src, two_out, cb, plans)
    two = compiler_runs() - before
    assert _compiles(two) == _compiles(one) > 0
    assert both.index == {"mid": 0, "add_u64": 1}, both.untested
    before = compiler_runs()
    again = build_harness(src, two_out, cb, plans)
    assert _compiles(compiler_runs() - before) == 0
    assert driver.test_function(again, plans["add_u64"], n_random=50).equivalence == "equivalent"
