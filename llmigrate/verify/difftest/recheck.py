"""Inputs only the Rust hung on, run again alone with a longer watchdog on both sides: slower is not
different. Each recheck of a Rust that really loops costs RECHECK_FACTOR watchdogs, so they stop once one
input is shown to hang the Rust alone (the function differs, whatever the others do), and a Rust side
already rechecked on the same input by the same program (a later run of the function: its C side built with
its locals filled) is not waited for again (hung.py)."""

from __future__ import annotations

from pathlib import Path

from llmigrate.verify.difftest.build import Harness
from llmigrate.verify.difftest.dispute import Sides
from llmigrate.verify.difftest.hung import run_side_kept
from llmigrate.verify.difftest.inputs import pack
from llmigrate.verify.difftest.run import MAX_RECHECKS, RECHECK_FACTOR, WATCHDOG_MS
from llmigrate.verify.difftest.types import FuncPlan


def recheck_slow(h: Harness, plan: FuncPlan, vecs: list[tuple], base: Path, sides: Sides) -> None:
    """Recheck the inputs only the Rust hung on (at most MAX_RECHECKS, until one hangs the Rust alone)."""
    index, c_failed, r_failed = h.index[plan.fid], sides.c_failed, sides.r_failed
    slow = [i for i in range(len(vecs)) if r_failed.get(i) is not None and r_failed[i].kind == "hang"]
    for i in slow[:MAX_RECHECKS]:
        c_bad, r_bad, sides.c_recs[i], sides.r_recs[i], took = _recheck(h, plan, index, vecs[i], base)
        sides.c_took.pop(i, None)
        if took is not None:
            sides.c_took[i] = took
        if c_bad is not None:
            c_failed[i] = c_bad
        if r_bad is None:
            r_failed.pop(i)
        elif c_bad is None:
            break  # the C finished where the Rust did not, given five watchdogs: a difference


def _recheck(h: Harness, plan: FuncPlan, index: int, vec: tuple, base: Path):
    """One input run alone on both sides with RECHECK_FACTOR times the watchdog."""
    size, ms = plan.out_struct.size, WATCHDOG_MS * RECHECK_FACTOR
    path = base.with_suffix(".slow")
    path.write_bytes(pack(plan, [vec]))
    took: dict[int, int] = {}
    c_bad, c_data = run_side_kept(h.c_exe, index, path, base.with_suffix(".slowc"), 1, size, False,
                                  plan.stateful, ms, took)
    r_bad, r_data = run_side_kept(h.rust_exe, index, path, base.with_suffix(".slowr"), 1, size, True,
                                  plan.stateful, ms)
    return c_bad.get(0), r_bad.get(0), c_data[:size], r_data[:size], took.get(0)
