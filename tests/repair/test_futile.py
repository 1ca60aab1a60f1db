"""Repair that can change nothing is not repeated: the deterministic builtin backend, shown the same compile
errors or the same difference twice, ends the loop and the unit stays in C with the reason. Real cargo and
the real builtin backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.backends import get_backend
from llmigrate.config import Config
from llmigrate.core import SharedTranslation
from llmigrate.journal import FunctionRecord, Journal, RepairRound, Status
from llmigrate.plan import make_plan
from llmigrate.reintegrate.crate_state import CrateState
from llmigrate.repair.diff import repair_differences
from llmigrate.repair.futile import deterministic, repeated, same_code, tried_in
from llmigrate.repair.loop import Loop, run
from llmigrate.signatures.mapper import map_all

C = "int inc(int x)\n{\n\treturn x + 1;\n}\n\nint dec(int x)\n{\n\treturn x - 1;\n}\n"
INC = "pub fn inc(x: i32) -> i32 {\n    x.wrapping_add(1)\n}\n"
DEC = "pub fn dec(x: i32) -> i32 {\n    x.wrapping_sub(1)\n}\n"


def _loop(tmp_path: Path, code: dict[str, str], max_repairs: int = 5) -> Loop:
    src = tmp_path / "src"
    src.mkdir()
    (src / "m.c").write_text(C)
    cb = analyze_dir(src)
    plan, sigs = make_plan(cb), map_all(cb)
    journal = Journal.create(tmp_path / "out", str(src), "builtin", None)
    for unit in plan.units():
        for fid in unit.functions:
            journal.functions[fid] = FunctionRecord(fid, "m.c", unit.id, "", sigs[fid].module)
    state = CrateState(tmp_path / "out", "m", cb, plan, sigs, "", Config(), code=code)
    return Loop(state, get_backend("builtin", Config()), journal, SharedTranslation(""), max_repairs)


@pytest.mark.slow
def test_the_same_compile_errors_twice_keep_the_unit_in_c_after_one_round(tmp_path: Path):
    loop = _loop(tmp_path, {"inc": INC, "dec": "pub fn dec(x: i32) -> i32 {\n    x - one\n}\n"})
    result = run(loop)
    assert result.failing == {"dec"} and loop.state.kept == {"dec"}
    rounds = loop.journal.functions["dec"].rounds
    assert len(rounds) == 1 and "cannot improve" in rounds[0].note  # asked once, not max_repairs times
    why = loop.journal.functions["dec"].reasons[-1]
    assert why.startswith("kept in C: the builtin backend is deterministic and the same errors as in round 1 "
                          "came back: error[E0425]: cannot find value `one`"), why
    assert loop.journal.functions["inc"].rounds == []


@pytest.mark.slow
def test_the_same_difference_twice_keeps_the_unit_in_c(tmp_path: Path):
    loop = _loop(tmp_path, {"inc": INC, "dec": "pub fn dec(x: i32) -> i32 {\n    x.wrapping_add(1)\n}\n"})
    loop.state.write()
    for fid in ("inc", "dec"):  # as verify leaves them
        loop.journal.functions[fid].status = Status.COMPILED
    loop.journal.functions["dec"].update(equivalence="differs", counterexample="dec(0): C returned -1, Rust "
                                                                               "returned 1")

    def differential(fids: list[str]) -> dict:
        raise AssertionError("nothing changed, so nothing is tested again")

    changed = repair_differences(loop, differential, lambda: loop.state.write() or True)
    assert changed == {"dec"} and loop.state.kept == {"dec"}
    entry = loop.journal.functions["dec"]
    assert [r.kind for r in entry.rounds] == ["differential"]  # one round, not max_repairs
    assert entry.status == Status.KEPT_IN_C
    assert entry.reasons[-1].startswith("kept in C: the builtin backend is deterministic and the same "
                                        "difference as in round 1 came back:")
    assert "dec(0): C returned -1, Rust returned 1" in entry.reasons[-1]
    assert "__llmigrate_c_dec" in (loop.state.out / "src" / "m.rs").read_text()


def test_repeated_sees_the_same_errors_wherever_they_are_reported():
    err = "error[E0425]: cannot find value `one`\n --> src/m.rs:{}:9\n  |\n{} |     x - one\n  |     ^^^\n"
    rounds = [RepairRound(1, "compile", [err.format(12, 12)], "old", None)]
    assert repeated(rounds, "compile", [err.format(40, 40)]) == "the same errors as in round 1"
    assert repeated(rounds, "compile", ["error[E0308]: mismatched types"]) is None
    assert repeated(rounds, "differential", [err.format(12, 12)]) is None  # another kind of round
    assert repeated(rounds, "compile", ["other"], reply="old") == "a reply identical to the code of round 1"
    assert deterministic(get_backend("builtin", Config())) and not deterministic(object())


def test_code_is_the_same_whatever_its_layout_and_comments_but_not_its_literals_or_labels():
    code = "pub fn f(mut a: u64) -> u64 {\n    while a > 9 {\n        a >>= 1;\n    }\n    a\n}\n"
    # what a real model sent back as its "repair": the same code, re-indented
    reindented = code.replace("    }\n    a", "     }\n    a").replace("    while", "  // halve\n    while")
    assert same_code(code, reindented) and same_code(None, None) and not same_code(code, None)
    assert not same_code(code, code.replace("a > 9", "a >= 9"))
    assert not same_code('fn g() { p("a b") }', 'fn g() { p("a  b") }')
    assert not same_code("fn g() { 'a: loop { break 'a; } }", "fn g() { 'b: loop { break 'b; } }")
    rounds = [RepairRound(1, "differential", ["differs"], code, "backend")]
    why = repeated(rounds, "differential", ["other"], reindented)
    assert why == "a reply identical to the code of round 1"
    assert tried_in(rounds, "differential", reindented) == 1
