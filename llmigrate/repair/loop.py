"""The compile-and-repair loop: cargo judges the whole crate each round, errors go back to their own unit.

Order of a round: check the crate once; map errors to units by marker spans (bisecting in a scratch crate when
an error lies outside every span); if a unit that compiled last round broke, roll back only the repairs that
broke it (bisected among the round's repairs); apply rustc's machine-applicable fixes; send what remains to
the backend, all failing units of the round together. A unit still failing after `max_repairs` rounds is kept
in C. The skeleton is checked first, so a problem in shared items is reported as such and never blamed on a
function. When several units fail, each is checked alone against the skeleton before it is sent
(repair/alone.py), so no unit is blamed for another's errors; that is one scratch cargo run per failing unit
and code version (bench/bench_repair_check.py measures it), spent only when more than one unit fails.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from llmigrate.cargo import CargoDiagnostic
from llmigrate.core import (
    LlmigrateError,
    RejectOutput,
    RepairRequest,
    SharedTranslation,
    Translation,
    Translator,
    Unit,
)
from llmigrate.journal import Journal, RepairRound
from llmigrate.progress import Bar
from llmigrate.reintegrate.crate_state import Checked, CrateState
from llmigrate.repair import stall
from llmigrate.repair.alone import AloneCache, not_to_blame
from llmigrate.repair.blame import culprits
from llmigrate.repair.futile import futile_units, same_code, tried_in
from llmigrate.repair.rustc_fixes import rustc_fixes
from llmigrate.translate import guard
from llmigrate.translate.driver import unit_request

Progress = Callable[[str], None]


@dataclass
class RepairResult:
    """How the loop ended: skeleton verdict, units kept in C, rounds run."""

    skeleton_ok: bool
    skeleton_errors: list[str] = field(default_factory=list)
    failing: set[str] = field(default_factory=set)  # unit ids kept in C by this loop
    rounds: int = 0  # crate-wide check rounds run
    build_errors: list[str] = field(default_factory=list)  # errors left in kept-in-C calls (should be none)


@dataclass
class Repair:
    """A unit's answer in one round: its new code (None when there is none), who made it, and why not."""

    code: dict[str, str] | None
    fixed_by: str | None = None  # "rustc" | "backend" | "builtin" (repair/fallback.py)
    note: str | None = None


@dataclass
class _Round:
    """What a unit's last repair changed, so the next check can judge it (or roll it back)."""

    before: dict[str, str]
    records: list[RepairRound]


@dataclass
class Loop:
    """The repair loop's inputs and its per-unit bookkeeping, shared with differential repair."""

    state: CrateState
    backend: Translator
    journal: Journal
    shared: SharedTranslation
    max_repairs: int
    jobs: int = 1
    progress: Progress | None = None
    used: dict[str, int] = field(default_factory=dict)  # unit id -> repair rounds spent
    clean: set[str] = field(default_factory=set)  # unit ids without errors at the last check
    pending: dict[str, _Round] = field(default_factory=dict)
    bar: Bar | None = None  # the repair stage's progress bar, while the compile loop runs
    # Called for a unit out of repair rounds before it is kept in C; True when it installed other code
    # (repair/fallback.py: the builtin's translation instead of the model's).
    stand_in: Callable[[Loop, Unit, list[CargoDiagnostic]], bool] | None = None
    alone: AloneCache = field(default_factory=dict)  # which units' code builds alone (repair/alone.py)

    def say(self, text: str) -> None:
        """Report progress (stderr in the CLI)."""
        if self.progress:
            self.progress(text)


def check_skeleton(state: CrateState) -> list[str]:
    """Errors of the crate with every body replaced by a diverging one: shared items and signatures."""
    checked = state.check_scratch(set())
    errors = [d.rendered or d.message for d in checked.result.errors]
    if not checked.result.ok and not errors:
        errors = [checked.result.stderr.strip()[-4000:] or "cargo check of the skeleton failed"]
    return errors


