"""Differential repair: a function whose Rust answers differently from its C goes back to the backend.

The counterexample found by the differential tests is the feedback. Rounds are bounded by `max_repairs` like
compile repairs; a repair that no longer compiles (or breaks another unit) is rolled back at once, and every
round is journaled with kind "differential". A deterministic backend shown the same difference twice cannot
do better: the unit is kept in C with the reason. A model with a fallback backend gets `MODEL_ROUNDS`
differential round(s) per unit: a verified translation is at hand, and on a CPU a small model's round takes
minutes. Without a fallback, a model shown the same difference again gets one hotter retry
(repair/stall.py). Then, as when its rounds run out, the fallback's translation of the unit stands in
(repair/fallback.py) and is judged by the same differential tests; a stand-in that differs too is kept in C,
never sent back to the model.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import networkx as nx

from llmigrate.core import Unit
from llmigrate.journal import FunctionRecord, Status
from llmigrate.plan import call_graph
from llmigrate.repair import stall
from llmigrate.repair.blame import culprits
from llmigrate.repair.fallback import stand_in
from llmigrate.repair.futile import futile_units
from llmigrate.repair.loop import Loop, ask_backend, install, keep_in_c, on_fallback, record_round
from llmigrate.verify.difftest.order import NOT_CHECKED

Differential = Callable[[list[str]], dict[str, Any]]  # function ids -> results with .equivalence etc.
Rebuild = Callable[[], bool]  # write, build the crate; True when the staticlib is ready for testing
# Differential rounds a model gets per unit when the fallback backend can stand in for it.
MODEL_ROUNDS = 1


def feedback(loop: Loop, unit: Unit) -> list[str]:
    """The counterexamples of the unit's differing functions, phrased for the backend."""
    out = []
    for fid in unit.functions:
        e = loop.journal.functions[fid]
        if e.equivalence == "differs":
            rust = loop.state.signatures[fid].rust_name
            out.append(f"differential test: the Rust `{rust}` does not behave like the C `{e.name}`: "
                       f"{e.counterexample or 'no counterexample recorded'}")
    return out


def repair_differences(loop: Loop, differential: Differential, rebuild: Rebuild) -> set[str]:
    """Bounded repair rounds for functions shown to differ; returns the unit ids whose code changed."""
    units = {u.id: u for u in loop.state.plan.units()}
    changed: set[str] = set()
    for round_no in range(1, loop.max_repairs + 1):
        todo = _callees_first(loop, [u for u in units.values()
                                     if not set(u.functions) & loop.state.kept and feedback(loop, u)])
        if not todo:
            break
        kept = _drop_futile(loop, [units[uid] for uid in todo], rebuild)
        changed |= kept
        todo = [uid for uid in todo if uid not in kept]
        stalled = stall.stalled_units(loop.journal, [units[uid] for uid in todo], "differential",
                                      loop.state.code, {uid: feedback(loop, units[uid]) for uid in todo})
        stalled = _model_spent(loop, [units[uid] for uid in todo]) | stalled
        changed |= _fall_back(loop, differential, rebuild, [units[uid] for uid in sorted(stalled)], stalled)
        todo = [uid for uid in todo if uid not in stalled]
        if not todo:
            continue
        loop.say(f"repair: differential round {round_no}: {len(todo)} unit(s) differ from the C")
        asked = _ask_all(loop, [units[uid] for uid in todo])
        kept = _keep_compiling(loop, asked)
        if not kept:
            continue
        if not rebuild():
            _roll_back(loop, kept, "the crate did not build with this repair")
            rebuild()
            continue
        _judge(loop, differential, [units[uid] for uid in kept])
        changed |= set(kept)
    rest = [u for u in units.values() if not set(u.functions) & loop.state.kept and feedback(loop, u)]
    kept = _drop_futile(loop, rest, rebuild)
    changed |= kept
    rest = [u for u in rest if u.id not in kept]
    spent = {u.id: f"still differing after {loop.max_repairs} differential round(s)" for u in rest}
    return changed | _fall_back(loop, differential, rebuild, rest, spent)


def _fall_back(loop: Loop, differential: Differential, rebuild: Rebuild, units: list[Unit],
               why: dict[str, str]) -> set[str]:
    """The fallback backend's translation (repair/fallback.py) for units whose model Rust still differs,
    judged by the differential tests; the unit ids it was installed for."""
    done = [u for u in units if stand_in(loop, u, feedback(loop, u), "differential", why[u.id])]
    if not done:
        return set()
    if not rebuild():
        _roll_back(loop, [u.id for u in done], "the crate did not build with the fallback's translation")
        rebuild()
        return set()
    _judge(loop, differential, done)
    return {u.id for u in done}


def _drop_futile(loop: Loop, units: list[Unit], rebuild: Rebuild) -> set[str]:
    """`_keep_futile`, and the crate rebuilt without the Rust of the units it kept in C."""
    kept = set(_keep_futile(loop, units))
    if kept:
        rebuild()
    return kept


def _model_spent(loop: Loop, units: list[Unit]) -> dict[str, str]:
    """Unit id -> why the model gets no more differential rounds: it had `MODEL_ROUNDS` and a fallback
    backend can stand in for it."""
    fallback = getattr(loop.backend, "fallback", None)
    if fallback is None:
        return {}
    out = {}
    for u in units:
        had = sum(1 for r in loop.journal.functions[u.functions[0]].rounds
                  if r.kind == "differential" and r.fixed_by != fallback.name)
        if had >= MODEL_ROUNDS:
            out[u.id] = f"still differing after {had} differential round(s)"
    return out


