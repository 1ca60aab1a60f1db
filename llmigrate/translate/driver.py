"""The translate driver: shared items first, then the units, concurrently on the executor of executor.py.

Every backend runs under it: the driver applies the laziness guard to each output, re-asks with the reason
(bounded), writes each unit's result into the journal atomically as it finishes, and on resume skips units
whose C is unchanged and whose translation already finished.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, as_completed
from dataclasses import dataclass, replace

from llmigrate.core import (
    CMacro,
    Codebase,
    LlmigrateError,
    MigrateContext,
    RejectOutput,
    RustSignature,
    SharedTranslation,
    Translation,
    Translator,
    Unit,
    UnitRequest,
)
from llmigrate.journal import FunctionRecord, Journal, SharedRecord, Status, UnitRecord
from llmigrate.signatures.mapper import SCALARS, rust_ident
from llmigrate.translate import executor, guard

Progress = Callable[[str, Translation], None]
# Statuses meaning "this function has Rust from an earlier run" (failed units are retried on resume: the
# cache answers repeated prompts for free, and rate-limited ones get another chance).
FINISHED = (Status.TRANSLATED, Status.COMPILED, Status.KEPT_IN_C, Status.VERIFIED)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shared_hash(codebase: Codebase) -> str:
    """A hash of everything the shared module is translated from, so a changed type retranslates it."""
    parts = [t.source for t in codebase.types.values()] + [g.source for g in codebase.globals.values()]
    parts += [f"{m.name}({m.params}) {m.body}" for m in codebase.macros.values()]
    return sha256("\n\0".join(sorted(parts)))


def shared_names(codebase: Codebase) -> dict[str, str]:
    """Rust names of the C items shared.rs must define: the C spelling without tag (`struct x` -> `x`).

    Types (but not aliases of standard integer names, which signatures map to Rust primitives), defined
    globals, and object-like macros with a constant value; function-like macros are expanded by the
    function translations, and include guards or attribute macros have no Rust counterpart.
    """
    wanted = [t for t in codebase.types if t not in SCALARS]
    wanted += [g.name for g in codebase.globals.values() if not g.is_extern]
    wanted += [m.name for m in codebase.macros.values() if constant_macro(m)]
    return {c_name: rust_ident(c_name.split()[-1]) for c_name in wanted}


def constant_macro(macro: CMacro) -> bool:
    """An object-like macro whose body is a value (`#define MAX 64`), not empty, a statement or attribute."""
    body = macro.body.strip()
    return macro.params is None and bool(body) and not re.search(
        r"__attribute__|__section|[{};#]|\b(do|while|if|for|return|asm|__asm__)\b", body)


def translate_shared(codebase: Codebase, backend: Translator, journal: Journal) -> SharedTranslation:
    """Translate types, constants and globals once; resumed from the journal while the C is unchanged.

    A saved result with failures is redone (like a failed unit): the cache makes a repeat free, and a
    transient model error gets another chance.
    """
    digest = shared_hash(codebase)
    saved = journal.run.shared
    if saved and saved.c_hash == digest and not saved.failures:
        return SharedTranslation(code=saved.code, names=dict(saved.names), tokens_in=saved.tokens_in,
                                 tokens_out=saved.tokens_out, origin=saved.origin, c_code=saved.c_code)
    shared = backend.translate_shared(codebase)
    with journal.lock:
        save_shared(journal, shared, digest, backend.name)
        journal.run.add_tokens(shared.tokens_in, shared.tokens_out)
        journal.save()
    return shared


def save_shared(journal: Journal, shared: SharedTranslation, digest: str, backend: str) -> None:
    """The shared module's record in the journal (the caller holds its lock and saves)."""
    journal.run.shared = SharedRecord(shared.code, digest, backend, dict(shared.names), list(shared.failures),
                                      shared.tokens_in, shared.tokens_out, shared.origin, shared.c_code)


