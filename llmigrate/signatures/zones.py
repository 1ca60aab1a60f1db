"""Difference bounds between a function's integer variables (the "zones" abstract domain, Miné 2001): a set of
facts `x - y <= c`, with ZERO standing for the constant 0 (`x <= 5` is `x - ZERO <= 5`). A state is kept
closed (every fact implied by two others is written down), so a join is the facts both sides hold, with the
weaker constant. None is the state of code no path reaches. Values are mathematical integers: the caller
(signatures/flow.py) checks that C's arithmetic does not wrap before it states a fact.
"""

from __future__ import annotations

ZERO = ""  # not an identifier, so it names no C variable
State = dict[tuple[str, str], int] | None


def _names(d: dict[tuple[str, str], int]) -> set[str]:
    return {v for k in d for v in k}


def add(d: State, x: str, y: str, c: int) -> State:
    """`d` with `x - y <= c` added, closed (None when no value satisfies them all)."""
    if d is None:
        return None
    if x == y:
        return d if c >= 0 else None
    if d.get((x, y), c + 1) <= c:
        return d
    names = _names(d) | {x, y}
    to_x = {i: 0 if i == x else d.get((i, x)) for i in names}  # i - x <= to_x[i]
    from_y = {j: 0 if j == y else d.get((y, j)) for j in names}  # y - j <= from_y[j]
    new = dict(d)
    for i, a in to_x.items():
        if a is None:
            continue
        for j, b in from_y.items():
            if b is None:
                continue
            v = a + c + b
            if i == j:
                if v < 0:
                    return None
            elif new.get((i, j), v + 1) > v:
                new[(i, j)] = v
    return new


def bound(d: dict[tuple[str, str], int], x: str, y: str) -> int | None:
    """The least c the state proves `x - y <= c` with, or None."""
    return 0 if x == y else d.get((x, y))


def forget(d: State, x: str) -> State:
    """Nothing known of `x` any more (a closed state loses nothing else)."""
    return None if d is None else {k: v for k, v in d.items() if x not in k}


def shift(d: State, x: str, lo: int | None, hi: int | None) -> State:
    """`x` becomes `x + k` for some k in [lo, hi] (None: unbounded on that side)."""
    if d is None:
        return None
    new = {}
    for (a, b), c in d.items():
        if a == x and hi is not None:
            new[(a, b)] = c + hi
        elif b == x and lo is not None:
            new[(a, b)] = c - lo
        elif x not in (a, b):
            new[(a, b)] = c
    return new


def join(a: State, b: State) -> State:
    """What holds after either of two paths."""
    if a is None or b is None:
        return b if a is None else a
    return {k: max(v, b[k]) for k, v in a.items() if k in b}


def widen(old: State, new: State) -> State:
    """`new` (which includes `old`) keeping only the facts of `old` it did not weaken, closed again: a loop's
    bounds that move each turn are dropped rather than followed turn after turn."""
    if old is None or new is None:
        return new
    kept: State = {}
    for (x, y), c in sorted(old.items()):
        if (x, y) in new and new[(x, y)] <= c:
            kept = add(kept, x, y, c)
    return kept


def apart(d: State, x: str, cx: int, y: str, cy: int) -> State:
    """`d` where `x + cx != y + cy`: a bound between them that holds with equality becomes strict (`x + cx
    <= y + cy` and unequal is `x + cx < y + cy`); the state cannot say more of a disequality."""
    if d is not None and (c := bound(d, x, y)) is not None and c <= cy - cx:
        d = add(d, x, y, cy - cx - 1)
    if d is not None and (c := bound(d, y, x)) is not None and c <= cx - cy:
        d = add(d, y, x, cx - cy - 1)
    return d
