"""A rerun's harness (functions tested again with new plans: setup.py, the filled locals) is built over every
function the first harness held, so the units of files with nothing rerun are the first build's cached
objects: only the rerun functions' file compiles again, and their verdicts are those of a harness built for
them alone."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess

import pytest
from helpers import mini_project as mini

from llmigrate.core import CFunction, Param
from llmigrate.verify.build import compiler_runs
from llmigrate.verify.difftest import driver
from llmigrate.verify.difftest.build import build_harness, rebuilt_plans
from llmigrate.verify.difftest.exports import WRAPPER
from llmigrate.verify.difftest.types import plan_function
from llmigrate.verify.difftest.unit import unit_definitions

pytestmark = pytest.mark.slow

# A second file: `first` reads only p[0] (one object is all the first run gives a pointer without a length).
EXTRA_C = "#include <stdint.h>\nuint32_t first(const uint32_t *p) { return p[0] + 1u; }\n"
# The module layout the test-only exports of static functions call into (mini.c's static `twice`).
EXTRA_RS = """
#[no_mangle]
pub unsafe extern "C" fn first(p: *const u32) -> u32 { (*p).wrapping_add(1) }
pub mod shared {}
pub mod mini { pub fn twice(x: u32) -> u32 { x.wrapping_mul(2) } }
"""


def _two_files(tmp_path):
    src, out = mini.write_project(tmp_path, rust=mini.LIB_RS + EXTRA_RS)
    (src / "extra.c").write_text(EXTRA_C)
    cb = mini.codebase_for(src)
    cb.files.append("extra.c")
    cb.functions["first"] = CFunction(
        id="first", name="first", file="extra.c", start_line=2, end_line=2, signature="uint32_t first(...)",
        return_type="uint32_t", params=[Param("p", "const uint32_t *")],
        hash=hashlib.sha256(b"first").hexdigest())
    return src, out, cb


def _roomy(plan):
    """The plan with room for 64 objects behind its pointer, as setup.run_again would give it."""
    return dataclasses.replace(plan, args=[dataclasses.replace(plan.args[0], role="buffer", cap=64)])


def _compiled(runs) -> set[str]:
    return {what for what, n in runs.items() if n and what.endswith(".c")}


def test_a_rerun_harness_compiles_only_its_functions_file_and_gives_their_verdicts(tmp_path):
    src, out, cb = _two_files(tmp_path)
    plans = {fid: plan_function(cb.functions[fid], cb) for fid in ("mid", "twice", "first")}
    first = build_harness(src, out, cb, plans)
    assert set(first.index) == set(plans), first.untested
    archive = first.dir / f"lib{WRAPPER}.a"
    made = archive.stat().st_mtime_ns
    built = {fid: plans[fid] for fid in first.index}
    again = {"first": _roomy(plans["first"])}
    before = compiler_runs()
    rebuilt = build_harness(src, out, cb, rebuilt_plans(built, again))
    # extra.c's units (its file sorts first) and the table; mini.c's units are the first build's, and no file
    # is compiled as a library object; the static function's export is the same archive
    assert _compiled(compiler_runs() - before) == {"unit_0_c.c", "unit_0_casan.c", "unit_0_rust.c", "table.c"}
    assert rebuilt.index == first.index
    assert archive.stat().st_mtime_ns == made
    ours = driver.test_function(rebuilt, again["first"], n_random=50)
    alone = driver.test_function(build_harness(src, out, cb, again), again["first"], n_random=50)
    assert dataclasses.replace(ours, seconds=0.0) == dataclasses.replace(alone, seconds=0.0)
    assert ours.equivalence == "equivalent" and ours.inputs_tested > 0


def test_rebuilt_plans_keep_the_first_builds_order_with_the_rerun_plans_in_place():
    built = {"a": 1, "b": 2, "c": 3}
    assert list(rebuilt_plans(built, {"b": 20, "d": 4}).items()) == [("a", 1), ("b", 20), ("c", 3), ("d", 4)]
    assert rebuilt_plans({}, {"x": 1}) == {"x": 1}


def test_a_units_definitions_are_kept_under_its_compile_key_and_asked_again_when_it_changes(tmp_path,
                                                                                          monkeypatch):
    """What nm found in a Rust-side unit is kept beside it under the unit's compile key: the same object
    (a rerun's harness reusing it) is answered without nm, a recompiled one is asked again."""
    obj, stamp = tmp_path / "unit_0_rust.o", tmp_path / "unit_0_rust.key"

    def compiled(text: str, key: str) -> None:
        (tmp_path / "unit_0_rust.c").write_text(text)
        subprocess.run(["gcc", "-c", str(tmp_path / "unit_0_rust.c"), "-o", str(obj)], check=True)
        stamp.write_text(key)

    compiled("int kept(void) { return 1; }\nint difftest_call_0(void) { return kept(); }\n", "k1")
    assert unit_definitions(obj) == ["kept"]
    path = os.environ["PATH"]
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))  # nm cannot run: the answer is the kept one
    assert unit_definitions(obj) == ["kept"]
    monkeypatch.setenv("PATH", path)
    compiled("int other(void) { return 2; }\n", "k2")
    assert unit_definitions(obj) == ["other"]


