"""Pointer parameters indexed only inside loops that keep the index below a count: slices (`&[T]`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import butterfly
from llmigrate.signatures.proof import (
    address_taken_or_sizeof,
    is_field,
    is_write,
    node_text,
    occurrences,
    op,
    unparen,
    up,
    walk,
    within,
)
from llmigrate.signatures.ranges import Env, Range, Scope, literal, loop_env


def evaluated(body: Node, uses: list[Node]) -> list[Node]:
    """The uses C evaluates: not those in a `sizeof` operand (`count > INT_MAX / sizeof(*p)`), which read
    no element (a pointer parameter's pointee is no variable-length array: kinds.py leaves those raw)."""
    sizeofs = [k for k in walk(body) if k.type == "sizeof_expression"]
    return [u for u in uses if not any(within(u, k) for k in sizeofs)]


def prove_slice(body: Node, uses: list[Node], int_params: set[str], size: int | None = None,
                constant: Callable[[str], int | None] = lambda _: None, signed: set[str] = frozenset(),
                table: Callable[[str], tuple[int, int] | None] = lambda _: None) -> str | None:
    """The length when every use is `p[e]` inside loops that keep `0 <= e < n` (ranges.loop_env: their
    variables' ranges, then e's): the name of `n`, an integer parameter never assigned (`signed`: the
    signed ones, from which a loop bound may subtract); or, for an array parameter declaring `size`
    elements, that size (as text) when e stays below it (`constant` evaluates a macro, `table` a constant
    table's range of elements: ranges.Scope); else None."""
    found = index_ranges(body, uses, Scope(body, int_params, set(signed), constant, table))
    if found is None:
        return None
    bound = None
    for _, (_, hi) in found:
        if hi[0] is None:  # a constant index: below the declared size
            n_name = str(size) if size is not None and hi[1] < size else None
        else:
            n_name = hi[0] if hi[1] < 0 else None
        if n_name is None or bound not in (None, n_name):
            return None
        bound = n_name
    if bound is None or size is not None and bound == str(size):
        return bound
    n_uses = occurrences(body, bound)
    if n_uses is None or any(is_write(u) or address_taken_or_sizeof(u) for u in n_uses):
        return None
    return bound


def index_ranges(body: Node, uses: list[Node], scope: Scope) -> list[tuple[Node, Range]] | None:
    """Each use's subscript `p[e]` and the range of e inside its counted loops, when every use is one (not
    an element's address) and every e is at least 0 with an upper bound; else None."""
    found = []
    for n in uses:
        p = up(n)
        if p is None or p.type != "subscript_expression" or not is_field(n, p, "argument") or \
                address_taken_or_sizeof(p):
            return None
        lo, hi = butterfly.index_range(p, scope, body) or \
            scope.value(p.child_by_field_name("index"), index_env(p, scope, body))
        if lo is None or lo < 0 or hi is None:
            return None
        found.append((p, (lo, hi)))
    return found


def index_env(sub: Node, scope: Scope, body: Node) -> Env:
    """The ranges of the counted loops' variables where `sub` (a subscript in `body`) is evaluated."""
    return loop_env(sub, scope, lambda loop, inner, i: _start(loop, inner, i, body, scope),
                    lambda loop, i, bound, last: _aligned(loop, i, bound, body, last))


def _start(loop: Node, sub: Node, i: str, body: Node, scope: Scope) -> int | None:
    """The lowest value of `i` in the body of `loop`, which encloses `sub`, when `loop` keeps it counting
    up from there (`for (i = K; i < n; i++)` not assigning `i` in its body, or `while (i < n) { ...; i++; }`
    whose last statement alone changes `i`, which is only ever set to literals and incremented); else None."""
    inside = loop.child_by_field_name("body")
    if any(n.type == "identifier" and node_text(n) == i and address_taken_or_sizeof(n) for n in walk(body)):
        return None  # a pointer to it may change it anywhere
    if loop.type == "while_statement":
        return 0 if _while_keeps(inside, sub, i) and _non_negative(body, i) else None
    init = loop.child_by_field_name("initializer")
    if (grows := _geometric(loop, i)) is not None:  # int or wider: a product past INT_MAX is undefined
        return grows[0] if not touched(inside, i) and scope.local_scalar(i) in ("i32", "i64") else None
    return literal_start(init, i) if _for_keeps(loop, inside, i) else None


def _geometric(loop: Node, i: str) -> tuple[int, int] | None:
    """(K, m) of `for (i = K; ...; i *= m)` (or `i <<= k`, m = 2**k), K >= 1 and m >= 2 literals: i takes
    only the values K * m**t, growing while no product overflows (the caller asks a signed int)."""
    upd = loop.child_by_field_name("update") if loop.type == "for_statement" else None
    if upd is None or upd.type != "assignment_expression" or node_text(upd.child_by_field_name("left")) != i:
        return None
    k = literal(node_text(upd.child_by_field_name("right")))
    m = k if op(upd) == "*=" else 1 << k if op(upd) == "<<=" and k is not None and 1 <= k < 31 else None
    start = literal_start(loop.child_by_field_name("initializer"), i)
    return (start, m) if start is not None and start >= 1 and m is not None and m >= 2 else None


def _for_keeps(loop: Node, inside: Node, i: str) -> bool:
    """`for (i = K; ...; i++)` (or `i += s` from 0: a wrap of an unsigned i lands below s, still >= 0)
    not assigning `i` in its body."""
    init, upd = loop.child_by_field_name("initializer"), loop.child_by_field_name("update")
    start, step = literal_start(init, i), step_of(upd, i)
    return start is not None and step is not None and (step == 1 or start == 0) and not touched(inside, i)


def _aligned(loop: Node, i: str, bound: Node, body: Node, last: int | None) -> int:
    """s - 1 when the loop is `for (i = 0; i < n; i += s)` after a top-level guard `if (n % s != 0)
    return ...;` (or `if (n % s)`, `if (n & 1)` for s = 2) of the function, n never assigned: i and n are
    then both multiples of s, so i <= n - s (`src[i + 1]` of a hex decoder stepping by 2); for `i *= m`
    from K and a constant `last` the condition allows, last less the greatest K * m**t up to it; else 0."""
    if (grows := _geometric(loop, i)) is not None:
        top = grows[0]
        while last is not None and top * grows[1] <= last:
            top *= grows[1]
        return last - top if last is not None and top <= last else 0
    cond = unparen(loop.child_by_field_name("condition"))
    if cond is None or cond.type != "binary_expression" or op(cond) != "<":
        return 0  # `i <= n`: i and n multiples of s bound it by n itself
    step = step_of(loop.child_by_field_name("update"), i) if loop.type == "for_statement" else None
    n = node_text(bound) if bound.type == "identifier" else ""
    uses = occurrences(body, n) if n else None
    if step is None or step < 2 or uses is None or \
            any(is_write(u) or address_taken_or_sizeof(u) for u in uses) or \
            any(k.type == "goto_statement" for k in walk(body)):  # a goto may jump past the guard
        return 0
    top = loop
    while top.parent is not None and top.parent.id != body.id:
        top = top.parent
    for stmt in body.named_children:
        if stmt.id == top.id:
            return 0
        if _odd_exit(stmt, n, step):
            return step - 1
    return 0


def _odd_exit(stmt: Node, n: str, step: int) -> bool:
    """`stmt` is `if (n % step != 0)` (`n % step`, `n & 1` for 2) whose branch ends in a return."""
    if stmt.type != "if_statement":
        return False
    cond = stmt.child_by_field_name("condition")
    while cond is not None and cond.type in ("parenthesized_expression", "condition_clause") and \
            len(cond.named_children) == 1:
        cond = cond.named_children[0]
    if cond is not None and cond.type == "binary_expression" and op(cond) == "!=" and \
            node_text(cond.child_by_field_name("right")) == "0":
        cond = unparen(cond.child_by_field_name("left"))
    ok = cond is not None and cond.type == "binary_expression" and \
        node_text(cond.child_by_field_name("left")) == n and \
        (op(cond) == "%" and literal(node_text(cond.child_by_field_name("right"))) == step or
         op(cond) == "&" and step == 2 and literal(node_text(cond.child_by_field_name("right"))) == 1)
    then = stmt.child_by_field_name("consequence")
    if then is not None and then.type == "compound_statement":
        last = [c for c in then.named_children if c.type != "comment"]
        then = last[-1] if last else None
    return ok and then is not None and then.type == "return_statement"


def _while_keeps(inside: Node, sub: Node, i: str) -> bool:
    """`inside` is `{ ...; i++; }` with `sub` before the increment and `i` untouched before it (a `continue`
    skips the increment and tests `i < n` again)."""
    stmts = [s for s in inside.named_children if s.type != "comment"] if inside.type == "compound_statement" \
        else []
    if not stmts or stmts[-1].type != "expression_statement" or not stmts[-1].named_children or \
            within(sub, stmts[-1]) or not _increments(stmts[-1].named_children[0], i):
        return False
    return not any(touched(s, i) for s in stmts[:-1])


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


def literal_start(init: Node | None, i: str) -> int | None:
    """K of a loop initializer `i = K` or `T i = K`, K a literal (octal ones aside), else None."""
    if init is None:
        return None
    if init.type == "declaration":
        decls = [d for d in init.named_children if d.type == "init_declarator"]
        if len(decls) != 1:
            return None
        init = decls[0]
        name, value = init.child_by_field_name("declarator"), init.child_by_field_name("value")
    elif init.type == "assignment_expression" and op(init) == "=":
        name, value = init.child_by_field_name("left"), init.child_by_field_name("right")
    else:
        return None
    ok = value is not None and name is not None and node_text(name) == i
    return literal(node_text(value)) if ok else None


def _increments(upd: Node | None, i: str) -> bool:
    return step_of(upd, i) == 1


def step_of(upd: Node | None, i: str) -> int | None:
    """s of a loop update `i++` (1) or `i += s`, s a positive literal; else None."""
    if upd is None:
        return None
    if upd.type == "update_expression":
        return 1 if op(upd) == "++" and node_text(upd.child_by_field_name("argument")) == i else None
    if upd.type != "assignment_expression" or op(upd) != "+=" or \
            node_text(upd.child_by_field_name("left")) != i:
        return None
    step = literal(node_text(upd.child_by_field_name("right")))
    return step if step is not None and step >= 1 else None


def touched(inside: Node, i: str) -> bool:
    """The loop body assigns `i`, takes its address or declares another `i`."""
    uses = occurrences(inside, i)
    return uses is None or any(is_write(u) or address_taken_or_sizeof(u) for u in uses)


def prove_stepped(body: Node, uses: list[Node], int_params: set[str], signed: set[str]) -> str | None:
    """The count `n` when the pointer's one use is `*p++` (read or written, once per turn) in the body of
    a loop `while (n--)` (`n-- > 0`, `n-- != 0`) that no loop encloses, `n` an integer parameter that loop
    alone changes (unsigned unless the test is `> 0`, as a negative count would run on): p then steps
    over its first n elements at most (rule stepped-count); else None."""
    if len(uses) != 1 or any(n.type == "goto_statement" for n in walk(body)):
        return None
    inc = up(uses[0])
    deref = up(inc) if inc is not None else None
    if inc is None or inc.type != "update_expression" or not node_text(inc).endswith("++") or \
            deref is None or deref.type != "pointer_expression" or op(deref) != "*" or \
            address_taken_or_sizeof(deref) or (above := up(deref)) is not None and \
            above.type == "field_expression":
        return None
    loops = [a for a in _ancestors(deref) if a.type in ("for_statement", "while_statement", "do_statement")]
    loop = loops[0] if len(loops) == 1 else None
    if loop is None or loop.type != "while_statement" or not within(deref, loop.child_by_field_name("body")):
        return None
    count = _counted_down(loop.child_by_field_name("condition"), signed)
    if count is None or count not in int_params:
        return None
    writes = [u for u in occurrences(body, count) or [None] if u is None or is_write(u) or
              address_taken_or_sizeof(u)]
    return count if len(writes) == 1 and writes[0] is not None and \
        within(writes[0], loop.child_by_field_name("condition")) else None


def _ancestors(n: Node) -> list[Node]:
    found = []
    while n.parent is not None:
        n = n.parent
        found.append(n)
    return found


def _counted_down(cond: Node | None, signed: set[str]) -> str | None:
    """`n` of a loop condition `n--`, `n-- != 0` (n unsigned) or `n-- > 0`."""
    while cond is not None and cond.type == "parenthesized_expression" and cond.named_children:
        cond = cond.named_children[0]
    if cond is not None and cond.type == "binary_expression" and op(cond) in ("!=", ">") and \
            node_text(cond.child_by_field_name("right")) == "0":
        positive = op(cond) == ">"
        cond = cond.child_by_field_name("left")
    else:
        positive = False
    if cond is None or cond.type != "update_expression" or not node_text(cond).endswith("--"):
        return None
    name = node_text(cond.child_by_field_name("argument"))
    return name if positive or name not in signed else None


def count_params(fn: CFunction, codebase: Codebase, but: str) -> tuple[set[str], set[str]]:
    """(the integer parameters of `fn` but `but`, which may count a pointer's elements; the signed ones)."""
    from llmigrate.signatures.mapper import c_type_to_rust

    rust = {p.name: c_type_to_rust(p.type, codebase) for p in fn.params if p.name and p.name != but}
    ints = {q for q, t in rust.items() if t.lstrip("iu") in ("8", "16", "32", "64", "size")}
    return ints, {q for q in ints if rust[q].startswith("i")}
