"""The repair loop against real cargo: rustc's fixes, backend repairs, rollback, keeping in C, the skeleton.

The backend is a test double at the model edge (a Translator answering from a table); cargo is real.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import data_text

from llmigrate.config import Config
from llmigrate.core import SharedTranslation, Translation
from llmigrate.journal import FunctionRecord, Journal, RepairRound
from llmigrate.reintegrate.crate_state import CrateState
from llmigrate.repair.loop import Loop, run

pytestmark = pytest.mark.slow

C = data_text("repair/m.c")
GOOD = {
    "first": "pub fn first(x: u64) -> u64 {\n    x.wrapping_add(1)\n}\n",
    "second": "pub fn second(x: u64) -> u64 {\n    x.wrapping_add(2)\n}\n",
    "third": "pub fn third(x: u64) -> u64 {\n    crate::m::first(x).wrapping_add(crate::m::second(x))\n}\n",
}


class TableBackend:
    """Repairs from a table: function id -> list of replies (Rust text), consumed in order."""

    name = "table"
    model = None

    def __init__(self, repairs: dict[str, list[str]]):
        self.repairs = repairs
        self.asked: list[tuple[str, list[str]]] = []

    def translate_shared(self, codebase):
        raise AssertionError("not used by repair")

    def translate_unit(self, request):
        raise AssertionError("not used by repair")

    def repair_unit(self, request):
        fid = request.request.unit.functions[0]
        self.asked.append((fid, request.diagnostics))
        replies = self.repairs.get(fid) or []
        if not replies:
            return Translation(request.request.unit.id, {}, ok=False, reasons=["no repair left"])
        return Translation(request.request.unit.id, {fid: replies.pop(0)})


def setup(tmp_path: Path, code: dict[str, str], backend: TableBackend, shared: str = "",
          max_repairs: int = 3) -> Loop:
    from llmigrate.analyze.codebase import analyze_dir
    from llmigrate.plan import make_plan
    from llmigrate.signatures.mapper import map_all

    src = tmp_path / "m"
    src.mkdir()
    (src / "m.c").write_text(C)
    codebase = analyze_dir(src)
    plan = make_plan(codebase)
    sigs = map_all(codebase)
    out = tmp_path / "out"
    journal = Journal.create(out, str(src), backend.name, None)
    for unit in plan.units():
        for fid in unit.functions:
            journal.functions[fid] = FunctionRecord(fid, "m.c", unit.id, "", sigs[fid].module)
    state = CrateState(out, "m", codebase, plan, sigs, shared, Config(), code=dict(code))
    return Loop(state, backend, journal, SharedTranslation(shared), max_repairs)


def outcomes(loop: Loop, fid: str) -> list[tuple[str | None, str]]:
    return [(r.fixed_by, r.outcome) for r in loop.journal.functions[fid].rounds]


def test_rustc_fix_first_then_backend_repair(tmp_path):
    # E0384 has a machine-applicable fix (`mut`); the unknown name needs the backend.
    code = dict(GOOD, first="pub fn first(x: u64) -> u64 {\n    let y = 0;\n    y = x;\n    y + 1\n}\n",
                second="pub fn second(x: u64) -> u64 {\n    x + two\n}\n")
    backend = TableBackend({"second": [GOOD["second"]]})
    loop = setup(tmp_path, code, backend)
    result = run(loop)
    assert result.skeleton_ok and not result.failing
    assert outcomes(loop, "first") == [("rustc", "fixed")]
    assert "let mut y = 0;" in loop.state.code["first"]
    assert outcomes(loop, "second") == [("backend", "fixed")]
    assert [fid for fid, _ in backend.asked] == ["second"]
    assert "cannot find value `two`" in backend.asked[0][1][0]
    rounds = loop.journal.functions["second"].rounds
    assert rounds[0].code == code["second"] and rounds[0].kind == "compile"
    assert not loop.state.kept


def test_unit_that_never_compiles_is_kept_in_c_without_blocking_others(tmp_path):
    bad = "pub fn second(x: u64) -> u64 {\n    x + nope\n}\n"
    backend = TableBackend({"second": [bad.replace("nope", "nope2"), bad.replace("nope", "nope3")]})
    loop = setup(tmp_path, dict(GOOD, second=bad), backend, max_repairs=2)
    result = run(loop)
    assert result.failing == {"second"} and loop.state.kept == {"second"}
    assert outcomes(loop, "second") == [("backend", "still_failing"), ("backend", "still_failing")]
    assert loop.journal.functions["second"].reasons[-1].startswith("kept in C: still failing after 2")
    assert loop.journal.functions["first"].rounds == []  # never blamed
    assert "__llmigrate_c_second" in (loop.state.out / "src" / "m.rs").read_text()


def test_repair_breaking_another_unit_is_rolled_back(tmp_path):
    # `third` (clean) defines a private helper; the first repair of `first` defines the same name again,
    # which rustc reports at the later definition, inside `third`.
    third = GOOD["third"] + "fn m__shared_helper() {}\n"
    breaking = GOOD["first"] + "fn m__shared_helper() {}\n"
    backend = TableBackend({"first": [breaking, GOOD["first"]]})
    code = dict(GOOD, first="pub fn first(x: u64) -> u64 {\n    x + one\n}\n", third=third)
    loop = setup(tmp_path, code, backend)
    result = run(loop)
    assert not result.failing
    assert outcomes(loop, "first") == [("backend", "rolled_back"), ("backend", "fixed")]
    assert loop.journal.functions["first"].rounds[0].broke == ["third"]
    assert loop.state.code["first"] == GOOD["first"]


def test_a_unit_that_builds_alone_is_not_sent_for_another_units_errors(tmp_path):
    # `first` fails on its own and also defines `third`'s helper again: rustc reports the clash at the later
    # definition, inside `third`, which builds alone against the skeleton and so is never sent.
    third = GOOD["third"] + "fn m__shared_helper() {}\n"
    first = "pub fn first(x: u64) -> u64 {\n    x + one\n}\nfn m__shared_helper() {}\n"
    backend = TableBackend({"first": [GOOD["first"]]})
    said: list[str] = []
    loop = setup(tmp_path, dict(GOOD, first=first, third=third), backend)
    loop.progress = said.append
    result = run(loop)
    assert not result.failing and not loop.state.kept
    assert [fid for fid, _ in backend.asked] == ["first"]
    assert outcomes(loop, "first") == [("backend", "fixed")] and outcomes(loop, "third") == []
    assert any(line.startswith("repair: third builds alone") for line in said)


def test_broken_skeleton_is_reported_not_blamed_on_functions(tmp_path):
    backend = TableBackend({})
    loop = setup(tmp_path, dict(GOOD), backend, shared="pub struct S {\n    a: Missing,\n}\n")
    result = run(loop)
    assert not result.skeleton_ok
    assert any("Missing" in e for e in result.skeleton_errors)
    assert backend.asked == [] and all(not e.rounds for e in loop.journal.functions.values())


def test_error_outside_every_span_is_bisected_to_its_unit(tmp_path):
    # rustc reports the conflicting impl at the derive in shared.rs, outside every function's markers.
    shared = "#[derive(Clone, Copy)]\npub struct S {\n    pub a: u32,\n}\n"
    clash = GOOD["second"] + "impl Clone for S {\n    fn clone(&self) -> S {\n        *self\n    }\n}\n"
    backend = TableBackend({"second": [GOOD["second"]]})
    loop = setup(tmp_path, dict(GOOD, second=clash), backend, shared=shared)
    result = run(loop)
    assert not result.failing
    assert [fid for fid, _ in backend.asked] == ["second"]
    assert "conflicting implementations" in backend.asked[0][1][0]
    assert outcomes(loop, "second") == [("backend", "fixed")] and outcomes(loop, "first") == []


def test_unclosed_delimiter_is_blamed_on_its_unit_not_the_last_one(tmp_path):
    # rustc reports an unclosed `{` at the end of the file: on the last function's end marker.
    unclosed = "pub fn first(x: u64) -> u64 {\n    if x > 1 {\n    x + 1\n}\n"
    backend = TableBackend({"first": [GOOD["first"]]})
    loop = setup(tmp_path, dict(GOOD, first=unclosed), backend)
    result = run(loop)
    assert not result.failing and not loop.state.kept
    assert [fid for fid, _ in backend.asked] == ["first"]
    assert outcomes(loop, "first") == [("backend", "fixed")] and outcomes(loop, "third") == []


def test_only_the_repair_that_broke_another_unit_is_rolled_back(tmp_path):
    # Two repairs in one round: `first`'s clashes with `third`'s helper, `second`'s is good and must stay.
    third = GOOD["third"] + "fn m__shared_helper() {}\n"
    breaking = GOOD["first"] + "fn m__shared_helper() {}\n"
    backend = TableBackend({"first": [breaking, GOOD["first"]], "second": [GOOD["second"]]})
    code = dict(GOOD, first="pub fn first(x: u64) -> u64 {\n    x + one\n}\n",
                second="pub fn second(x: u64) -> u64 {\n    x + two\n}\n", third=third)
    loop = setup(tmp_path, code, backend)
    result = run(loop)
    assert not result.failing and not loop.state.kept
    assert outcomes(loop, "first") == [("backend", "rolled_back"), ("backend", "fixed")]
    assert loop.journal.functions["first"].rounds[0].broke == ["third"]
    assert outcomes(loop, "second") == [("backend", "fixed")]
    assert [fid for fid, _ in backend.asked].count("second") == 1
    assert loop.state.code["second"] == GOOD["second"]


def test_a_repair_installed_before_a_kill_is_judged_by_the_resumed_loop(tmp_path):
    # What a run killed between installing `second`'s repair and the next check leaves in the journal:
    # the round recorded with the default outcome, the repaired code current.
    bad = "pub fn second(x: u64) -> u64 {\n    x + two\n}\n"
    loop = setup(tmp_path, dict(GOOD), TableBackend({}))
    loop.journal.functions["second"].rounds.append(
        RepairRound(1, "compile", ["error[E0425]: cannot find value `two`"], bad, "backend", "still_failing"))
    result = run(loop)
    assert not result.failing and loop.used["second"] == 1
    assert outcomes(loop, "second") == [("backend", "fixed")]
