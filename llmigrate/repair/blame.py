"""Which of a round's repairs broke a unit that compiled before: bisection in the scratch crate.

A repair is judged by the next crate-wide check; when a unit nobody touched starts failing, only the repairs
that cause it are rolled back. The scratch crate holds the broken units' code plus one group of repaired units
(every other body diverges), so each probe shows whether that group alone breaks them.
"""

from __future__ import annotations

from collections.abc import Callable

from llmigrate.core import Unit
from llmigrate.reintegrate.crate_state import CrateState


def culprits(state: CrateState, repaired: list[Unit], broken: list[Unit]) -> list[str]:
    """Ids of the `repaired` units whose current code breaks a `broken` unit (all of them when only the
    combination does)."""
    if len(repaired) <= 1:
        return [u.id for u in repaired]
    base = {f for u in broken for f in u.functions}

    def breaks(group: list[Unit]) -> bool:
        checked = state.check_scratch(base | {f for u in group for f in u.functions})
        return any(u.id in checked.by_unit for u in broken)

    return [u.id for u in _search(repaired, breaks)]


def _search(units: list[Unit], breaks: Callable[[list[Unit]], bool]) -> list[Unit]:
    if len(units) == 1:
        return units
    half = len(units) // 2
    found = []
    for group in (units[:half], units[half:]):
        if breaks(group):
            found += _search(group, breaks)
    return found or units  # neither half breaks anything alone: blame the combination