def translate_units(ctx: MigrateContext, progress: Progress | None = None,
                    reused: Progress | None = None) -> dict[str, Translation]:
    """Translate every unit of the plan on the executor `executor.choose` picks, up to `config.jobs` at once
    (each asked at most `config.max_attempts` times); units taken from the journal (--resume) are told to
    `reused` when given, else to `progress`. On threads (a model), callees' levels go first, a level at a
    time; in worker processes (the builtin, whose units need no other unit's Rust), every unit at once in
    batches of one file's units, so that a worker meets each file's parsed C once."""
    _ensure_entries(ctx)
    results: dict[str, Translation] = {}
    stop = threading.Event()
    name, factory = executor.choose(bool(getattr(ctx.backend, "cpu_bound", False)), ctx.config.jobs)
    key = id(stop)
    job = _Job(ctx.codebase, ctx.signatures, ctx.shared, ctx.backend, ctx.config.max_attempts, stop)
    pool = factory(max(1, ctx.config.jobs), _install, (key, job))
    levels = ctx.plan.levels if name == "threads" else [[u for level in ctx.plan.levels for u in level]]
    futures: dict[Future, list[Unit]] = {}
    try:
        for level in levels:
            todo = _todo(ctx, level, results, progress, reused)
            batches = [[u] for u in todo] if name == "threads" else _batches(ctx, todo, ctx.config.jobs)
            futures = {pool.submit(_run_batch, key, batch): batch for batch in batches}
            _collect(ctx, futures, results, progress)
    except BaseException:  # a fatal model error, or Ctrl-C: start nothing more, keep what is in flight
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
        _salvage(ctx, futures, results)
        raise
    finally:
        _JOBS.pop(key, None)
    pool.shutdown()
    ctx.journal.save()  # the stage's end: the snapshot takes in the log
    return results


@dataclass
class _Job:
    """What a worker needs to translate units (not the journal: the parent records every result). A worker
    process gets a copy without the stop flag: the parent cancels the batches it has not started."""

    codebase: Codebase
    signatures: dict[str, RustSignature]
    shared: SharedTranslation
    backend: Translator
    max_attempts: int
    stop: threading.Event | None

    def __getstate__(self) -> dict:
        return {**vars(self), "stop": None}


_JOBS: dict[int, _Job] = {}  # per process: the jobs installed in it, by key


def _install(key: int, job: _Job) -> None:
    _JOBS[key] = job


def _run_batch(key: int, units: list[Unit]) -> list[Translation]:
    return [_run_unit(_JOBS[key], unit) for unit in units]


def _todo(ctx: MigrateContext, level: list[Unit], results: dict[str, Translation], progress: Progress | None,
          reused: Progress | None) -> list[Unit]:
    """The units of `level` to translate; the others (resumed, or unsupported) are reported done."""
    todo = []
    for unit in level:
        resumed = _resumed(ctx, unit)
        done = resumed or _unsupported(ctx, unit)
        if done is None:
            todo.append(unit)
            continue
        results[unit.id] = done
        tell = reused if resumed is not None and reused is not None else progress
        if tell:
            tell(unit.id, done)
    return todo


def _batches(ctx: MigrateContext, units: list[Unit], jobs: int) -> list[list[Unit]]:
    """Units grouped by the file of their first function, in plan order, cut small enough that every
    worker gets several batches (the last ones finish together). With files enough for that, a file's
    units are cut only past an even share of the work: a worker parses the file of each batch it runs
    (unless it still holds that parse), so the pieces of a file cut in two were parsed by two workers."""
    share = len(units) // (max(1, jobs) * 8)
    by_file: dict[str, list[Unit]] = {}
    for unit in units:
        by_file.setdefault(ctx.codebase.functions[unit.functions[0]].file, []).append(unit)
    size = max(1, min(32, share) if len(by_file) < max(1, jobs) * 8 else max(32, share))
    return [us[i:i + size] for us in by_file.values() for i in range(0, len(us), size)]


def _collect(ctx: MigrateContext, futures: dict[Future, list[Unit]], results: dict[str, Translation],
             progress: Progress | None) -> None:
    """Wait for the batches, recording and reporting each unit as its batch finishes; re-raises a unit's
    fatal error."""
    for fut in as_completed(futures):  # not wait() in a loop: that costs the number pending, each time
        for unit, t in zip(futures[fut], fut.result(), strict=True):
            if t.attempts:  # a unit never tried (the run stopped first) stays pending in the journal
                _record(ctx, unit, t)
            results[unit.id] = t
            if progress:
                progress(unit.id, t)


