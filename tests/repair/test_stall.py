"""When model repair stops: a reply identical to an earlier one or the same diagnostics again earns one hot
retry, the next stall stops (issue 18 item 4)."""

from __future__ import annotations

from llmigrate.core import Unit
from llmigrate.journal import FunctionRecord, Journal, RepairRound
from llmigrate.repair import stall

E1 = ("error[E0599]: no method named `frobnicate` found for type `u32` in the current scope\n"
      " --> src/calc.rs:{line}:7\n")
E2 = "error[E0308]: mismatched types\n --> src/calc.rs:3:5\n"


def rnd(n: int, code: str, diags: list[str], kind: str = "compile") -> RepairRound:
    return RepairRound(n, kind, diags, code, None)


def test_progress_never_stops():
    history = [rnd(1, "a", [E1.format(line=3)]), rnd(2, "b", [E2]), rnd(3, "c", [])]
    assert stall.stalls(history) == [] and not stall.should_stop(history) and stall.temperature(history) == 0


def test_an_identical_reply_earns_one_hot_retry_then_stops():
    history = stall.history([rnd(1, "a", [E2])], "compile", "a", [E1.format(line=3)])
    assert len(stall.stalls(history)) == 1 and not stall.should_stop(history)
    assert stall.temperature(history) == stall.HOT_TEMPERATURE
    history = stall.history(history, "compile", "a", [E1.format(line=3)])
    assert stall.should_stop(history)


def test_the_same_diagnostics_at_another_line_count_as_a_stall():
    history = [rnd(1, "a", [E1.format(line=3)]), rnd(2, "b", [E1.format(line=9)])]
    assert stall.stalls(history) == ["round 2: the same errors as in round 1"]
    assert stall.should_stop(history + [rnd(3, "c", [E1.format(line=4)])])


def test_other_kinds_of_rounds_are_not_history_and_units_are_named(tmp_path):
    journal = Journal.create(tmp_path, "/src", "openai", None)
    journal.functions["f"] = FunctionRecord("f", "calc.c", "u", "", "calc", rounds=[
        rnd(1, "a", [E2]), rnd(2, "x", ["counterexample"], "differential"), rnd(3, "a", [E2])])
    history = stall.history(journal.functions["f"].rounds, "compile", "a", [E2])
    assert [r.round for r in history] == [1, 3, 4]
    stopped = stall.stalled_units(journal, [Unit("u", ["f"])], "compile", {"f": "a"}, {"u": [E2]})
    assert stopped["u"].startswith("the backend repeated itself after a retry at temperature 0.7 (round 4")