def _fell_back(loop: Loop, units: list[Unit]) -> dict[str, str]:
    """Unit id -> why a unit standing on the fallback backend's translation that still differs is kept in C:
    that backend had its one chance, and the model already gave way to it."""
    return {u.id: f"the {loop.backend.fallback.name} translation standing in for the model's differs too"
            for u in units if on_fallback(loop, u)}


def _keep_futile(loop: Loop, units: list[Unit]) -> list[str]:
    """Keep in C the units a deterministic backend was already asked about with the same difference, and
    those whose fallback translation differs too."""
    futile = futile_units(loop.backend, loop.journal, units, "differential",
                          {u.id: feedback(loop, u) for u in units}) | _fell_back(loop, units)
    for unit in units:
        if unit.id in futile:
            first = feedback(loop, unit)[0].split(": ", 1)[-1]
            keep_in_c(loop, unit, f"{futile[unit.id]}: {first}")
            with loop.journal.lock:  # verify has judged statuses already: this one is settled here
                for fid in unit.functions:
                    loop.journal.functions[fid].status = Status.KEPT_IN_C
                loop.journal.save()
    return sorted(futile)


def _callees_first(loop: Loop, differing: list[Unit]) -> list[str]:
    """Differing units none of whose callees differ: a caller of a wrong callee may be right already."""
    bad = {fid for u in differing for fid in u.functions}
    fns = loop.state.codebase.functions
    ready = [u.id for u in differing
             if not any(c in bad and c not in u.functions for fid in u.functions for c in fns[fid].callees)]
    return sorted(ready or (u.id for u in differing))


def _ask_all(loop: Loop, units: list[Unit]) -> list[str]:
    with ThreadPoolExecutor(max_workers=max(1, loop.jobs), thread_name_prefix="repair-diff") as pool:
        replies = list(pool.map(lambda u: ask_backend(loop, u, feedback(loop, u), "differential"),
                                units))
    asked = []
    for unit, reply in zip(units, replies, strict=True):
        record_round(loop, unit, feedback(loop, unit), reply, kind="differential")
        if reply.code:
            asked.append(unit.id)
    return asked


def _keep_compiling(loop: Loop, asked: list[str]) -> list[str]:
    """Check the crate with the repairs; roll back those that fail to compile or break a clean unit."""
    if not asked:
        return []
    checked = loop.state.check()
    failing = [uid for uid in asked if uid in checked.by_unit]
    others = sorted(uid for uid in checked.by_unit if uid not in asked)
    units = {u.id: u for u in loop.state.plan.units()}
    if others:  # only the repairs that break them (bisected), with those that do not compile themselves
        guilty = culprits(loop.state, [units[uid] for uid in asked], [units[uid] for uid in others])
        _roll_back(loop, guilty, f"the repair broke {', '.join(others)}")
    elif checked.unattributed:  # nothing to bisect against: all of the round goes
        _roll_back(loop, asked, "the repairs broke the crate outside every function")
    _roll_back(loop, failing, "the repair did not compile")
    bad = set(failing) | {uid for uid in asked if uid not in loop.pending}
    if bad:
        loop.state.write()
    return [uid for uid in asked if uid not in bad]


def _roll_back(loop: Loop, uids: list[str], why: str) -> None:
    for uid in uids:
        rnd = loop.pending.pop(uid, None)
        if rnd is None:
            continue
        install(loop, rnd.before)
        for rec in rnd.records:
            rec.outcome, rec.note = "rolled_back", why
    loop.journal.save()


def _judge(loop: Loop, differential: Differential, units: list[Unit]) -> None:
    """Re-run the differential tests of the repaired units and record each round's outcome."""
    # Callers of a repaired function may change verdict too: those marked as differing, or not checked for a
    # callee that differed (verify/difftest/order.py), are tested again along with the repaired ones, but not
    # while they also reach another function still differing (they would only be blamed for it). Any other
    # function's Rust and callees are as they were: testing it again would give the same verdict (and cost as
    # much: a hang costs its watchdogs every time).
    fids = {fid for u in units for fid in u.functions}
    records, graph = loop.journal.functions, call_graph(loop.state.codebase)
    callers = set().union(*(nx.ancestors(graph, f) for f in sorted(fids))) & set(records)
    differing = sorted(f for f, e in records.items() if e.equivalence == "differs" and f not in fids)
    callers -= set().union(*(nx.ancestors(graph, f) for f in differing if f in graph))
    fids |= {fid for fid in callers if _unsettled(records[fid])}
    results = differential(sorted(fids))
    with loop.journal.lock:
        for fid, d in results.items():
            loop.journal.functions[fid].update(
                equivalence=d.equivalence, counterexample=d.counterexample,
                inputs_tested=d.inputs_tested, untested_reason=d.untested_reason)
        for unit in units:
            still = any(loop.journal.functions[f].equivalence == "differs" for f in unit.functions)
            rnd = loop.pending.pop(unit.id, None)
            for rec in rnd.records if rnd else []:
                rec.outcome = "still_failing" if still else "fixed"
        loop.journal.save()


def _unsettled(rec: FunctionRecord) -> bool:
    """Shown to differ, or not checked because a callee differed: a repaired callee may change that."""
    return rec.equivalence == "differs" or (rec.untested_reason or "").startswith(NOT_CHECKED)
