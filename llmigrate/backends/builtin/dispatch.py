"""The entry points that translate any C expression or statement, and the tables behind them.

Each construct module (exprs, ops, calls, inits, places, decls, stmts, flow) registers its handlers here by
cursor kind and translates its operands and sub-statements through `expr`, `value`, `place`, `effect` and
`statement`, without importing the modules that handle them: imports only go down (tests/backends/builtin
checks the graph), and the package's `__init__` imports every registering module once.
"""

from __future__ import annotations

from collections.abc import Callable

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.cfront import EXPR_KINDS, binop, kids
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import E, coerce, needs_unsafe
from llmigrate.backends.builtin.cursors import (
    discarded,
    is_null_constant,
    operands,
    postponable,
    side_effects,
    strip,
)
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.backends.builtin.unsafety import flattened, guarded_lines

K = ci.CursorKind
IND = "    "

# An expression's Rust value.
EXPRS: dict[ci.CursorKind, Callable[[ci.Cursor, FnCtx], E]] = {}
# An lvalue's Rust place; None: not an lvalue this kind can be.
PLACES: dict[ci.CursorKind, Callable[[ci.Cursor, FnCtx], str | None]] = {}
# An expression evaluated for its side effects only, as one Rust statement; None: evaluate it as a value.
EFFECTS: dict[ci.CursorKind, Callable[[ci.Cursor, FnCtx], str | None]] = {}
# A statement's Rust lines.
STMTS: dict[ci.CursorKind, Callable[[ci.Cursor, FnCtx], list[str]]] = {}
# Statements holding no other statement: each gets its own smallest `unsafe` (unsafety.py); a declaration
# statement guards each of its declarators (decls.py).
LEAVES = {K.RETURN_STMT}


def register(table: dict, handlers: dict) -> None:
    """Add a construct module's handlers to `table`; two modules handling one kind is a bug."""
    both = table.keys() & handlers.keys()
    if both:
        raise RuntimeError(f"cursor kinds registered twice: {sorted(k.name for k in both)}")
    table.update(handlers)


def expr(c: ci.Cursor, ctx: FnCtx) -> E:
    """Translate an expression to a Rust value expression."""
    handler = EXPRS.get(c.kind)
    if handler is None:
        raise Unsupported(_kind_name(c), "expression kind not supported by the builtin translator", c)
    return handler(c, ctx)


def _kind_name(c: ci.Cursor) -> str:
    return {K.ADDR_LABEL_EXPR: "computed goto (&&label)", K.GENERIC_SELECTION_EXPR: "_Generic",
            K.IMAGINARY_LITERAL: "complex number"}.get(c.kind, c.kind.name.lower())


def value(c: ci.Cursor, ctx: FnCtx, to: str) -> str:
    """`c` converted to Rust type `to` as a C assignment/argument conversion does."""
    if bt.is_fnptr(to) and is_null_constant(c):
        return "None"
    e = expr(c, ctx)
    if needs_unsafe(e, to):
        ctx.unsafe = True
    return coerce(e, to)


def place(c: ci.Cursor, ctx: FnCtx) -> str:
    """Translate an lvalue to a Rust place expression (assignable, addressable)."""
    s = strip(c)
    handler = PLACES.get(s.kind)
    found = handler(s, ctx) if handler is not None else None
    if found is None:
        raise Unsupported("lvalue", f"cannot assign to or take the address of a {s.kind.name.lower()}", s)
    return found


def effect(c: ci.Cursor, ctx: FnCtx) -> str:
    """An expression evaluated for its side effects, as one Rust statement."""
    s = c
    while s.kind == K.PAREN_EXPR:
        s = kids(s)[0]
    handler = EFFECTS.get(s.kind)
    done = handler(s, ctx) if handler is not None else None
    if done is not None:
        return done
    e = expr(s, ctx)
    if s.kind == K.CALL_EXPR or e.ty == "()":
        return f"{e.code};"
    return f"let _ = {e.code};"


def statement(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    """Translate one C statement to Rust lines."""
    if c.kind in EXPR_KINDS:
        return _expression_statement(c, ctx)
    handler = STMTS.get(c.kind)
    if handler is None:
        raise Unsupported(_statement_name(c), "statement not supported by the builtin translator", c)
    if c.kind in LEAVES:
        return guarded_lines(ctx, lambda: handler(c, ctx))
    return handler(c, ctx)


def _expression_statement(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    """An expression statement; one made of parts (`a, b`, a discarded `({ ... })`) as one statement per
    part, so that each gets its own smallest `unsafe`, and a constant (`(void) sizeof (e)`) as nothing.
    glibc's assert() is `((void) sizeof ((e) ? 1 : 0), ({ if (e) ; else __assert_fail (...); }))`."""
    s = discarded(c)
    if s.kind == K.BINARY_OPERATOR and binop(s) == ",":
        return [ln for part in operands(s) for ln in statement(part, ctx)]
    if s.kind == K.StmtExpr:
        return STMTS[K.COMPOUND_STMT](kids(s)[0], ctx)
    unevaluated = s.kind == K.CXX_UNARY_EXPR  # sizeof/_Alignof: its operand is never evaluated
    if (unevaluated or not side_effects(s) and not s.type.is_volatile_qualified()) \
            and evaluate(s) is not None:
        return []
    later = postponable(s, ctx.addressed)
    ctx.postponed.update(n.hash for n in later)
    try:
        lines = guarded_lines(ctx, lambda: flattened(effect(c, ctx), ctx.temps))
    finally:
        ctx.postponed.difference_update(n.hash for n in later)
    return lines + [ln for n in later for ln in guarded_lines(ctx, lambda n=n: [effect(n, ctx)])]


def _statement_name(c: ci.Cursor) -> str:
    return {K.ASM_STMT: "inline asm", K.MS_ASM_STMT: "inline asm", K.INDIRECT_GOTO_STMT: "computed goto",
            K.CASE_STMT: "case label", K.DEFAULT_STMT: "default label"}.get(c.kind, c.kind.name.lower())


def indent(lines: list[str]) -> list[str]:
    """Lines nested one level deeper (empty lines stay empty)."""
    return [IND + ln if ln else ln for ln in lines]
