"""When repair stops: a reply identical to an earlier one or the same diagnostics again earns one hot retry,
the next stall stops (issue 18 item 4)."""

from __future__ import annotations

from llmigrate.repair import stall
from llmigrate.repair.stall import Attempt

E1 = ("error[E0599]: no method named `frobnicate` found for type `u32` in the current scope\n"
      " --> src/calc.rs:{line}:7\n  |\n{line} |     x.frobnicate(SCALE)\n"
      "  |       ^^^^^^^^^^ method not found in `u32`")
E2 = ("error[E0308]: mismatched types\n --> src/calc.rs:3:5\n  |\n3 |     x\n"
      "  |     ^ expected `u64`, found `u32`")


def test_progress_never_stops():
    history = [Attempt("a", (E1.format(line=3),)), Attempt("b", (E2,)), Attempt("c", ())]
    assert stall.stalls(history) == 0 and not stall.should_stop(history) and stall.temperature(history) == 0


def test_an_identical_reply_earns_one_hot_retry_then_stops():
    history = [Attempt("a", (E1.format(line=3),)), Attempt("a", (E1.format(line=3),))]
    assert stall.stalls(history) == 1 and not stall.should_stop(history)
    assert stall.temperature(history) == stall.HOT_TEMPERATURE
    history.append(Attempt("a", (E1.format(line=3),)))
    assert stall.should_stop(history)


def test_the_same_diagnostics_at_another_line_count_as_a_stall():
    history = [Attempt("a", (E1.format(line=3),)), Attempt("b", (E1.format(line=9),))]
    assert stall.stalls(history) == 1
    assert stall.should_stop(history + [Attempt("c", (E1.format(line=4),))])
    assert not stall.same_diagnostics((E1.format(line=3),), (E2,))


def test_history_from_journal_rounds():
    rounds = [{"kind": "compile", "code": "a", "diagnostics": [E2]},
              {"kind": "differential", "code": "x", "diagnostics": ["counterexample"]}]
    history = stall.history([{"rounds": rounds}], ["a"], [E2])
    assert history == [Attempt("a", (E2,)), Attempt("a", (E2,))]
