"""Differential tests against a hand-written crate with known faults: real gcc, cargo, child processes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import mini_project as mini

from llmigrate.verify.difftest.driver import DiffResult, differential
from llmigrate.verify.difftest.inputs import generate
from llmigrate.verify.difftest.types import plan_function

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    src, out = mini.write_project(tmp_path_factory.mktemp("mini"))
    cb = mini.codebase_for(src)
    return cb, differential(mini.context_for(src, out, cb))


def _vectors(cb, fid: str) -> list[tuple]:
    return generate(plan_function(cb.functions[fid], cb))


def _num(text: str) -> int:
    return int(text, 0)


def test_wrong_result_is_caught_with_a_small_real_counterexample(project):
    cb, res = project
    r: DiffResult = res["mid"]
    assert r.equivalence == "differs" and r.differing > 0
    m = re.fullmatch(r"mid\((\S+), (\S+)\): C returned (\S+), Rust returned (\S+)", r.counterexample)
    assert m, r.counterexample
    lo, hi, c, rust = map(_num, m.groups())
    assert c == (lo + ((hi - lo) % 2**32) // 2) % 2**32  # what the C computes
    assert rust == ((lo + hi) % 2**32) // 2  # what the wrong Rust computes
    assert c != rust
    assert lo + hi < 2**10  # shrunk: the first differing boundary vectors are far larger


def test_debug_overflow_panic_is_caught(project):
    _, res = project
    r = res["triple"]
    assert r.equivalence == "differs"
    m = re.fullmatch(r"triple\((\S+)\): C returned (\S+), Rust panicked \(attempt to multiply with overflow "
                     r"at src/lib.rs:\d+:\d+\)", r.counterexample)
    assert m, r.counterexample
    x, c = _num(m.group(1)), _num(m.group(2))
    assert x * 3 >= 2**64 and c == x * 3 % 2**64


def test_crash_and_hang_on_one_input_are_localised(project):
    _, res = project
    assert res["crash_on_5"].counterexample == "crash_on_5(5): C returned 4, Rust crashed (SIGSEGV)"
    assert res["hang_on_7"].counterexample == "hang_on_7(7): C returned 8, Rust did not finish within 2 s"
    # every other input still ran and compared equal
    assert res["crash_on_5"].differing == 1 and res["hang_on_7"].differing == 1
    assert res["crash_on_5"].inputs_tested > 500


def test_buffer_written_past_its_length_is_caught(project):
    _, res = project
    r = res["fill"]
    assert r.equivalence == "differs"
    m = re.fullmatch(r"fill\(\[(.*)\], (\d+), (\S+)\): dst\[(\d+)\]: C wrote (\S+), Rust wrote (\S+)",
                     r.counterexample)
    assert m, r.counterexample
    length, index = int(m.group(2)), int(m.group(4))
    assert index == length  # the byte just past the buffer the function was given
    assert _num(m.group(6)) == _num(m.group(3))


def _overflows_i32(v: int) -> bool:
    return not -(2**31) <= v < 2**31


@pytest.mark.parametrize("fid, is_ub", [
    ("add_i32", lambda a, b: _overflows_i32(a + b)),
    ("shl", lambda x, n: n >= 32),
    ("divi", lambda a, b: b == 0 or _overflows_i32(int(a / b))),
])
def test_inputs_with_c_undefined_behaviour_are_skipped_and_counted(project, fid, is_ub):
    cb, res = project
    vecs = _vectors(cb, fid)
    expected_ub = sum(1 for v in vecs if is_ub(*v))
    r = res[fid]
    assert expected_ub > 0
    assert r.skipped_ub == expected_ub
    assert r.equivalence == "equivalent"  # the Rust differs exactly where C is undefined: not reported
    assert r.inputs_tested == len(vecs) - expected_ub


def test_faithful_functions_of_every_supported_shape_are_equivalent(project):
    cb, res = project
    for fid in ("add_u64", "sum_u32", "split", "mkpair", "pair_sum", "pair_bump", "half", "cmp_u16",
                "find_char"):
        r = res[fid]
        assert r.equivalence == "equivalent", (fid, r.counterexample)
        vecs = _vectors(cb, fid)
        # NULL passed for an out-parameter the C writes unconditionally: undefined in C, the input is skipped
        null = sum(1 for v in vecs if None in v)
        assert r.skipped_ub == null and (null > 0) == (fid in ("split", "pair_bump")), fid
        assert r.inputs_tested == len(vecs) - null, fid
        assert r.skipped_c_failed == 0


def test_dropped_null_check_is_caught(project):
    _, res = project
    r = res["divrem"]
    assert r.equivalence == "differs"
    # debug builds check raw dereferences: a panic, else a segfault
    m = re.fullmatch(r"divrem\((\S+), (\S+), NULL\): C returned (\S+), Rust (?:crashed \(SIGSEGV\)|"
                     r"panicked \(null pointer dereference.*\))", r.counterexample)
    assert m, r.counterexample
    a, b, c = map(_num, m.groups())
    assert b != 0 and c == a // b


def test_unsupported_functions_are_untested_with_the_reason(project):
    _, res = project
    assert res["twice"].untested_reason.startswith("static")


def test_a_callback_src_exports_nothing_of_is_given_the_harness_own(project):
    _, res = project
    # `int (*)(int)`: no function of the project has that type; NULL alone would crash the C every time.
    assert res["apply"].equivalence == "equivalent", res["apply"].untested_reason


def test_fixing_one_function_and_breaking_a_returned_pointer(tmp_path: Path):
    rust = mini.LIB_RS.replace("lo.wrapping_add(hi) / 2", "lo.wrapping_add(hi.wrapping_sub(lo) / 2)")
    rust = rust.replace("return p;\n", "return p.add(1);\n")  # one past the match
    src, out = mini.write_project(tmp_path, rust=rust)
    cb = mini.codebase_for(src)
    res = differential(mini.context_for(src, out, cb), ["mid", "fill", "find_char"])
    assert res["mid"].equivalence == "equivalent"
    assert res["fill"].equivalence == "differs"  # still broken: only mid was fixed
    m = re.fullmatch(r'find_char\("(.*)", (\S+)\): C returned &s\[(\d+)\], Rust returned &s\[(\d+)\]',
                     res["find_char"].counterexample)
    assert m, res["find_char"].counterexample
    assert int(m.group(4)) == int(m.group(3)) + 1


def test_global_state_is_fresh_for_every_input(project):
    # The C stops on 13 (a NULL store, skipped, never shown to the Rust); run in one process, the C's
    # running total would restart after it while the Rust's would not. Each input gets a fresh process.
    cb, res = project
    r = res["tally"]
    assert plan_function(cb.functions["tally"], cb).stateful
    assert r.equivalence == "equivalent", r.counterexample
    assert r.skipped_ub == 1 and r.inputs_tested == len(_vectors(cb, "tally")) - 1
