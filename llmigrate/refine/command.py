"""`llmigrate refine OUT` (and `migrate --refine`): safer Rust for verified functions, proven or not taken.

Each verified unit (callees first) goes to the model once with its C and its current Rust (refine/unit.py
judges the rewrite). When any rewrite reached OUT, the crate is formatted, recorded and built again as
migrate leaves it, and verified again as a whole: a kept rewrite whose function is no longer verified (a C
test that ran it now fails, say) goes back to the Rust it replaced. Every function refined gets a
`RefineRecord` in the journal (kept, rejected or skipped, why, unsafe lines before and after), which the
report shows.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate import progress, runlock
from llmigrate.analyze.codebase import analyze_dir
from llmigrate.backends import get_backend
from llmigrate.config import load_config
from llmigrate.core import LlmigrateError, RunContext, SharedTranslation, Translator, Unit
from llmigrate.journal import Journal, RefineRecord, Status, journal_path
from llmigrate.plan import make_plan
from llmigrate.refine.unit import Refiner, Rewriter, Verdict, refine_unit, restore
from llmigrate.reintegrate import finish, outdir
from llmigrate.reintegrate.crate import crate_name, write_files
from llmigrate.reintegrate.crate_state import CrateState
from llmigrate.report.render import reason, write_reports
from llmigrate.signatures.mapper import map_all
from llmigrate.verify.result import overview
from llmigrate.verify.run import verify_run

Say = Callable[[str], None]


@dataclass
class RefineOptions:
    """The flags of `llmigrate refine`, over llmigrate.toml's model settings (None: not given)."""

    backend: str | None = None
    model: str | None = None
    base_url: str | None = None
    no_cache: bool = False
    frozen: bool = False


@dataclass
class RefineResult:
    """Per unit what refining did; `built` is False when the crate did not build at the end."""

    verdicts: dict[str, Verdict] = field(default_factory=dict)
    built: bool = True

    def summary(self) -> str:
        counts = {o: sum(1 for v in self.verdicts.values() if v.outcome == o)
                  for o in ("kept", "rejected", "skipped")}
        kept = [v for v in self.verdicts.values() if v.outcome == "kept"]
        before = sum(sum(v.before.values()) for v in kept)
        after = sum(sum(v.after.values()) for v in kept)
        return (f"refine: {counts['kept']} kept, {counts['rejected']} rejected, {counts['skipped']} skipped; "
                f"unsafe lines of the kept: {before} -> {after}")


def say(text: str) -> None:
    progress.say(text, sys.stderr)


def refine_command(out: Path, options: RefineOptions) -> int:
    """Refine OUT in place; 0 when the crate builds afterwards (rewrites rejected are not failures)."""
    out = Path(out).resolve()
    if not journal_path(out).is_file():
        raise LlmigrateError(f"{out}: not a migrated crate (no run journal at {journal_path(out)}); run "
                             f"`llmigrate migrate SRC --out {out}` first")
    edited = outdir.hand_edited(out)
    if edited:
        raise LlmigrateError(f"{out}: {', '.join(edited)} changed by hand since llmigrate wrote them; "
                             "refining would replace the edits")
    with runlock.hold(out, f"llmigrate refine {out}"):
        journal = Journal.load(out)
        src = Path(journal.run.source)
        if not src.is_dir():
            raise LlmigrateError(f"{journal.path}: the source directory it names ({src}) does not exist")
        config = load_config(src).override(
            backend=options.backend, model=options.model, base_url=options.base_url,
            cache_dir=str(out / ".llmigrate" / "cache"), no_cache=options.no_cache or None,
            frozen=options.frozen or None)
        backend = get_backend(options.backend or config.backend or "openai", config)
        result = refine_crate(RunContext(src, out, config, analyze_dir(src, config), journal), backend, say)
        write_reports(out)
    print(result.summary())
    return 0 if result.built else 1


def refine_crate(ctx: RunContext, backend: Translator, say: Say) -> RefineResult:
    """Refine every verified unit of the crate in ctx.out with `backend`; the journal records each."""
    if not isinstance(backend, Rewriter):
        raise LlmigrateError(f"the {backend.name} backend cannot refine: it writes no new Rust from old "
                             "(use a model: --backend openai)")
    _check_same_c(ctx)
    state = _crate_state(ctx)
    r = Refiner(ctx, state, backend, _shared(ctx.journal), say)
    snapshot = {p.relative_to(ctx.out).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted((ctx.out / "src").rglob("*.rs"))}
    result = RefineResult()
    for unit in _candidates(ctx, state):
        v = refine_unit(r, unit)
        _record(ctx.journal, unit, v, backend.name)
        result.verdicts[unit.id] = v
        say(f"refine: {v.line(unit.id)}")
    if r.tried:
        if not any(v.outcome == "kept" for v in result.verdicts.values()):
            write_files(ctx.out, snapshot)  # nothing kept: OUT/src exactly as it was
        result.built = _settle(r, result)
    return result


