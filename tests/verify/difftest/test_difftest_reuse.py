"""A harness built again from the same C reuses its objects (cached by content): the driver's are compiled
once per OUT, whatever functions the later harness holds."""

from __future__ import annotations

import pytest
from helpers import mini_project as mini

from llmigrate.verify.difftest import driver
from llmigrate.verify.difftest.build import build_harness
from llmigrate.verify.difftest.types import plan_function

pytestmark = pytest.mark.slow


def test_a_second_harness_compiles_no_driver_object_again_and_still_tests(tmp_path):
    src, out = mini.write_project(tmp_path)
    cb = mini.codebase_for(src)
    plans = {fid: plan_function(cb.functions[fid], cb) for fid in ("mid", "twice")}
    build_harness(src, out, cb, plans)
    cache = out / ".llmigrate" / "verify" / "cobj-main"
    objects = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.o")}
    assert len(objects) == 2  # the driver of the C sides and that of the Rust side
    again = build_harness(src, out, cb, {"mid": plans["mid"]})
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.o")} == objects
    assert again.index == {"mid": 0}
    # the C computes lo + (hi - lo) / 2, the Rust (lo + hi) / 2, which wraps
    assert driver.test_function(again, plans["mid"], n_random=50).equivalence == "differs"
