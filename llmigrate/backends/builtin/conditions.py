"""C conditions as Rust `bool`s: comparisons (null pointers as `is_null`), && and ||, ! and any scalar
used as a truth value (for if/while/for/?: and the operands of ! && ||)."""

from __future__ import annotations

import re

import clang.cindex as ci

from llmigrate.backends.builtin import bytecursors
from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.borrows import option_test
from llmigrate.backends.builtin.cfront import binop, unop
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import falsity, paren, truth
from llmigrate.backends.builtin.cstrs import compared
from llmigrate.backends.builtin.cursors import is_null_constant, only_child, operands, strip
from llmigrate.backends.builtin.dispatch import expr, value
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.backends.builtin.types import Unsupported

K = ci.CursorKind
COMPARE = {"<", ">", "<=", ">=", "==", "!="}
_OPPOSITE = {"<": ">=", ">": "<=", "<=": ">", ">=": "<", "==": "!=", "!=": "=="}
_SWAPPED = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}  # `0 < x` is `x > 0`
TK = ci.TypeKind
_FLOATS = (TK.FLOAT, TK.DOUBLE, TK.LONGDOUBLE, TK.HALF, TK.FLOAT128)


def cond(c: ci.Cursor, ctx: FnCtx) -> str:
    """`c` as a Rust `bool` (for if/while/for/?: and the operands of ! && ||)."""
    inner = strip(c)
    if inner.kind == K.BINARY_OPERATOR:
        found = test(inner, ctx)
        if found is not None:
            return found
    if inner.kind == K.UNARY_OPERATOR and unop(inner) == "!":
        operand = only_child(inner)
        s = strip(operand)
        if s.kind == K.BINARY_OPERATOR and binop(s) in COMPARE | {"&&", "||"} or s.kind == K.UNARY_OPERATOR:
            return negated(operand, ctx)
        return option_test(operand, ctx, False) or compared(operand, "==", ctx) or falsity(expr(operand, ctx))
    return option_test(c, ctx, True) or compared(c, "!=", ctx) or truth(expr(c, ctx))


def negated(c: ci.Cursor, ctx: FnCtx) -> str:
    """`!c` as a Rust bool: a comparison of integers or pointers with the opposite operator (clippy's
    nonminimal_bool; a float comparison stays negated, as NaN makes `!(a < b)` differ from `a >= b`)."""
    inner = strip(c)
    if inner.kind == K.UNARY_OPERATOR and unop(inner) == "!":  # `!!x`: x's truth
        return cond(only_child(inner), ctx)
    if inner.kind == K.BINARY_OPERATOR and binop(inner) in COMPARE \
            and not any(x.type.get_canonical().kind in _FLOATS for x in operands(inner)):
        found = test(inner, ctx, negate=True)
        if found is not None:
            return found
    positive = cond(c, ctx)
    if (m := re.fullmatch(r"([\w.]+)\.is_(some|none)\(\)", positive)) is not None:  # an Option's NULL test
        return f"{m.group(1)}.is_{'none' if m.group(2) == 'some' else 'some'}()"
    return f"(!{paren(positive)})"


def test(c: ci.Cursor, ctx: FnCtx, negate: bool = False) -> str | None:
    """A comparison or && / || as a Rust bool, or None for other operators; `negate`: the opposite
    comparison."""
    op = binop(c)
    if negate and op in COMPARE:
        op = _OPPOSITE[op]
    if op in ("&&", "||"):
        lhs, rhs = operands(c)
        return f"({cond(lhs, ctx)} {op} {cond(rhs, ctx)})"
    if op not in COMPARE:
        return None
    if (offsets := bytecursors.compare(c, op, ctx)) is not None:  # `p != end` of a byte cursor
        return offsets
    lhs, rhs = operands(c)
    for x, other in ((lhs, rhs), (rhs, lhs)):
        if op in ("==", "!=") and is_null_constant(other) and (found := option_test(x, ctx, op == "!=")):
            return found
        if evaluate(other) == 0 and (found := compared(x, op if x is lhs else _SWAPPED[op], ctx)):
            return found  # `strcmp(a, b) < 0` of C strings (cstrs.py)
    a = expr(lhs, ctx)
    if (bt.is_ptr(a.ty) or bt.is_fnptr(a.ty)) and is_null_constant(rhs) and op in ("==", "!="):
        if bt.is_fnptr(a.ty):
            return f"{paren(a.code)}.{'is_none' if op == '==' else 'is_some'}()"
        null = f"{paren(a.code)}.is_null()"
        return null if op == "==" else f"(!{null})"
    if bt.is_fnptr(a.ty) and op in ("==", "!=") and is_null_constant(lhs):
        return test_swapped(rhs, op, ctx)
    b = value(rhs, ctx, a.ty)
    if bt.is_fnptr(a.ty) and op not in ("==", "!="):
        raise Unsupported("operator", f"ordering comparison '{op}' of function pointers", c)
    return f"({paren(a.code)} {op} {paren(b)})"


def test_swapped(rhs: ci.Cursor, op: str, ctx: FnCtx) -> str:
    e = expr(rhs, ctx)
    return f"{paren(e.code)}.{'is_none' if op == '==' else 'is_some'}()"
