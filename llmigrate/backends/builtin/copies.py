"""Whole-object copies through the C library as Rust assignments: `memcpy(dst, src, sizeof *dst)` is
`*dst = *src;`, `memset(p, 0, sizeof *p)` is `*p = <zero>;`, when each pointer operand is a proven
reference parameter or the address of a local, all of one type, and the size is that type's (the rule of
signatures/copies.py, which proves such parameters references and such calls checked)."""

from __future__ import annotations

import re

import clang.cindex as ci

from llmigrate.backends.builtin.borrows import REFS, borrowed
from llmigrate.backends.builtin.calls import callee_decl
from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids, unop
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.cursors import is_local_place, only_child
from llmigrate.backends.builtin.dispatch import EFFECTS, place, register
from llmigrate.backends.builtin.inits import zero
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.signatures.copies import COPIES

K, TK = ci.CursorKind, ci.TypeKind


def _copy_effect(c: ci.Cursor, ctx: FnCtx) -> str | None:
    decl = callee_decl(next(iter(kids(c))))
    name = decl.spelling if decl is not None else None
    args = list(c.get_arguments())
    if name not in COPIES or ctx.function_id(name) is not None or len(args) != 3 or \
            COPIES[name] == 1 and evaluate(args[1]) != 0:  # a function of SRC so named is no libc call
        return None
    found = [_operand(a, ctx) for a in args[:COPIES[name]]]
    if any(f is None for f in found) or len({_unqualified(f[1]) for f in found}) != 1:
        return None
    pointee = found[0][1]
    if pointee.kind in (TK.CONSTANTARRAY, TK.INCOMPLETEARRAY) or evaluate(args[2]) != pointee.get_size():
        return None
    return f"{found[0][0]} = {found[1][0] if name != 'memset' else zero(pointee, ctx)};"


def _unqualified(t: ci.Type) -> str:
    return re.sub(r"\b(const|volatile|restrict)\s+", "", t.spelling)


def _operand(a: ci.Cursor, ctx: FnCtx) -> tuple[str, ci.Type] | None:
    """(Rust place, canonical type) of the object a copy's pointer operand points to: a proven reference
    parameter's pointee, or a local whose address it is."""
    while a.kind in (K.UNEXPOSED_EXPR, K.PAREN_EXPR, K.CSTYLE_CAST_EXPR) and \
            len(ch := [k for k in kids(a) if k.kind in EXPR_KINDS]) == 1 and \
            (a.kind != K.CSTYLE_CAST_EXPR or a.type.get_canonical().kind == TK.POINTER):
        a = ch[0]
    ref = borrowed(a, ctx, REFS)
    if ref is not None:
        return f"(*{ref})", a.type.get_canonical().get_pointee().get_canonical()
    if a.kind == K.UNARY_OPERATOR and unop(a) == "&" and is_local_place(only_child(a)):
        x = only_child(a)
        return place(x, ctx), x.type.get_canonical()
    return None


register(EFFECTS, {K.CALL_EXPR: _copy_effect})
