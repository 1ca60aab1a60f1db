"""Elements of a borrowed slice parameter lent to a callee's reference parameters (signatures/elements.py):
`&a[j]` or `a + i` as `&mut a[j as usize]` (bounds-checked), and two or more lent to one call, one mutably,
taken together by `get_disjoint_mut`: the signature proved their indexes apart (rule distinct-elements),
and the Rust checks it again (a panic, never two `&mut` to one element)."""

from __future__ import annotations

import clang.cindex as ci
from clang.cindex import TypeKind as TK

from llmigrate.backends.builtin.borrows import own_param
from llmigrate.backends.builtin.cfront import binop, unop
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import coerce, paren, unparen
from llmigrate.backends.builtin.cursors import only_child, operands, strip
from llmigrate.backends.builtin.dispatch import expr
from llmigrate.core import RustParam
from llmigrate.signatures.elements import RULE, WHY

K = ci.CursorKind


def lent(a: ci.Cursor, ctx: FnCtx) -> tuple[str, str, bool] | None:
    """(the slice, the element's index as a Rust `usize`, the slice is mutable) when the argument `a` lends
    an element of a borrowed slice parameter: `&p[e]`, or `p + e` (`p + e + k`, `e + p`, `p - k`)."""
    s = strip(a)
    if s.kind == K.UNARY_OPERATOR and unop(s) == "&":
        sub = strip(only_child(s))
        if sub.kind != K.ARRAY_SUBSCRIPT_EXPR or len(ops := operands(sub)) != 2:
            return None
        own = own_param(ops[0], ctx)
        if own is None or own[1] not in ("slice", "slice_mut"):
            return None
        return own[0], unparen(coerce(expr(ops[1], ctx), "usize")), own[1] == "slice_mut"
    terms: list[tuple[int, ci.Cursor]] = []
    while s.kind == K.BINARY_OPERATOR and binop(s) in ("+", "-") and len(ops := operands(s)) == 2:
        pointer = [_is_pointer(k) for k in ops]
        if pointer == [True, False]:
            terms.append((1 if binop(s) == "+" else -1, ops[1]))
            s = strip(ops[0])
        elif pointer == [False, True] and binop(s) == "+":
            terms.append((1, ops[0]))
            s = strip(ops[1])
        else:
            return None
    own = own_param(s, ctx) if terms else None
    if own is None or own[1] not in ("slice", "slice_mut"):
        return None
    return own[0], _offset(list(reversed(terms)), ctx), own[1] == "slice_mut"


def _is_pointer(c: ci.Cursor) -> bool:
    return c.type.get_canonical().kind in (TK.POINTER, TK.CONSTANTARRAY, TK.INCOMPLETEARRAY)


def _offset(terms: list[tuple[int, ci.Cursor]], ctx: FnCtx) -> str:
    """The sum of a pointer's offsets as a `usize` index (a negative one wraps and so fails the check)."""
    if len(terms) == 1 and terms[0][0] == 1:
        return unparen(coerce(expr(terms[0][1], ctx), "usize"))
    code = "0isize"
    for sign, t in terms:
        step = unparen(coerce(expr(t, ctx), "isize"))
        code = step if code == "0isize" and sign == 1 else \
            f"{paren(code)}.{'wrapping_add' if sign == 1 else 'wrapping_sub'}({step})"
    return f"{paren(code)} as usize"


def lend(args: list[ci.Cursor], params: list[RustParam], ctx: FnCtx) -> tuple[str, dict[int, str]]:
    """The statements taking the elements a call lends to its callee's reference parameters, and each such
    argument's Rust: `&mut a[i]` alone, or a name bound by `get_disjoint_mut` for two or more of one slice
    lent together, one mutably."""
    groups: dict[str, list[tuple[int, str, bool]]] = {}
    for i, (a, p) in enumerate(zip(args, params, strict=True)):
        if p.conv in ("ref", "mut_ref") and not p.view and (found := lent(a, ctx)) is not None and \
                (found[2] or p.conv == "ref"):
            groups.setdefault(found[0], []).append((i, found[1], p.conv == "mut_ref"))
    setup, codes = "", {}
    for name, group in groups.items():
        if len(group) == 1 or not any(m for _, _, m in group):
            codes.update((i, f"&{'mut ' if m else ''}{name}[{index}]") for i, index, m in group)
            continue
        names = [ctx.fresh("e") for _ in group]
        indexes = ", ".join(x for _, x, _ in group)
        setup += f"let [{', '.join(names)}] = {name}.get_disjoint_mut([{indexes}]).unwrap(); "
        codes.update((i, n) for (i, _, _), n in zip(group, names, strict=True))
        ctx.proofs.append(f"{name}: rule {RULE}: {WHY}")
    return setup, codes