def run(loop: Loop) -> RepairResult:
    """Repair until every unit compiles or is kept in C; the crate in OUT is left as last checked."""
    errors = check_skeleton(loop.state)
    if errors:
        return RepairResult(False, errors)
    units = {u.id: u for u in loop.state.plan.units()}
    for u in units.values():
        loop.used.setdefault(u.id, _rounds_spent(loop.journal, u))
        _resume_pending(loop, u)
    result = RepairResult(True)
    changed, checked = True, None
    while True:
        if changed or checked is None:  # a round that changed nothing would get the same answer from cargo
            result.rounds += 1
            checked = loop.state.check()
            if not checked.result.ok and not checked.result.errors:
                raise_build_problem(checked)
            _blame_unattributed(loop, checked)
            if _rolled_back(loop, checked):
                continue
        _judge(loop, checked)
        failing = {uid for uid in checked.by_unit if not set(units[uid].functions) <= loop.state.kept}
        _tally(loop, result.rounds, len(units), failing)
        if not failing:
            result.build_errors = [d.rendered or d.message for d in checked.result.errors]
            return result
        blamed = failing - not_to_blame(loop.state, [units[u] for u in sorted(failing)], loop.alone, loop.say)
        spent = {uid: f"still failing after {loop.used[uid]} repair round(s)"
                 for uid in blamed if loop.used[uid] >= loop.max_repairs}
        spent |= {uid: f"the {loop.backend.fallback.name} translation standing in for the model's fails too"
                  for uid in blamed - set(spent) if on_fallback(loop, units[uid])}
        rest = [units[uid] for uid in sorted(blamed - set(spent))]
        rendered = {uid: render(checked.by_unit[uid]) for uid in blamed}
        spent |= futile_units(loop.backend, loop.journal, rest, "compile", rendered)
        rest = [u for u in rest if u.id not in spent]
        spent |= stall.stalled_units(loop.journal, rest, "compile", loop.state.code, rendered)
        for uid, why in spent.items():
            if loop.stand_in is not None and loop.stand_in(loop, units[uid], checked.by_unit[uid]):
                continue
            keep_in_c(loop, units[uid], f"{why}: {_first(checked.by_unit[uid])}")
            result.failing.add(uid)
        todo = sorted(blamed - set(spent))
        changed = bool(spent)
        if todo:
            changed = _repair_round(loop, [units[u] for u in todo], checked) or changed


def on_fallback(loop: Loop, unit: Unit) -> bool:
    """Whether the unit's Rust is the fallback backend's, standing in for a model's (repair/fallback.py):
    the model gave way, and a deterministic fallback cannot repair, so no round is spent on it."""
    fallback = getattr(loop.backend, "fallback", None)
    return fallback is not None and any(loop.journal.functions[f].backend == fallback.name
                                        for f in unit.functions)


def _tally(loop: Loop, round_no: int, total: int, failing: set[str]) -> None:
    """Progress after a check: units compiling (done) and kept in C (failed)."""
    kept = sum(1 for u in loop.state.plan.units() if set(u.functions) <= loop.state.kept)
    line = f"repair: round {round_no}: {len(failing)} unit(s) with errors"
    if loop.bar is None:
        loop.say(line)
    else:
        loop.bar.update(total - len(failing) - kept, kept, f"round {round_no}", line=line)


def raise_build_problem(checked: Checked) -> None:
    """cargo failed with no compiler message to map (build script, manifest): a run-level error."""
    raise LlmigrateError("cargo check failed without a compiler error (build script or manifest problem):\n"
                         + checked.result.stderr.strip()[-3000:])


def _resume_pending(loop: Loop, unit: Unit) -> None:
    """A repair installed by a killed run but never judged: judge it at the first check of this one."""
    if unit.id in loop.pending or set(unit.functions) & loop.state.kept:
        return
    last = [(loop.journal.functions[fid].rounds or [None])[-1] for fid in unit.functions]
    if any(r is None or r.kind != "compile" or r.outcome != "still_failing" or not r.fixed_by for r in last):
        return
    before = {fid: r.code for fid, r in zip(unit.functions, last, strict=True) if r is not None}
    if any(before[fid] != loop.state.code.get(fid) for fid in unit.functions):
        loop.pending[unit.id] = _Round(before, last)


def _rounds_spent(journal: Journal, unit: Unit) -> int:
    rec = journal.functions.get(unit.functions[0])
    return sum(1 for r in rec.rounds if r.kind == "compile") if rec else 0


