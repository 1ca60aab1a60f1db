"""Facts over a whole codebase that the signature rules ask for once per function proven (or per call):
computed once per codebase instead, and again when the codebase gains what the fact reads."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from llmigrate.core import Codebase

_T = TypeVar("_T")


def _types(codebase: Codebase) -> Hashable:
    return len(codebase.types)


def per_codebase(names: Callable[[Codebase], _T] | None = None, *,
                 watch: Callable[[Codebase], Hashable] = _types):
    """`names` computed once per codebase and `watch(codebase)` (by default its number of types), not per
    function proven: over every type or function, per function, it grew with the codebase's size squared.
    `@per_codebase` or `@per_codebase(watch=...)`."""
    if names is None:
        return lambda f: per_codebase(f, watch=watch)
    # (the codebase, held so that its id is not reused; what `watch` saw; the answer): one tuple, read once,
    # so that a thread never pairs one codebase's check with another's answer
    last: list = [(None, None, None)]

    def cached(codebase: Codebase) -> _T:
        held, seen, found = last[0]
        now = watch(codebase)
        if held is not codebase or seen != now:
            found = names(codebase)
            last[0] = (codebase, now, found)
        return found
    return cached
