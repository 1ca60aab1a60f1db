"""The values an array index takes inside counted loops: `p[2*i + 1]`, `p[23 - i]`, or `p[j + 1]` under
`for (j = 0; j < n - 1 - i; j++)`, as intervals over constants and one integer parameter.

A range is (lo, hi), both inclusive: `lo` a constant or None (unknown), `hi` a `Bound` or None. A bound
(sym, k) is `sym + k`, `sym` the name of an integer parameter (never assigned: loops.prove_slice checks it)
or None for the constant k. Only a loop variable a `for` loop alone steps (loops._for_keeps), or one of the
`while (i < n) { ...; i++; }` loops._while_keeps accepts, has a range; any other variable is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from llmigrate.signatures.proof import node_text, op, walk, within

Bound = tuple[str | None, int]
Range = tuple[int | None, Bound | None]
Env = dict[str, Range]
_UNKNOWN: Range = (None, None)


class Scope:
    """What an index expression may name: loop variables (`env`), integer parameters (`ints`, `signed`
    the signed ones), constants (`constant` evaluates an identifier that is a macro for one), elements of
    constant tables (`table`: a global's least and greatest element, dims.table_range)."""

    def __init__(self, body: Node, ints: set[str], signed: set[str], constant: Callable[[str], int | None],
                 table: Callable[[str], tuple[int, int] | None] = lambda _: None):
        self.body, self.ints, self.signed, self.constant, self.table = body, ints, signed, constant, table

    def value(self, n: Node | None, env: Env) -> Range:
        """The range of the C expression `n` where the loop variables range over `env`."""
        if n is None:
            return _UNKNOWN
        if n.type == "parenthesized_expression" and len(n.named_children) == 1:
            return self.value(n.named_children[0], env)
        if n.type == "number_literal":
            value = literal(node_text(n))
            return _const(value) if value is not None else _UNKNOWN
        if n.type == "identifier":
            name = node_text(n)
            if name in env:
                return env[name]
            if name in self.ints:  # an unsigned one is never below 0
                return None if name in self.signed else 0, (name, 0)
            value = self.constant(name)
            return _const(value) if value is not None else _UNKNOWN
        if n.type == "subscript_expression":  # `intrl_seq[i]`: whatever i, one of the table's elements
            arr = n.child_by_field_name("argument")
            name = node_text(arr) if arr is not None and arr.type == "identifier" else ""
            found = self.table(name) if name and not self._declared(name) else None
            return (found[0], (None, found[1])) if found is not None else _UNKNOWN
        if n.type == "binary_expression" and op(n) in _OPS:
            a = self.value(n.child_by_field_name("left"), env)
            b = self.value(n.child_by_field_name("right"), env)
            return _OPS[op(n)](a, b)
        return _UNKNOWN

    def signed_names(self, n: Node) -> bool:
        """Every variable `n` names is of a signed type (its arithmetic does not wrap around 0)."""
        return all(node_text(k) in self.signed or self._signed_local(node_text(k)) or
                   self.constant(node_text(k)) is not None for k in walk(n) if k.type == "identifier")

    def _declared(self, name: str) -> bool:
        """The body declares a `name` of its own (hiding a global of that name)."""
        return any(k.type == "identifier" and node_text(k) == name and k.parent is not None and
                   (k.parent.type.endswith("declarator") or k.parent.type == "declaration")
                   for k in walk(self.body))

    def _signed_local(self, name: str) -> bool:
        return self.local_scalar(name).startswith("i")

    def local_scalar(self, name: str) -> str:
        """The Rust scalar type (`i32`) of the local `name` when its declarations all give it one C type."""
        from llmigrate.signatures.mapper import SCALARS

        types = {node_text(t) for d in walk(self.body) if d.type == "declaration"
                 and (t := d.child_by_field_name("type")) is not None
                 and any(_declares(k, name) for k in d.named_children)}
        return SCALARS.get(" ".join(types.pop().split()), "") if len(types) == 1 else ""


def literal(text: str) -> int | None:
    """The value of a decimal or hex integer literal (an octal one, rare in loops, is left unknown)."""
    m = re.fullmatch(r"(0[xX][0-9a-fA-F]+|[1-9]\d*|0)[uUlL]*", text)
    return int(m.group(1), 0) if m else None


def _declares(declarator: Node, name: str) -> bool:
    if declarator.type == "init_declarator":
        declarator = declarator.child_by_field_name("declarator")
    return declarator is not None and declarator.type == "identifier" and node_text(declarator) == name


def _const(v: int) -> Range:
    return v, (None, v)


def _add(a: Range, b: Range) -> Range:
    lo = a[0] + b[0] if a[0] is not None and b[0] is not None else None
    if a[1] is None or b[1] is None or a[1][0] is not None and b[1][0] is not None:
        return lo, None
    return lo, (a[1][0] or b[1][0], a[1][1] + b[1][1])


def _sub(a: Range, b: Range) -> Range:
    """a - b: its lowest is a's lowest minus b's highest (a constant), its highest a's highest minus b's
    lowest."""
    lo = a[0] - b[1][1] if a[0] is not None and b[1] is not None and b[1][0] is None else None
    hi = (a[1][0], a[1][1] - b[0]) if a[1] is not None and b[0] is not None else None
    return lo, hi


def _mul(a: Range, b: Range) -> Range:
    """a * b over non-negative constant ranges only."""
    if any(r[0] is None or r[0] < 0 or r[1] is None or r[1][0] is not None for r in (a, b)):
        return _UNKNOWN
    return a[0] * b[0], (None, a[1][1] * b[1][1])


def _constant(r: Range) -> int | None:
    return r[0] if r[0] is not None and r[1] == (None, r[0]) else None


def _and(a: Range, b: Range) -> Range:
    """x & K, K >= 0: the sign bit is clear, so 0 <= x & K <= K whatever x is."""
    k = max((c for c in (_constant(a), _constant(b)) if c is not None and c >= 0), default=None)
    return _UNKNOWN if k is None else (0, (None, k))


def _mod(a: Range, b: Range) -> Range:
    """x % K, K > 0 and x >= 0 (C's % of a negative x is negative)."""
    k = _constant(b)
    if k is None or k <= 0 or a[0] is None or a[0] < 0:
        return _UNKNOWN
    return 0, (None, min(k - 1, a[1][1]) if a[1] is not None and a[1][0] is None else k - 1)


def _shr(a: Range, b: Range) -> Range:
    """x >> K of a non-negative constant range."""
    k = _constant(b)
    if k is None or not 0 <= k < 64 or a[0] is None or a[0] < 0 or a[1] is None or a[1][0] is not None:
        return _UNKNOWN
    return a[0] >> k, (None, a[1][1] >> k)


_OPS = {"+": _add, "-": _sub, "*": _mul, "&": _and, "%": _mod, ">>": _shr}


def loop_env(sub: Node, scope: Scope, keeps: Callable[[Node, Node, str], int | None],
             aligned: Callable[[Node, str, Node, int | None], int] = lambda *_: 0) -> Env:
    """The ranges of the variables of the loops enclosing `sub` that keep `K <= i < E` (or `<= E`) in their
    body, `keeps(loop, sub, i)` saying whether one does (its K); outer loops first, so an inner bound may
    name an outer variable. A bound that subtracts from a parameter must be computed without wrapping
    around 0: every variable it names, and the loop variable, are signed. `aligned(loop, i, E, last)`: how
    much further below its last value by the condition (`last`, when a constant) i stays (i and E multiples
    of a step s: s - 1; a power of its factor below it, for `i *= m`)."""
    loops, node = [], sub
    while node.parent is not None:
        node = node.parent
        inside = node.child_by_field_name("body") if node.type in ("for_statement", "while_statement") \
            else None
        if inside is not None and within(sub, inside):
            loops.append(node)
    env: Env = {}
    for loop in reversed(loops):
        cond = loop.child_by_field_name("condition")
        while cond is not None and cond.type == "parenthesized_expression" and cond.named_children:
            cond = cond.named_children[0]
        if cond is None or cond.type != "binary_expression" or op(cond) not in ("<", "<="):
            continue
        left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
        if left is None or left.type != "identifier" or right is None:
            continue
        i = node_text(left)
        start = keeps(loop, sub, i)
        env.pop(i, None)  # an inner loop over the same variable: only its own range holds in its body
        if start is None:
            continue
        lo, hi = scope.value(right, env)
        if hi is None or hi[0] is not None and "-" in node_text(right) and \
                not scope.signed_names(cond):
            continue
        last = hi[1] - (1 if op(cond) == "<" else 0)
        env[i] = start, (hi[0], last - aligned(loop, i, right, last if hi[0] is None else None))
    return env