def test_a_harness_built_again_from_a_text_it_held_before_compiles_nothing_and_an_edit_compiles_again(
        tmp_path):
    """Units are kept by content, a few versions per unit: the first plans after a rerun's (the next
    verification of OUT) link the objects of the first build; an edited C file compiles its units again."""
    src, out, cb = _two_files(tmp_path)
    plans = {fid: plan_function(cb.functions[fid], cb) for fid in ("mid", "twice", "first")}
    first = build_harness(src, out, cb, plans)
    built = {fid: plans[fid] for fid in first.index}
    build_harness(src, out, cb, rebuilt_plans(built, {"first": _roomy(plans["first"])}))
    before = compiler_runs()
    again = build_harness(src, out, cb, plans)
    assert _compiled(compiler_runs() - before) == set()  # the table of these plans too
    assert driver.test_function(again, plans["first"], n_random=50).equivalence == "equivalent"
    (src / "extra.c").write_text(EXTRA_C.replace("p[0] + 1u", "1u + p[0]"))
    before = compiler_runs()
    build_harness(src, out, cb, plans)
    assert _compiled(compiler_runs() - before) == {"unit_0_c.c", "unit_0_casan.c", "unit_0_rust.c"}


def test_a_rerun_harness_holds_only_the_rerun_functions_calls_in_their_file_and_gives_their_verdicts(
        tmp_path):
    """Built to run the rerun functions alone (`tested`), a file with one of them holds its calls only (the
    other functions of the file keep their table slots, with no call); a file without keeps every call, as
    the first build's objects hold. The verdict is that of a harness built for the function alone."""
    src, out, cb = _two_files(tmp_path)
    plans = {fid: plan_function(cb.functions[fid], cb) for fid in ("mid", "twice", "first")}
    first = build_harness(src, out, cb, plans)
    built = {fid: plans[fid] for fid in first.index}
    again = {"mid": dataclasses.replace(plans["mid"])}
    before = compiler_runs()
    rebuilt = build_harness(src, out, cb, rebuilt_plans(built, again), tested=set(again))
    # mini.c's units (the second file) with mid's call alone, and the table; extra.c's are the first build's
    assert _compiled(compiler_runs() - before) == {"unit_1_c.c", "unit_1_casan.c", "unit_1_rust.c", "table.c"}
    assert rebuilt.index == first.index
    unit = (rebuilt.dir / "unit_1_c.c").read_text()
    calls = {fid: f"difftest_call_{i}(" for fid, i in first.index.items()}
    assert calls["mid"] in unit and calls["twice"] not in unit
    ours = driver.test_function(rebuilt, again["mid"], n_random=50)
    alone = driver.test_function(build_harness(src, out, cb, again), again["mid"], n_random=50)
    assert dataclasses.replace(ours, seconds=0.0) == dataclasses.replace(alone, seconds=0.0)
    assert ours.equivalence == "differs"  # the C computes lo + (hi - lo) / 2, the Rust (lo + hi) / 2
