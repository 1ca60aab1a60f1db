"""Pointer parameters indexed only inside loops that keep the index below a count: slices (`&[T]`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from llmigrate.signatures.proof import (
    address_taken_or_sizeof,
    is_field,
    is_write,
    node_text,
    occurrences,
    op,
    up,
    walk,
    within,
)

# what the `n` of `i < n` may be: a name (a parameter, or a macro for a constant), or a constant expression
_BOUNDS = ("identifier", "number_literal", "binary_expression", "parenthesized_expression")


def prove_slice(body: Node, uses: list[Node], int_params: set[str], size: int | None = None,
                constant: Callable[[str], int | None] = lambda _: None) -> str | None:
    """The length when every use is `p[i]` inside a loop that keeps `0 <= i < n` (see _loop_bound): the name
    of `n`, an integer parameter never assigned; or, for an array parameter declaring `size` elements, that
    size (as text) when every `n` is a constant (`constant` evaluates one) at most `size` and every literal
    index is below it; else None."""
    bound = None
    for n in uses:
        p = up(n)
        if p is None or p.type != "subscript_expression" or not is_field(n, p, "argument") or \
                address_taken_or_sizeof(p):
            return None
        index = p.child_by_field_name("index")
        if index is not None and index.type == "number_literal" and size is not None:
            value = constant(node_text(index))
            if value is None or value >= size or bound not in (None, str(size)):
                return None
            bound = str(size)
            continue
        if index is None or index.type != "identifier":
            return None
        n_name = _loop_bound(p, node_text(index), body)
        if n_name is not None and n_name not in int_params and size is not None:
            value = constant(n_name)
            n_name = str(size) if value is not None and value <= size else None
        elif n_name not in int_params:
            n_name = None
        if n_name is None or bound not in (None, n_name):
            return None
        bound = n_name
    if bound is None or size is not None and bound == str(size):
        return bound
    n_uses = occurrences(body, bound)
    if n_uses is None or any(is_write(u) or address_taken_or_sizeof(u) for u in n_uses):
        return None
    return bound


def _loop_bound(sub: Node, i: str, body: Node) -> str | None:
    """The `n` of the innermost loop over `i` enclosing `sub` that keeps 0 <= i < n in its body:
    `for (i = K; i < n; i++)` not assigning `i` in its body, or `while (i < n) { ...; i++; }` whose last
    statement alone changes `i`, which is only ever set to literals and incremented (in `body`, the
    function's)."""
    node = sub
    while node.parent is not None:
        loop, node = node.parent, node.parent
        right = _below(loop, i) if loop.type in ("for_statement", "while_statement") else None
        if right is None:
            continue
        inside = loop.child_by_field_name("body")
        if right.type not in _BOUNDS or inside is None or not within(sub, inside):
            return None
        keeps = _for_keeps(loop, inside, i) if loop.type == "for_statement" else \
            _while_keeps(inside, sub, i) and _non_negative(body, i)
        return node_text(right) if keeps else None
    return None


def _below(loop: Node, i: str) -> Node | None:
    """The `n` of a loop condition `i < n`, else None."""
    cond = loop.child_by_field_name("condition")
    while cond is not None and cond.type == "parenthesized_expression" and cond.named_children:
        cond = cond.named_children[0]
    if cond is None or cond.type != "binary_expression" or op(cond) != "<" or \
            node_text(cond.child_by_field_name("left")) != i:
        return None
    return cond.child_by_field_name("right")


def _for_keeps(loop: Node, inside: Node, i: str) -> bool:
    init, upd = loop.child_by_field_name("initializer"), loop.child_by_field_name("update")
    return _starts_at_literal(init, i) and _increments(upd, i) and not _touched(inside, i)


def _while_keeps(inside: Node, sub: Node, i: str) -> bool:
    """`inside` is `{ ...; i++; }` with `sub` before the increment and `i` untouched before it (a `continue`
    skips the increment and tests `i < n` again)."""
    stmts = [s for s in inside.named_children if s.type != "comment"] if inside.type == "compound_statement" \
        else []
    if not stmts or stmts[-1].type != "expression_statement" or not stmts[-1].named_children or \
            within(sub, stmts[-1]) or not _increments(stmts[-1].named_children[0], i):
        return False
    return not any(_touched(s, i) for s in stmts[:-1])


def _non_negative(body: Node, i: str) -> bool:
    """Every write of the local `i` in `body` is a non-negative literal or an increment, and it is declared
    with one: it is never below 0."""
    for n in walk(body):
        if n.type != "identifier" or node_text(n) != i or n.parent is None:
            continue
        p = n.parent
        if p.type == "init_declarator" and is_field(n, p, "declarator"):
            ok = _literal(p.child_by_field_name("value"))
        elif p.type == "assignment_expression" and is_field(n, p, "left"):
            ok = op(p) in ("=", "+=") and _literal(p.child_by_field_name("right"))
        elif p.type == "update_expression":
            ok = op(p) == "++"
        else:
            ok = p.type not in ("declaration", "pointer_expression") and not p.type.endswith("declarator")
        if not ok:
            return False
    return True


def _literal(n: Node | None) -> bool:
    return n is not None and re.fullmatch(r"\d+[uUlL]*", node_text(n)) is not None


def _starts_at_literal(init: Node | None, i: str) -> bool:
    if init is None:
        return False
    if init.type == "declaration":
        decls = [d for d in init.named_children if d.type == "init_declarator"]
        if len(decls) != 1:
            return False
        init = decls[0]
        name, value = init.child_by_field_name("declarator"), init.child_by_field_name("value")
    elif init.type == "assignment_expression" and op(init) == "=":
        name, value = init.child_by_field_name("left"), init.child_by_field_name("right")
    else:
        return False
    return name is not None and node_text(name) == i and _literal(value)


def _increments(upd: Node | None, i: str) -> bool:
    if upd is None:
        return False
    if upd.type == "update_expression":
        return op(upd) == "++" and node_text(upd.child_by_field_name("argument")) == i
    return upd.type == "assignment_expression" and op(upd) == "+=" and \
        node_text(upd.child_by_field_name("left")) == i and node_text(upd.child_by_field_name("right")) == "1"


def _touched(inside: Node, i: str) -> bool:
    """The loop body assigns `i`, takes its address or declares another `i`."""
    uses = occurrences(inside, i)
    return uses is None or any(is_write(u) or address_taken_or_sizeof(u) for u in uses)
