"""When to stop repairing a unit: the backend repeats itself.

A model at temperature 0 asked the same question answers the same way; a real code model spent five rounds
returning identical code. A round "stalls" when its code is one already tried, or when it leaves the same
diagnostics as the round before it. After the first stall the unit gets one retry at a higher temperature;
after the second, repair stops (the caller falls back to the builtin's translation, or keeps the unit in C).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# The temperature of the one retry after a stall: enough to leave the rut, not enough to ramble.
HOT_TEMPERATURE = 0.7
# Stalls tolerated before repair stops: the first earns the hot retry.
MAX_STALLS = 1

# The lines of a rendered diagnostic that say what is wrong: its headline and the labels under the carets
# (not the locations or quoted source, which move when other code changes).
_GIST = re.compile(r"^(?:error|warning)\b.*|\|\s*[-^]+\s*(\S.*)$", re.M)


@dataclass(frozen=True)
class Attempt:
    """One round of a unit: the code cargo judged and the diagnostics it left."""

    code: str
    diagnostics: tuple[str, ...]


def same_diagnostics(a: Sequence[str], b: Sequence[str]) -> bool:
    """The same errors, ignoring where they sit (a changed line count moves every location)."""
    return bool(a) and [_gist(d) for d in a] == [_gist(d) for d in b]


def _gist(diagnostic: str) -> list[str]:
    return [m.group(1) or m.group(0) for m in _GIST.finditer(diagnostic)]


def history(entries: Sequence[dict[str, Any]], code: Sequence[str], diagnostics: Sequence[str]) \
        -> list[Attempt]:
    """A unit's compile rounds from its functions' journal entries, then its current code and diagnostics."""
    rounds = [[r for r in e.get("rounds", []) if r.get("kind") == "compile"] for e in entries]
    past = [Attempt("\n".join(r.get("code") or "" for r in group), tuple(group[0].get("diagnostics", [])))
            for group in zip(*rounds, strict=False)]
    return past + [Attempt("\n".join(code), tuple(diagnostics))]


def stalls(history: Sequence[Attempt]) -> int:
    """Rounds whose code was tried before, or whose diagnostics equal the previous round's."""
    count = 0
    for i, now in enumerate(history[1:], start=1):
        repeated = any(now.code == earlier.code for earlier in history[:i])
        if repeated or same_diagnostics(now.diagnostics, history[i - 1].diagnostics):
            count += 1
    return count


def should_stop(history: Sequence[Attempt]) -> bool:
    """Stop asking the backend for this unit: it stalled again after its hot retry."""
    return stalls(history) > MAX_STALLS


def temperature(history: Sequence[Attempt]) -> float:
    """The temperature of the next request: 0, or the hot retry's right after a stall."""
    return HOT_TEMPERATURE if stalls(history) == MAX_STALLS else 0.0
