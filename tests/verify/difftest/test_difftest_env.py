"""Differential verdicts that must not depend on the harness's environment: memory left by earlier inputs,
reads past a buffer into whatever each executable keeps there, C's undefined builtins, and a Rust build slower
than the C. A hand-written C library and crate; real gcc, cargo and child processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import data_text

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.core import RunContext
from llmigrate.journal import FunctionRecord, Journal, Status
from llmigrate.verify.difftest.build import build_harness
from llmigrate.verify.difftest.driver import differential, evaluate
from llmigrate.verify.difftest.types import plan_function

pytestmark = pytest.mark.slow

HEADER = data_text("verify/difftest/env/env.h")
LIB_C = data_text("verify/difftest/env/env.c")
LIB_RS = data_text("verify/difftest/env/lib.rs")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("env")
    src, out = root / "src", root / "out"
    (src / "tests").mkdir(parents=True)
    (src / "env.h").write_text(HEADER)
    (src / "env.c").write_text(LIB_C)
    (out / "src").mkdir(parents=True)
    (out / "Cargo.toml").write_text('[package]\nname = "env-rs"\nversion = "0.1.0"\nedition = "2021"\n\n'
                                    '[lib]\ncrate-type = ["rlib", "staticlib"]\n')
    (out / "src" / "lib.rs").write_text(LIB_RS)
    cb = analyze_dir(src, load_config(src))
    journal = Journal.create(out, str(src.resolve()), "handwritten", None)
    for fid, fn in cb.functions.items():
        journal.functions[fid] = FunctionRecord(fn.name, fn.file, fid, fn.hash, "env", status=Status.COMPILED)
    journal.save()
    return src, out, cb, journal


def _context(project) -> RunContext:
    src, out, cb, journal = project
    return RunContext(src, out, cb.config, cb, journal)


def _run(project, fid: str, vecs: list[tuple], tag: str = "env"):
    src, out, cb, _ = project
    plan = plan_function(cb.functions[fid], cb)
    h = build_harness(src, out, cb, {fid: plan})
    return plan, evaluate(h, plan, vecs, tag=tag)


def test_each_input_gets_the_same_memory_allowance_whatever_earlier_inputs_leaked(project):
    # 60 MiB (of the 64 MiB allowance) leaked per input: under one fixed address-space limit for the whole
    # run the second would fail, and which one fails would depend on what ran before (and on the
    # executable's own size).
    plan, verdicts = _run(project, "grab", [(60,)] * 10)
    assert [v.kind for v in verdicts] == ["same"] * 10
    c_out = (Path(project[1]) / ".llmigrate/verify/difftest/io/0-env.c").read_bytes()[8:]
    assert [plan.out_struct.unpack(c_out[i * 4:(i + 1) * 4])[0] for i in range(10)] == [1] * 10


def test_an_allocation_the_memory_limit_refused_is_the_environment_not_a_difference(project):
    res = differential(_context(project), ["grab", "grab_free"])
    for fid in ("grab", "grab_free"):
        r = res[fid]
        assert r.equivalence == "equivalent", (fid, r.counterexample)
    # grab_free's Rust never allocates (an optimiser may drop an unused allocation): every input on which
    # the C's allocation failed for want of memory is skipped, not reported as a difference.
    assert res["grab_free"].skipped_env > 0 and res["grab_free"].inputs_tested > 0
    # Whether the C's request is impossible (4 PiB) or merely over the allowance (2 GiB), the optimised side
    # never asked: not a difference. A request that fits is compared.
    _, verdicts = _run(project, "grab_free", [(0xFFFFFFFF,), (2048,), (1,)])
    assert [v.kind for v in verdicts] == ["env", "env", "same"]


def test_clz_of_zero_is_c_undefined_behaviour_and_skipped(project):
    r = differential(_context(project), ["ilog2_u64"])["ilog2_u64"]
    assert r.equivalence == "equivalent", r.counterexample
    assert r.skipped_ub == 1 and r.inputs_tested > 100


def test_reads_past_a_buffer_fault_on_both_sides_instead_of_comparing_stray_memory(project):
    res = differential(_context(project), ["weight", "at"])
    for fid in ("weight", "at"):
        assert res[fid].equivalence == "equivalent", (fid, res[fid].counterexample)
    assert res["weight"].skipped_c_failed > 0  # bit counts far past the one word passed: the C faulted
    # Far out on either side faults; just past the end reads the harness's zeroed guard elements.
    _, verdicts = _run(project, "at", [([7], 0), ([7], 3), ([7], -(2**31)), ([7], 2**31 - 1)])
    assert [v.kind for v in verdicts] == ["same", "same", "c_failed", "c_failed"]


def test_a_loop_the_optimised_c_finishes_in_time_finishes_in_the_rust_too(project):
    # 2^28 rounds: well under the watchdog for -O1 C, several times over it for a debug-build Rust.
    _, verdicts = _run(project, "spin", [(1 << 28,), (5,)])
    assert [v.kind for v in verdicts] == ["same", "same"], [v.text for v in verdicts]


def test_a_rust_only_timeout_is_checked_again_with_a_longer_watchdog(project):
    # A loaded machine can push an input the C finishes in 1.7 s past the 2 s watchdog on the Rust side
    # alone; here the Rust takes 2.5 s on input 1. Rechecked alone with a longer watchdog it is no
    # difference; a Rust that really loops still is (test_difftest: hang_on_7).
    _, verdicts = _run(project, "slow", [(1,), (3,)], tag="main")
    assert [v.kind for v in verdicts] == ["same", "same"], [v.text for v in verdicts]


def test_a_rust_timeout_where_the_c_came_near_the_watchdog_is_not_compared(project):
    # The C takes 0.7 s on input 1, the Rust more than the 2 s watchdog: not shown to be RECHECK_FACTOR (5)
    # times slower, which a loaded machine may make of a merely slower Rust. No result to compare, no
    # difference (the C's time is measured by the harness; a Rust over a fast C is: test_difftest hang_on_7).
    _, verdicts = _run(project, "near_limit", [(1,), (3,)])
    assert [v.kind for v in verdicts] == ["c_failed", "same"], [v.text for v in verdicts]
    assert "too slow on both sides" in verdicts[0].text