def _crate_state(ctx: RunContext) -> CrateState:
    """The crate as the journal records it: the Rust of every translated function, the rest kept in C."""
    signatures = map_all(ctx.codebase)
    code = {fid: rec.rust for fid, rec in ctx.journal.functions.items()
            if rec.status in (Status.COMPILED, Status.VERIFIED) and rec.rust and fid in signatures}
    return CrateState(ctx.out, crate_name(ctx.src), ctx.codebase, make_plan(ctx.codebase), signatures,
                      _shared(ctx.journal).code, ctx.config, code=code, kept=set(signatures) - set(code),
                      previous=outdir.previous_files(ctx.journal))


def _shared(journal: Journal) -> SharedTranslation:
    rec = journal.run.shared
    if rec is None:
        raise LlmigrateError(f"{journal.path}: no shared module recorded; run `llmigrate migrate` again")
    return SharedTranslation(rec.code, dict(rec.names), origin=rec.origin)


def _check_same_c(ctx: RunContext) -> None:
    """Refuse a crate whose C changed since it was migrated: the rewrites would be tested against other C."""
    records = ctx.journal.functions
    changed = sorted(fid for fid, fn in ctx.codebase.functions.items()
                     if fid not in records or records[fid].c_hash != fn.hash)
    changed += sorted(fid for fid in records if fid not in ctx.codebase.functions)
    if changed:
        names = ", ".join(changed[:5]) + (" ..." if len(changed) > 5 else "")
        raise LlmigrateError(f"{ctx.src}: the C of {names} changed since the migration; run `llmigrate check "
                             f"{ctx.src} {ctx.out} --fix` (or migrate again) before refining")


def _candidates(ctx: RunContext, state: CrateState) -> list[Unit]:
    """Units whose functions are all verified."""
    records = ctx.journal.functions
    return [u for u in state.plan.units()
            if all(fid in state.code and records[fid].status == Status.VERIFIED for fid in u.functions)]


def _record(journal: Journal, unit: Unit, v: Verdict, backend: str) -> None:
    """The verdict on each function's record; a kept rewrite's backend becomes the function's (and goes
    back to the one before when the rewrite is undone)."""
    with journal.lock:
        for fid in unit.functions:
            rec = journal.functions[fid]
            rec.refine = RefineRecord(v.outcome, v.reason, v.before[fid], v.after.get(fid),
                                      backend if v.outcome != "skipped" else None, v.code.get(fid),
                                      v.previous[fid] if v.outcome == "kept" else None)
            origin = v.origin.setdefault(fid, (rec.backend, rec.fallback_reason))
            rec.backend, rec.fallback_reason = (backend, None) if v.outcome == "kept" else origin
        journal.save()


def _settle(r: Refiner, result: RefineResult) -> bool:
    """Write, build and verify the refined crate; a kept rewrite whose function lost its verification goes
    back to the Rust it replaced (once: the Rust restored was verified before)."""
    for attempt in range(2):
        if not finish.write_out(r.state, r.ctx.journal, str(r.ctx.src)).ok:
            return False
        verified = verify_run(r.ctx)
        for line in overview(verified):
            r.say(f"refine: {line}")
        if attempt == 0 and not _undo_unverified(r, result):
            break
    return True


def _undo_unverified(r: Refiner, result: RefineResult) -> bool:
    """Restore the Rust of kept units with a function verify no longer verifies; True if any."""
    units = {u.id: u for u in r.state.plan.units()}
    records = r.ctx.journal.functions
    undone = False
    for uid, v in result.verdicts.items():
        lost = [fid for fid in units[uid].functions if records[fid].status != Status.VERIFIED]
        if v.outcome != "kept" or not lost:
            continue
        why = f"not verified after refining: {reason(records[lost[0]], r.ctx.journal.run.verify)}"
        v.outcome, v.reason, undone = "rejected", why, True
        restore(r.state, v.previous)
        _record(r.ctx.journal, units[uid], v, r.backend.name)
        r.say(f"refine: {v.line(uid)}")
    return undone
