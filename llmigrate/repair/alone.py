"""A unit is never blamed for another unit's errors: when several units fail, each is checked alone.

rustc reports some errors at a unit that did nothing wrong: a name another unit's reply defines again is
reported at the later definition, wherever it is. So when the crate has errors in more than one unit, each
of them is checked alone against the skeleton (its code, every other body diverging); one that builds alone
is not sent for repair this round: the others' repairs (or their keeping in C) clear its errors. When every
failing unit builds alone, only their combination fails and all of them are blamed, as before.
"""

from __future__ import annotations

from collections.abc import Callable

from llmigrate.core import Unit
from llmigrate.reintegrate.crate_state import CrateState

# unit id -> (the unit's code when it was checked alone, whether it built)
AloneCache = dict[str, tuple[tuple[str, ...], bool]]


def builds_alone(state: CrateState, unit: Unit, cache: AloneCache) -> bool:
    """Whether the unit's current code builds with only the skeleton around it (one scratch check per code
    version: the skeleton does not change during repair)."""
    if not _known(state, unit, cache):
        checked = state.check_scratch(set(unit.functions))
        cache[unit.id] = (_code(state, unit), not checked.result.errors)
    return cache[unit.id][1]


def _code(state: CrateState, unit: Unit) -> tuple[str, ...]:
    return tuple(state.code[fid] for fid in unit.functions)


def _known(state: CrateState, unit: Unit, cache: AloneCache) -> bool:
    seen = cache.get(unit.id)
    return seen is not None and seen[0] == _code(state, unit)


def not_to_blame(state: CrateState, failing: list[Unit], cache: AloneCache,
                 say: Callable[[str], None]) -> set[str]:
    """Ids of failing units that build alone, so their errors come from another unit; empty when fewer than
    two units fail or when all of them build alone."""
    if len(failing) < 2:
        return set()
    fresh = {u.id for u in failing if not _known(state, u, cache)}
    innocent = {u.id for u in failing if builds_alone(state, u, cache)}
    if len(innocent) == len(failing):
        return set()
    for uid in sorted(innocent & fresh):  # said once per code version, not every round
        say(f"repair: {uid} builds alone against the skeleton; its errors come from another unit, "
            "so it is not sent for repair")
    return innocent
