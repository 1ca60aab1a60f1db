"""Facts over a whole codebase that the signature rules ask for once per function proven: computed once per
codebase instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from llmigrate.core import Codebase

_T = TypeVar("_T")


def per_codebase(names: Callable[[Codebase], _T]) -> Callable[[Codebase], _T]:
    """`names` computed once per codebase (and number of types), not per function proven: over every type
    or function, per function, it grew with the codebase's size squared."""
    last: list = [None, 0, None]  # the codebase (held, so that its id is not reused), its type count, names

    def cached(codebase: Codebase) -> _T:
        if last[0] is not codebase or last[1] != len(codebase.types):
            last[:] = [codebase, len(codebase.types), names(codebase)]
        return last[2]
    return cached