def _blame_unattributed(loop: Loop, checked: Checked) -> None:
    """Find, by bisecting in the scratch crate, which units cause errors outside every function span."""
    if not checked.unattributed:
        return
    units = [u for u in loop.state.plan.units() if not set(u.functions) <= loop.state.kept]
    culprits = _bisect(loop.state, units)
    loop.say(f"repair: {len(checked.unattributed)} error(s) outside function spans, caused by "
             f"{', '.join(u.id for u in culprits) or 'no single unit'}")
    for u in culprits:
        checked.by_unit.setdefault(u.id, []).extend(checked.unattributed)


def _bisect(state: CrateState, units: list[Unit]) -> list[Unit]:
    if not units:
        return []
    checked = state.check_scratch({f for u in units for f in u.functions})
    if not checked.unattributed:
        return []
    if len(units) == 1:
        return units
    half = len(units) // 2
    found = _bisect(state, units[:half]) + _bisect(state, units[half:])
    return found or units  # only the combination fails: blame all of it


def _rolled_back(loop: Loop, checked: Checked) -> bool:
    """If units untouched last round broke, restore the repairs that broke them; True if any was restored."""
    broken = sorted(uid for uid in checked.by_unit if uid not in loop.pending and uid in loop.clean)
    if not broken or not loop.pending:
        return False
    units = {u.id: u for u in loop.state.plan.units()}
    guilty = culprits(loop.state, [units[uid] for uid in sorted(loop.pending)], [units[b] for b in broken])
    loop.say(f"repair: the repairs of {', '.join(guilty)} broke {', '.join(broken)}; rolling them back")
    for uid in guilty:
        rnd = loop.pending.pop(uid)
        install(loop, rnd.before)
        for rec in rnd.records:
            rec.outcome, rec.broke = "rolled_back", broken
    loop.journal.save()
    return True  # the other repairs stay pending: the next check judges them


def _judge(loop: Loop, checked: Checked) -> None:
    """Record outcomes of last round's repairs and which units compile now."""
    for uid, rnd in loop.pending.items():
        for rec in rnd.records:
            rec.outcome = "still_failing" if uid in checked.by_unit else "fixed"
    loop.pending.clear()
    loop.clean = {u.id for u in loop.state.plan.units() if u.id not in checked.by_unit}
    with loop.journal.lock:
        for u in loop.state.plan.units():
            for fid in u.functions:
                if fid not in loop.state.kept:
                    loop.journal.functions[fid].diagnostics = [
                        d.rendered or d.message for d in checked.by_unit.get(u.id, [])]
        loop.journal.save()


def _first(diags: list[CargoDiagnostic]) -> str:
    return (diags[0].rendered or diags[0].message).strip().splitlines()[0] if diags else "errors"


def keep_in_c(loop: Loop, unit: Unit, why: str) -> None:
    """Give up on the unit's Rust: the crate links its original C, and the journal says why."""
    loop.state.kept |= set(unit.functions)
    with loop.journal.lock:
        for fid in unit.functions:
            loop.journal.functions[fid].reasons.append(f"kept in C: {why}")
        loop.journal.save_records(unit.functions)
    loop.say(f"repair: {unit.id}: kept in C")


def _repair_round(loop: Loop, units: list[Unit], checked: Checked) -> bool:
    """Give every failing unit one round: rustc's fixes when it has some, else the backend; True if any
    code changed."""
    fixes = rustc_fixes(loop.state, {u.id: checked.by_unit[u.id] for u in units})
    to_backend = [u for u in units if u.id not in fixes]
    for u in units:
        if u.id in fixes:
            record_round(loop, u, render(checked.by_unit[u.id]), Repair(fixes[u.id], "rustc"))
    with ThreadPoolExecutor(max_workers=max(1, loop.jobs), thread_name_prefix="repair") as pool:
        replies = list(pool.map(lambda u: ask_backend(loop, u, render(checked.by_unit[u.id])), to_backend))
    for u, reply in zip(to_backend, replies, strict=True):
        record_round(loop, u, render(checked.by_unit[u.id]), reply)
    return bool(fixes) or any(reply.code for reply in replies)