def _salvage(ctx: MigrateContext, futures: dict[Future, list[Unit]], results: dict[str, Translation]) -> None:
    """Record the units that finished while the run was stopping (a request in flight when another unit hit
    the budget or a fatal error): finished work is never lost."""
    for fut, units in futures.items():
        if fut.done() and not fut.cancelled() and fut.exception() is None:
            for unit, t in zip(units, fut.result(), strict=True):
                if unit.id not in results and t.attempts:
                    _record(ctx, unit, t)
                    results[unit.id] = t


def _ensure_entries(ctx: MigrateContext) -> None:
    """A record for every function; one unchanged since an earlier run gets its C facts refreshed (a journal
    of version 1 has none, and lines move when other functions change)."""
    with ctx.journal.lock:
        for unit in ctx.plan.units():
            for fid in unit.functions:
                fresh = _fresh_record(ctx, unit, fid)
                rec = ctx.journal.functions.get(fid)
                if rec is None:
                    ctx.journal.functions[fid] = fresh
                elif rec.c_hash == fresh.c_hash:
                    rec.update(c_source=fresh.c_source, start_line=fresh.start_line, end_line=fresh.end_line,
                               callees=fresh.callees)
        ctx.journal.save()


def _fresh_record(ctx: MigrateContext, unit: Unit, fid: str) -> FunctionRecord:
    """A pending record holding the C facts the report shows."""
    fn = ctx.codebase.functions[fid]
    return FunctionRecord(fn.name, fn.file, unit.id, fn.hash, ctx.signatures[fid].module, c_source=fn.source,
                          start_line=fn.start_line, end_line=fn.end_line, callees=list(fn.callees))


def _resumed(ctx: MigrateContext, unit: Unit) -> Translation | None:
    """The unit's Translation from the journal when all its functions finished from the current C."""
    entries = [ctx.journal.functions[fid] for fid in unit.functions]
    for fid, e in zip(unit.functions, entries, strict=True):
        if e.status not in FINISHED or not e.rust or e.c_hash != ctx.codebase.functions[fid].hash:
            return None
    return Translation(unit.id, {fid: e.rust or "" for fid, e in zip(unit.functions, entries, strict=True)},
                       ok=True, tokens_in=sum(e.tokens_in for e in entries),
                       tokens_out=sum(e.tokens_out for e in entries),
                       attempts=max(e.attempts for e in entries), backend=entries[0].backend or "")


def _unsupported(ctx: MigrateContext, unit: Unit) -> Translation | None:
    """A failed Translation, recorded without asking the backend, for a unit with a function whose signature
    Rust cannot express or that calls one (it can call it only from C); None for every other unit."""
    signatures = ctx.signatures
    reasons = []
    for fid in unit.functions:
        fn = ctx.codebase.functions[fid]
        if signatures[fid].unsupported:
            reasons.append(f"{signatures[fid].unsupported}; it stays C and its callers with it")
        for callee in fn.callees:
            sig = signatures.get(callee)
            if sig is not None and sig.unsupported and callee not in unit.functions:
                reasons.append(f"{fn.file}:{fn.start_line}: {fn.name} calls {sig.c_name}, which Rust cannot "
                               f"call ({sig.unsupported}); it stays C, calling it from C")
    if not reasons:
        return None
    t = Translation(unit.id, {}, ok=False, reasons=reasons, attempts=0)
    _record(ctx, unit, t)
    return t


def unit_request(codebase: Codebase, unit: Unit, signatures: dict[str, RustSignature],
                 shared: SharedTranslation) -> UnitRequest:
    """A request carrying the signatures of the unit's functions and of every function they call."""
    wanted = list(unit.functions)
    for fid in unit.functions:
        wanted += [c for c in codebase.functions[fid].callees if c in signatures]
    return UnitRequest(codebase, unit, {fid: signatures[fid] for fid in wanted}, shared)


def _run_unit(job: _Job, unit: Unit) -> Translation:
    request = unit_request(job.codebase, unit, job.signatures, job.shared)
    where, stop = _where(job.codebase, unit), job.stop or threading.Event()
    result = _attempts(request, job.backend, job.max_attempts, stop, where)
    fallback: Translator | None = getattr(job.backend, "fallback", None)  # a model backend's stand-in
    if not result.ok and result.attempts and fallback is not None and not stop.is_set():
        result = _fall_back(request, result, fallback, stop, where)
    return result


