"""After a differential repair, what is tested again: the repaired functions and their callers that differed
or were not checked for a callee's difference, unless they also reach a function still differing; nothing
whose Rust and callees are unchanged. A scripted backend and real cargo; the differential tests are the
stage's injected callable, recording what it is asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.backends.scripted import ScriptedBackend
from llmigrate.config import Config
from llmigrate.core import SharedTranslation
from llmigrate.journal import FunctionRecord, Journal, Status
from llmigrate.plan import make_plan
from llmigrate.reintegrate.crate_state import CrateState
from llmigrate.repair.diff import repair_differences
from llmigrate.repair.loop import Loop
from llmigrate.signatures.mapper import map_all
from llmigrate.verify.difftest.driver import DiffResult
from llmigrate.verify.difftest.order import NOT_CHECKED

C = "".join(f"int {name}(int x)\n{{\n\treturn {body};\n}}\n\n" for name, body in (
    ("leaf", "x + 1"), ("mid", "leaf(x) * 2"), ("other", "x - 1"), ("top", "mid(x) + other(x)"),
    ("solo", "x")))
RUST = {"leaf": "x.wrapping_add(2)", "mid": "crate::m::leaf(x).wrapping_mul(2)", "other": "x.wrapping_add(1)",
        "top": "crate::m::mid(x).wrapping_add(crate::m::other(x))", "solo": "x"}


def _fn(name: str, body: str) -> str:
    return f"pub fn {name}(x: i32) -> i32 {{\n    {body}\n}}\n"


@pytest.mark.slow
def test_only_the_repaired_function_and_its_unsettled_callers_are_tested_again(tmp_path: Path):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "m.c").write_text(C)
    cb = analyze_dir(src)
    plan, sigs = make_plan(cb), map_all(cb)
    again = _fn("other", "x.wrapping_add(1)").replace("    ", "  ")
    script = {"repairs": {"leaf": [f"```rust\n{_fn('leaf', 'x.wrapping_add(1)')}```"],
                          # the code it was given, re-indented: not installed, `other` still differs
                          "other": [f"```rust\n{again}```"]}}
    backend = ScriptedBackend(script, "inline", Config())
    journal = Journal.create(out, str(src), "scripted", None)
    for unit in plan.units():
        for fid in unit.functions:
            journal.functions[fid] = FunctionRecord(fid, "m.c", unit.id, "", sigs[fid].module,
                                                    status=Status.COMPILED)
    for fid in ("leaf", "other"):
        journal.functions[fid].update(equivalence="differs", counterexample=f"{fid}(0): C and Rust disagree")
    for fid, callee in (("mid", "leaf"), ("top", "other")):
        journal.functions[fid].update(equivalence="untested",
                                      untested_reason=f"{NOT_CHECKED} `{callee}`, which differs")
    journal.functions["solo"].update(equivalence="equivalent", inputs_tested=900)
    state = CrateState(out, "m", cb, plan, sigs, "", Config(),
                       code={fid: _fn(fid, body) for fid, body in RUST.items()})
    state.write()
    loop = Loop(state, backend, journal, SharedTranslation(""), 1)
    asked: list[list[str]] = []

    def differential(fids: list[str]) -> dict:
        asked.append(fids)
        return {fid: DiffResult(fid, "equivalent", inputs_tested=900) for fid in fids}

    repair_differences(loop, differential, lambda: loop.state.write() or True)
    # top reaches `other`, which still differs: testing it again would only blame it for that
    assert asked == [["leaf", "mid"]]
    assert [journal.functions[f].equivalence for f in ("leaf", "mid", "other", "top")] == [
        "equivalent", "equivalent", "differs", "untested"]
    (rnd,) = journal.functions["other"].rounds
    assert rnd.fixed_by is None and "same code" in rnd.note
