"""Elements of a slice parameter lent to a callee (rule distinct-elements): `swap(&a[j], &a[j + 1])` or
`swap(a + i, a + min)`, each argument a callee's reference parameter.

A slice proven by the range analysis (rule index-range, signatures/flow.py) may lend its elements where
each index is proven in [0, n) as a read is: the Rust passes `&mut a[j]`. Two elements lent to one call,
one of them mutably, must be two elements: Rust forbids two `&mut` (or a `&mut` and a `&`) to one place,
where C's swap of an element with itself is well defined. So they are lent together only when their
indexes provably differ on every path reaching the call: by the difference bounds (`j` and `j + 1`), or
under a guard `if (i != m)` (or the `else` of `if (i == m)`) that nothing between it and the call changes;
else the pointer stays raw. The Rust takes them with `get_disjoint_mut`, which checks it again.
"""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from llmigrate.signatures.proof import is_field, node_text, op, unparen, up, walk, within

RULE = "distinct-elements"
WHY = "the elements lent to this call are in the slice (rule index-range) and their indexes differ on " \
    "every path that reaches it (difference bounds, or a guard nothing changes before the call), so " \
    "`get_disjoint_mut` finds them apart and in range"
MAYBE_SAME = "two elements lent to one call may be the same"


def lends(callee_convs: Callable[[str, int], str | None], const: bool) -> Callable[[str, int], bool | None]:
    """Whether a callee's parameter borrows a lent element mutably (None: it is no reference, or a mutable
    one where the pointer is to const)."""
    def mutable(name: str, index: int) -> bool | None:
        conv = callee_convs(name, index)
        return False if conv == "ref" else True if conv == "mut_ref" and not const else None
    return mutable


def held(uses: list[Node], lends: Callable[[str, int], bool | None]) -> str | None:
    """Why an element of the pointer cannot be lent: a callee's parameter it is passed to stays raw (or is
    mutable where the pointer is to const); None when no use is such an element."""
    bad = any((arg := lent(n)) is not None and lends(*callee(arg)) is None for n in uses)
    return "an element passed to a callee parameter it cannot be lent to" if bad else None


def lent(n: Node) -> Node | None:
    """The argument (as the call lists it) when the use `n` of a pointer is the base of an element lent
    straight to a call by name: `&p[e]`, or `p + e` (`p + e + f`, `e + p`, `p - k`); else None."""
    p = up(n)
    if p is not None and p.type == "subscript_expression" and is_field(n, p, "argument"):
        amp = up(p)
        arg = amp if amp is not None and amp.type == "pointer_expression" and op(amp) == "&" else None
    else:
        arg = n
        while (p := up(arg)) is not None and p.type == "binary_expression" and (
                op(p) == "+" or op(p) == "-" and is_field(arg, p, "left")):
            arg = p
        arg = arg if arg.id != n.id else None
    if arg is None:
        return None
    while arg.parent is not None and arg.parent.type == "parenthesized_expression":
        arg = arg.parent
    holder = arg.parent
    if holder is None or holder.type != "argument_list" or holder.parent is None:
        return None
    fn = holder.parent.child_by_field_name("function")
    return arg if fn is not None and fn.type == "identifier" else None


def from_slice(arg: Node, slices: set[str], whole: bool = False) -> bool:
    """The argument `arg` lends an element of one of `slices` (or, `whole`, is one of them)."""
    if whole:
        return (a := unparen(arg)) is not None and a.type == "identifier" and node_text(a) in slices
    return any(k.type == "identifier" and node_text(k) in slices and (a := lent(k)) is not None and
               a.id == arg.id for k in walk(arg))


def callee(arg: Node) -> tuple[str, int]:
    """The callee's name and the argument's position, for an argument `lent` returned."""
    args = arguments(arg.parent.parent)
    return node_text(arg.parent.parent.child_by_field_name("function")), \
        next(i for i, a in enumerate(args) if a.id == arg.id)


def arguments(call: Node) -> list[Node]:
    holder = call.child_by_field_name("arguments")
    return [a for a in holder.named_children if a.type != "comment"] if holder is not None else []


def terms(arg: Node, name: str) -> tuple[Node, list[tuple[int, Node]]] | None:
    """For a lent argument `p + e ...`: the use of `p` and the offset's terms with their signs (+1/-1);
    for `&p[e]`: the use and [(1, e)]; None when `p` is not the pointer `name` (`e + p`'s e a pointer)."""
    a = unparen(arg)
    if a.type == "pointer_expression":
        sub = unparen(a.child_by_field_name("argument"))
        return unparen(sub.child_by_field_name("argument")), [(1, sub.child_by_field_name("index"))]
    found: list[tuple[int, Node]] = []
    base = None
    todo = [(1, a)]
    while todo:
        sign, k = todo.pop()
        k = unparen(k)
        if k.type == "binary_expression" and op(k) in ("+", "-") and \
                any(u.type == "identifier" and node_text(u) == name for u in walk(k)):
            todo += [(sign, k.child_by_field_name("left")),
                     (sign if op(k) == "+" else -sign, k.child_by_field_name("right"))]
        elif k.type == "identifier" and node_text(k) == name and sign == 1 and base is None:
            base = k
        else:
            found.append((sign, k))
    return (base, found) if base is not None else None


def guarded(call: Node, a: Node, b: Node, name: str) -> bool:
    """Two lent arguments index plain variables `x` and `y` and `call` runs only where `x != y`: inside the
    consequence of an `if` whose condition is `x != y` (or one operand of a `&&` chain), or the alternative
    of `if (x == y)`, neither variable written in that branch nor in its condition."""
    pair = [_plain(k, name) for k in (a, b)]
    if None in pair or pair[0] == pair[1]:
        return False
    x, y = pair
    child, n = call, call.parent
    while n is not None:
        if n.type == "if_statement":
            cond, cons = n.child_by_field_name("condition"), n.child_by_field_name("consequence")
            alt = n.child_by_field_name("alternative")
            then = cons is not None and within(child, cons)
            branch = cons if then else alt if alt is not None and within(child, alt) else None
            if branch is not None and _states(cond, "!=" if then else "==", {x, y}, then) and \
                    not _writes(branch, {x, y}) and not _writes(cond, {x, y}):
                return True
        child, n = n, n.parent
    return False


def _plain(arg: Node, name: str) -> str | None:
    """The variable a lent argument's index is, when it is one name alone."""
    found = terms(arg, name)
    if found is None or len(found[1]) != 1 or found[1][0][0] != 1:
        return None
    k = unparen(found[1][0][1])
    return node_text(k) if k is not None and k.type == "identifier" else None


def _states(cond: Node | None, want: str, names: set[str], chain: bool) -> bool:
    """`cond` is `x <want> y` (for `!=`, possibly one operand of a chain of `&&`)."""
    c = unparen(cond.named_children[0]) if cond is not None and cond.type == "condition_clause" and \
        cond.named_children else unparen(cond)
    if c is None or c.type != "binary_expression":
        return False
    if chain and op(c) == "&&":
        return any(_states(c.child_by_field_name(side), want, names, chain) for side in ("left", "right"))
    sides = {node_text(s) for side in ("left", "right") if (s := unparen(c.child_by_field_name(side)))
             is not None and s.type == "identifier"}
    return op(c) == want and sides == names


def _writes(n: Node | None, names: set[str]) -> bool:
    for k in walk(n) if n is not None else []:
        target = k.child_by_field_name("left") if k.type == "assignment_expression" else \
            k.child_by_field_name("argument") if k.type == "update_expression" else None
        if target is not None and node_text(unparen(target)) in names:
            return True
    return False