def _fall_back(request: UnitRequest, failed: Translation, fallback: Translator, stop: threading.Event,
               where: str) -> Translation:
    """The fallback backend's translation of a unit the model gave no usable Rust for (else `failed`)."""
    alt = _attempts(request, fallback, 1, stop, where)
    if not alt.ok:
        return replace(failed, reasons=failed.reasons + alt.reasons)
    why = (failed.reasons or ["no usable reply"])[-1].removeprefix(where)
    return replace(alt, attempts=failed.attempts + alt.attempts, tokens_in=failed.tokens_in,
                   tokens_out=failed.tokens_out, fallback_reason=f"{failed.backend}: {why}",
                   context_dropped=failed.context_dropped)


def _attempts(request: UnitRequest, backend: Translator, max_attempts: int, stop: threading.Event,
              where: str) -> Translation:
    """Ask the backend until its output passes the guard, at most `max_attempts` times, and not again after
    a reply with the problems of the one before (`guard.fixed_nothing`)."""
    reasons: list[str] = []
    feedback: list[str] = []
    tokens = [0, 0]
    dropped: list[str] = []  # prompt context the last attempt left out
    attempt = 0
    outcome: Translation | None = None
    stuck = False  # a re-ask fixed none of the problems named: asking again would spend a reply for nothing
    while outcome is None and attempt < max(1, max_attempts) and not stuck and not stop.is_set():
        attempt += 1
        try:
            t = backend.translate_unit(replace(request, feedback=list(feedback)))
            tokens = [tokens[0] + t.tokens_in, tokens[1] + t.tokens_out]
            dropped = t.context_dropped
            if t.ok:
                guard.check(request, t.code)
            # a backend giving up (model errors, constructs it cannot translate) is final: no re-ask
            outcome = replace(t, reasons=[] if t.ok else reasons + t.reasons)
        except RejectOutput as e:
            feedback.append(str(e))
            reasons.append(f"{where}attempt {attempt}: {e}")
            stuck = len(feedback) > 1 and guard.fixed_nothing(feedback[-2], feedback[-1])
            if stuck:
                reasons[-1] += f" (the problems of attempt {attempt - 1} again: not asked again)"
        except LlmigrateError:
            stop.set()  # set here, not by the caller, so this worker's queued units see it at once
            raise
        except Exception as e:  # a bug must not sink the run; the unit says what happened
            outcome = Translation(request.unit.id, {}, ok=False, reasons=reasons + [
                f"{where}internal error in backend {backend.name}: {type(e).__name__}: {e}"])
    outcome = outcome or Translation(request.unit.id, {}, ok=False, reasons=reasons, context_dropped=dropped)
    return replace(outcome, unit_id=request.unit.id, attempts=attempt, tokens_in=tokens[0],
                   tokens_out=tokens[1], backend=outcome.backend or backend.name,
                   code=outcome.code if outcome.ok else {})


def _where(codebase: Codebase, unit: Unit) -> str:
    fn = codebase.functions[unit.functions[0]]
    return f"{fn.file}:{fn.start_line}: {fn.name}: "


def _record(ctx: MigrateContext, unit: Unit, t: Translation) -> None:
    """Write the unit's outcome for each of its functions and append it to the journal; the unit's tokens are
    split over them.
    A function's `backend` names the translator only when its output became the function's Rust."""
    n = len(unit.functions)
    journal = ctx.journal
    with journal.lock:
        for i, fid in enumerate(unit.functions):
            rec = _fresh_record(ctx, unit, fid)
            rust = t.code.get(fid) if t.ok else None
            rec.update(status=Status.TRANSLATED if t.ok else Status.FAILED, rust=rust,
                       rust_hash=sha256(rust) if rust else None, attempts=t.attempts,
                       reasons=list(t.reasons), backend=t.backend if t.ok else None,
                       fallback_reason=t.fallback_reason, context_dropped=list(t.context_dropped),
                       tokens_in=t.tokens_in // n + (t.tokens_in % n if i == 0 else 0),
                       tokens_out=t.tokens_out // n + (t.tokens_out % n if i == 0 else 0))
            journal.functions[fid] = rec
        journal.run.units[unit.id] = UnitRecord(list(unit.functions), t.ok, t.attempts, t.tokens_in,
                                                t.tokens_out, t.backend)
        journal.run.add_tokens(t.tokens_in, t.tokens_out)
        journal.save_records(unit.functions, [unit.id])