def install(loop: Loop, code: dict[str, str]) -> None:
    """Make `code` current, in the crate state and in the journal (a resumed run continues from it)."""
    loop.state.code.update(code)
    with loop.journal.lock:
        for fid, text in code.items():
            loop.journal.functions[fid].rust = text
        loop.journal.save_records(code)


def render(diags: list[CargoDiagnostic]) -> list[str]:
    """Diagnostics as rustc prints them, for the journal and the backend."""
    return [d.rendered or d.message for d in diags]


def record_round(loop: Loop, unit: Unit, rendered: list[str], repair: Repair, kind: str = "compile") -> None:
    """Append the round to each function's journal entry and install the new code (judged next check)."""
    if kind == "compile":
        loop.used[unit.id] += 1
    before = {fid: loop.state.code[fid] for fid in unit.functions}
    records = []
    with loop.journal.lock:
        for fid in unit.functions:
            entry = loop.journal.functions[fid]
            rec = RepairRound(len(entry.rounds) + 1, kind, rendered, before[fid], repair.fixed_by,
                              note=repair.note or None)
            entry.rounds.append(rec)
            records.append(rec)
        loop.journal.save_records(unit.functions)
    if repair.code:
        install(loop, repair.code)
        loop.pending[unit.id] = _Round(before, records)


def ask_backend(loop: Loop, unit: Unit, rendered: list[str], kind: str = "compile",
                heat: float | None = None) -> Repair:
    """The backend's repaired code for the unit, or a Repair without code saying why it gave none that passes
    the guard (hotter after a stalled round of `kind`, or when `heat` says so). A reply repeating code an
    earlier round of `kind` tried is never installed: it is asked again at once, hotter, and if the hotter
    reply repeats too, the round ends without code (the stall rule then stops the unit)."""
    state = loop.state
    request = unit_request(state.codebase, unit, state.signatures, loop.shared)
    code = {fid: state.code[fid] for fid in unit.functions}
    fid = unit.functions[0]  # as in futile.py, a unit's first function speaks for it
    past = loop.journal.functions[fid].rounds
    if heat is None:
        heat = stall.temperature(stall.history(past, kind, code[fid], rendered))
    # The round the journal will record, compile and differential alike: a resumed run goes on counting, so
    # its prompts never repeat an earlier run's (nor get that run's cached reply).
    round_no = len(past) + 1
    try:
        t = loop.backend.repair_unit(RepairRequest(request, code, rendered, round=round_no, temperature=heat))
    except LlmigrateError:
        raise  # fatal for the whole run (bad key, unknown model), as in translation
    except Exception as e:  # one unit's backend trouble must not stop the others
        return Repair(None, note=f"backend {loop.backend.name} failed: {type(e).__name__}: {e}")
    add_tokens(loop.journal, unit, t)
    if not t.ok:
        return Repair(None, note="; ".join(t.reasons) or "the backend gave no repair")
    merged = {**code, **{fid: c for fid, c in t.code.items() if fid in code}}
    if all(same_code(merged[f], code[f]) for f in code):
        return Repair(None, note="the backend answered with the same code (its layout or comments aside)")
    tried = tried_in(past, kind, merged[fid])
    if tried is not None and heat < stall.HOT_TEMPERATURE:
        return ask_backend(loop, unit, rendered, kind, stall.HOT_TEMPERATURE)
    if tried is not None:
        return Repair(None, note=f"the backend repeated the code round {tried} had tried: not installed")
    try:
        guard.check(replace(request, feedback=[]), merged)
    except RejectOutput as e:
        return Repair(None, note=f"repair rejected: {e}")
    return Repair(merged, "backend", note=_dropped(t))


def _dropped(t: Translation) -> str | None:
    """The note of a repair whose prompt was fitted to the model's context window."""
    return f"prompt fitted to [model] context: left out {', '.join(t.context_dropped)}" \
        if t.context_dropped else None


def add_tokens(journal: Journal, unit: Unit, t: Translation) -> None:
    """Charge a reply's tokens to the unit's first function and to the run."""
    with journal.lock:
        entry = journal.functions[unit.functions[0]]
        entry.tokens_in += t.tokens_in
        entry.tokens_out += t.tokens_out
        journal.run.add_tokens(t.tokens_in, t.tokens_out)
