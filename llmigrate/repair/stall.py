"""When to stop asking a model to repair a unit: it repeats itself.

A model at temperature 0 asked nearly the same question answers the same way; a real code model spent five
rounds returning identical code. A round "stalls" when `futile.repeated` says so (its code is one already
tried, or its diagnostics are those of an earlier round, locations aside). After the first stall the unit
gets one retry at a higher temperature; after the second, repair stops (the loop then falls back to the
builtin's translation, or keeps the unit in C). A deterministic backend stops at the first repeat
(`futile.futile_units`): a retry cannot answer differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llmigrate.journal import Journal, RepairRound
from llmigrate.repair.futile import repeated

# The temperature of the one retry after a stall: enough to leave the rut, not enough to ramble.
HOT_TEMPERATURE = 0.7
# Stalls tolerated before repair stops: the first earns the hot retry.
MAX_STALLS = 1


def stalls(history: Sequence[RepairRound]) -> list[str]:
    """Why each round of `history` (journal round records, oldest first) that repeated an earlier one did."""
    out = []
    for i, rec in enumerate(history):
        why = repeated(list(history[:i]), rec.kind, rec.diagnostics, rec.code)
        if why:
            out.append(f"round {rec.round}: {why}")
    return out


def should_stop(history: Sequence[RepairRound]) -> bool:
    """Stop asking the backend for this unit: it stalled again after its hot retry."""
    return len(stalls(history)) > MAX_STALLS


def temperature(history: Sequence[RepairRound]) -> float:
    """The temperature of the next request: 0, or the hot retry's right after the first stall."""
    return HOT_TEMPERATURE if len(stalls(history)) == MAX_STALLS else 0.0


def history(rounds: Sequence[RepairRound], kind: str, code: str | None,
            diagnostics: list[str]) -> list[RepairRound]:
    """A unit's rounds of `kind` from its journal record, then the current state as the round to come."""
    past = [r for r in rounds if r.kind == kind]
    return [*past, RepairRound(len(rounds) + 1, kind, diagnostics, code, None)]


def stalled_units(journal: Journal, units: Sequence[Any], kind: str, code: dict[str, str],
                  diagnostics: dict[str, list[str]]) -> dict[str, str]:
    """Unit id -> why repair stops for it (like `futile_units`, a unit's first function speaks for it)."""
    out = {}
    for u in units:
        fid = u.functions[0]
        found = stalls(history(journal.functions[fid].rounds, kind, code.get(fid), diagnostics[u.id]))
        if len(found) > MAX_STALLS:
            out[u.id] = f"the backend repeated itself after a retry at temperature {HOT_TEMPERATURE} " \
                        f"({found[-1]})"
    return out
