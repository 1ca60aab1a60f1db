"""Remainders by a count in signatures/flow.py's analysis: `e % k` of a non-negative `e` and a non-negative
variable `k` lies in [0, k - 1] (a ring buffer's `a[(head + i) % n]`, `j = (j + 1) % n`, `p %= len`).

A zone fact is a difference, so `0 <= r <= k - 1` is no Form: a proven remainder is kept by its node
(`Exprs.remainders`), checked where it indexes the pointer, and stated of the variable it is assigned to.
C's `% 0` is undefined (Rust's panics), so past a remainder `k >= 1` holds, as flow.py takes signed overflow
not to happen. Both operands non-negative, C's usual conversions keep their values, so the remainder is
the mathematical one; a negative dividend (C's `-7 % 3` is -1) or divisor proves nothing.
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.signatures import zones
from llmigrate.signatures.flowtypes import Form, Int, convertible, literal_type, usual
from llmigrate.signatures.proof import is_write, node_text, op, unparen, walk
from llmigrate.signatures.zones import ZERO, State


class Remainders:
    """The `%` half of flowexpr.Exprs (a mixin: it uses the analysis' `ev`, `types`, `counts`)."""

    remainders: dict[int, str]  # node id of a proven `e % k` -> k
    types: dict[str, Int]
    counts: list[str]

    def _rem(self, n: Node, s: State) -> tuple[Form | None, State]:
        """`e % k`: its operands' effects; proven in [0, k - 1] when both are known non-negative."""
        self.remainders.pop(n.id, None)  # a loop's earlier turn proved it under another state
        left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
        a, s = self.ev(left, s)  # type: ignore[attr-defined]
        if a is not None and a.var in _assigned(right):
            a = None  # `x % (x = k)`: the right side changes what the left one's value was stated by
        b, s = self.ev(right, s)  # type: ignore[attr-defined]
        dividend_ok = a is not None and self._at_least_zero(s, a) or _unsigned(left, self.types)
        if s is None or b is None or b.var == ZERO or b.lo != 0 or b.hi != 0 or b.var not in self.types \
                or not dividend_ok or not self._at_least_zero(s, b):
            return None, s
        self.remainders[n.id] = b.var
        return None, zones.add(s, ZERO, b.var, -1)  # k >= 1: C's `% 0` is undefined

    def _at_least_zero(self, s: dict, f: Form) -> bool:
        return not f.typ.signed or self._non_negative(s, f)  # type: ignore[attr-defined]

    def _rem_index(self, s: State, index: Node | None) -> bool:
        """`p[e % k]` proven: the counts that stay are those k is at most."""
        k = self.remainders.get(unparen(index).id) if index is not None else None
        if k is None or s is None:
            return False
        self.counts = [c for c in self.counts if (d := zones.bound(s, k, c)) is not None and d <= 0]
        return True

    def _rem_assign(self, n: Node, s: State) -> State | None:
        """`x = e % k` (k's values all fit x's type) or `x %= k` (x >= 0, the remainder then at most x):
        x becomes a value in [0, k - 1]; else None (not a remainder this proves)."""
        left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
        x = node_text(left) if left is not None and left.type == "identifier" else None
        if x not in self.types or s is None:
            return None
        if op(n) == "%=":
            mine = Form(x, 0, 0, self.types[x].promoted())
            k = self._rem_by(right, self._at_least_zero(s, mine), s)
        else:
            k = self.remainders.get(unparen(right).id) if right is not None else None
            k = k if k is not None and convertible(self.types[k], self.types[x]) else None
        if k is None:
            return None
        return zones.add(zones.add(zones.forget(s, x), ZERO, x, 0), x, k, -1)

    def _rem_by(self, right: Node | None, dividend_ok: bool, s: State) -> str | None:
        """k of the right side of `x %= k`, a non-negative variable, when x is non-negative (its effects
        are the caller's: only a plain variable, which has none, is accepted)."""
        right = unparen(right)
        name = node_text(right) if right is not None and right.type == "identifier" else None
        if not dividend_ok or name not in self.types or s is None:
            return None
        return name if self._at_least_zero(s, Form(name, 0, 0, self.types[name].promoted())) else None


def _assigned(n: Node | None) -> set[str]:
    """The variables `n` assigns or increments."""
    return set() if n is None else {node_text(k) for k in walk(n) if k.type == "identifier" and is_write(k)}


_ARITH = ("+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>")


def _unsigned(n: Node | None, types: dict[str, Int]) -> bool:
    """`n` is of an unsigned type by C's usual conversions (its value, wrapped or not, is never negative):
    `start + i` of an unsigned `start`, where the analysis knows no Form as the sum may wrap."""
    typ = _type(unparen(n), types)
    return typ is not None and not typ.signed


def _type(n: Node | None, types: dict[str, Int]) -> Int | None:
    if n is None:
        return None
    if n.type == "parenthesized_expression" and len(n.named_children) == 1:
        return _type(n.named_children[0], types)
    if n.type == "identifier":
        t = types.get(node_text(n))
        return t.promoted() if t is not None else None
    if n.type == "number_literal":
        f = literal_type(node_text(n))
        return f.typ if f is not None else None
    if n.type == "binary_expression" and op(n) in _ARITH:
        a, b = _type(n.child_by_field_name("left"), types), _type(n.child_by_field_name("right"), types)
        if a is None or b is None:
            return None
        return a.promoted() if op(n) in ("<<", ">>") else usual(a, b)  # a shift has its left operand's type
    return None
