"""Rule halving-stride: an index `j + a*i` inside `for (j = 0; j < N; j += c*i)` inside `for (i = K; i;
i >>= 1)` (a table filled by halves, an FFT's butterflies: crc8's `table[i + j] = table[j] ^ t`).

Interval arithmetic loses what keeps such an index in range: i takes the values K, K/2, .., 1; when c*i
divides the constant N for each of them, j runs over multiples of c*i below N, so j <= N - c*i and
j + a*i <= N - (c - a)*i <= N - (c - a), below N for 0 <= a < c. Both loops alone change their variables,
locals of an integer type no pointer reaches, and no goto may enter the loops past their initializers.
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.signatures.proof import (
    address_taken_or_sizeof,
    is_write,
    node_text,
    occurrences,
    op,
    unparen,
    walk,
    within,
)
from llmigrate.signatures.ranges import Range, Scope, literal

# Loop variables whose values (up to N + c*K, small constants) neither wrap nor overflow.
_WIDE = ("i32", "i64", "u32", "u64", "isize", "usize")
_LIMIT = 1 << 30


def index_range(sub: Node, scope: Scope, body: Node) -> Range | None:
    """The range of the index of subscript `sub` under rule halving-stride, or None when it does not apply."""
    terms = _terms(unparen(sub.child_by_field_name("index")))
    if terms is None or any(k.type == "goto_statement" for k in walk(body)):
        return None
    for inner in _loops(sub):
        j = _counter(inner, scope)
        if j is None or terms.get(j[0]) != 1:
            continue
        name, n, (i, c) = j
        outer = next((lp for lp in _loops(inner) if _halving(lp, i, scope) is not None), None)
        a = terms.get(i, 0)
        if outer is None or set(terms) - {name, i} or not 0 <= a < c or not _private(body, scope, (name, i)):
            return None
        values = _values(_halving(outer, i, scope))
        if not values or any(n % (c * v) for v in values):
            return None
        return a, (None, n - (c - a))
    return None


def _loops(n: Node) -> list[Node]:
    """The `for` loops whose body holds `n`, innermost first."""
    found = []
    while n.parent is not None:
        p, n = n, n.parent
        body = n.child_by_field_name("body") if n.type == "for_statement" else None
        if body is not None and within(p, body):
            found.append(n)
    return found


def _counter(loop: Node, scope: Scope) -> tuple[str, int, tuple[str, int]] | None:
    """(j, N, (i, c)) of `for (j = 0; j < N; j += c*i)`, N a constant, j not changed in the body."""
    cond, upd = unparen(loop.child_by_field_name("condition")), loop.child_by_field_name("update")
    if cond is None or cond.type != "binary_expression" or op(cond) != "<" or upd is None or \
            upd.type != "assignment_expression" or op(upd) != "+=":
        return None
    j = node_text(cond.child_by_field_name("left"))
    n = _constant(cond.child_by_field_name("right"), scope)
    step = _terms(unparen(upd.child_by_field_name("right")))
    if n is None or not 0 < n <= _LIMIT or node_text(upd.child_by_field_name("left")) != j or \
            step is None or len(step) != 1 or _start(loop.child_by_field_name("initializer"), j, scope) != 0 \
            or _changed(loop.child_by_field_name("body"), j):
        return None
    ((i, c),) = step.items()
    return (j, n, (i, c)) if c >= 1 and i != j else None


def _halving(loop: Node, i: str, scope: Scope) -> int | None:
    """K of `for (i = K; i; i >>= 1)` (`i != 0`, `i > 0`; `i /= 2`), K >= 1, i not changed in the body."""
    cond, upd = unparen(loop.child_by_field_name("condition")), loop.child_by_field_name("update")
    if cond is not None and cond.type == "binary_expression" and op(cond) in ("!=", ">") and \
            node_text(cond.child_by_field_name("right")) == "0":
        cond = unparen(cond.child_by_field_name("left"))
    halves = upd is not None and upd.type == "assignment_expression" and \
        node_text(upd.child_by_field_name("left")) == i and \
        (op(upd), node_text(upd.child_by_field_name("right"))) in ((">>=", "1"), ("/=", "2"))
    k = _start(loop.child_by_field_name("initializer"), i, scope)
    ok = cond is not None and node_text(cond) == i and halves and k is not None and 1 <= k <= _LIMIT
    return k if ok and not _changed(loop.child_by_field_name("body"), i) else None


def _changed(inside: Node, v: str) -> bool:
    """The loop body assigns `v`, takes its address or declares another `v` (as loops.touched; this module
    sits below loops.py, which asks it)."""
    uses = occurrences(inside, v)
    return uses is None or any(is_write(u) or address_taken_or_sizeof(u) for u in uses)


def _values(k: int | None) -> list[int]:
    """The values `i` takes from K halving down to 1."""
    out = []
    while k:
        out.append(k)
        k >>= 1
    return out


def _private(body: Node, scope: Scope, names: tuple[str, ...]) -> bool:
    """Each name is a local of a wide integer type whose address the body never takes (no call reaches it)."""
    return all(scope.local_scalar(v) in _WIDE and not any(
        k.type == "identifier" and node_text(k) == v and address_taken_or_sizeof(k) for k in walk(body))
        for v in names)


def _start(init: Node | None, name: str, scope: Scope) -> int | None:
    """K of a loop initializer `name = K` or `T name = K`, K a constant expression."""
    if init is not None and init.type == "declaration":
        decls = [d for d in init.named_children if d.type == "init_declarator"]
        init = decls[0] if len(decls) == 1 else None
        left = init.child_by_field_name("declarator") if init is not None else None
    elif init is not None and init.type == "assignment_expression" and op(init) == "=":
        left = init.child_by_field_name("left")
    else:
        return None
    right = init.child_by_field_name("value" if init.type == "init_declarator" else "right")
    return _constant(right, scope) if left is not None and node_text(left) == name else None


def _constant(n: Node | None, scope: Scope) -> int | None:
    """The value of a constant expression; `A / B` too (`SIZE / 2`), both non-negative (C's truncation is
    then the floor)."""
    n = unparen(n)
    if n is not None and n.type == "binary_expression" and op(n) == "/":
        a, b = (_constant(n.child_by_field_name(side), scope) for side in ("left", "right"))
        return a // b if a is not None and b is not None and a >= 0 and b > 0 else None
    lo, hi = scope.value(n, {})
    return lo if hi is not None and hi[0] is None and lo == hi[1] else None


def _terms(n: Node | None) -> dict[str, int] | None:
    """{name: coefficient} of a sum of variables with literal factors (`i + j`, `j + 2 * i`, `i << 1`)."""
    if n is None:
        return None
    n = unparen(n)
    if n.type == "identifier":
        return {node_text(n): 1}
    if n.type != "binary_expression":
        return None
    left, right = unparen(n.child_by_field_name("left")), unparen(n.child_by_field_name("right"))
    if op(n) == "+":
        a, b = _terms(left), _terms(right)
        return None if a is None or b is None or set(a) & set(b) else a | b
    if op(n) in ("*", "<<"):
        var, k = (left, right) if right.type == "number_literal" else \
            (right, left) if op(n) == "*" else (None, None)
        factor = _factor(k, op(n))
        return {node_text(var): factor} if var is not None and var.type == "identifier" and factor else None
    return None


def _factor(k: Node | None, operator: str) -> int | None:
    """The multiplier a literal `k` stands for as `* k` or `<< k`."""
    value = literal(node_text(k)) if k is not None and k.type == "number_literal" else None
    if operator == "<<":
        return 1 << value if value is not None and value < 31 else None
    return value
