"""What stands in when a model's Rust does not work: the builtin's shared module, and per function the
builtin's translation, before anything is kept in C.

A model backend offers its stand-in as `backend.fallback` (a Translator, or None); the builtin backend has
none, so with it these hooks change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from llmigrate.cargo import CargoDiagnostic
from llmigrate.core import RejectOutput, SharedTranslation, Translator, Unit
from llmigrate.journal import Journal
from llmigrate.reintegrate.crate_state import CrateState
from llmigrate.repair.loop import Loop, Repair, check_skeleton, record_round, render
from llmigrate.translate import guard
from llmigrate.translate.driver import save_shared, shared_hash, unit_request


def settle_shared(state: CrateState, shared: SharedTranslation, backend: Translator, journal: Journal,
                  say: Callable[[str], None]) -> SharedTranslation:
    """The shared module the run goes on with: a model's only when the crate skeleton builds with it, else
    the builtin's (installed in `state` and the journal). A broken shared module never sinks a run."""
    builtin = getattr(backend, "builtin", None)
    if shared.origin != "model" or builtin is None:
        return shared
    errors = check_skeleton(state)
    if not errors:
        return shared
    first = errors[0].strip().splitlines()[0]
    say(f"shared: the model's shared module does not build ({first}); using the builtin's")
    mine = builtin.translate_shared(state.codebase)
    why = f"the model's shared module did not build ({first}); the builtin's is used"
    mine = replace(mine, failures=[why, *mine.failures], origin="builtin")
    state.shared, state.shared_c = mine.code, mine.c_code
    with journal.lock:
        save_shared(journal, mine, shared_hash(state.codebase), builtin.name)
        journal.save()
    return mine


def builtin_instead(loop: Loop, unit: Unit, diags: list[CargoDiagnostic]) -> bool:
    """Install the fallback backend's translation of a unit whose model Rust still fails; True when one
    was installed (the next check judges it; it gets no repair rounds of its own)."""
    return stand_in(loop, unit, render(diags), "compile")


def stand_in(loop: Loop, unit: Unit, rendered: list[str], kind: str, why: str | None = None) -> bool:
    """`builtin_instead` for compile errors (`kind` "compile") or differences ("differential") as
    rendered; `why` the model's Rust is given up (default: the repair rounds it had)."""
    fallback = getattr(loop.backend, "fallback", None)
    records = [loop.journal.functions[fid] for fid in unit.functions]
    if fallback is None or any(r.backend == fallback.name for r in records):
        return False
    request = unit_request(loop.state.codebase, unit, loop.state.signatures, loop.shared)
    t = fallback.translate_unit(request)
    try:
        if not t.ok:
            return False
        guard.check(request, t.code)
    except RejectOutput:
        return False
    first = rendered[0].strip().splitlines()[0] if rendered else "errors"
    why = why or f"still failing after {loop.used[unit.id]} repair round(s)"
    why = f"{loop.backend.name}: {why}: {first}"
    record_round(loop, unit, rendered, Repair(dict(t.code), fallback.name, f"fell back to {fallback.name}"),
                 kind)
    loop.used[unit.id] = max(loop.used[unit.id], loop.max_repairs)
    with loop.journal.lock:
        for r in records:
            r.update(backend=fallback.name, fallback_reason=why)
        loop.journal.save_records(unit.functions)
    loop.say(f"repair: {unit.id}: {why}; using the {fallback.name} translation")
    return True
