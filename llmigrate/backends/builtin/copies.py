"""Whole-object copies through the C library as Rust assignments: `memcpy(dst, src, sizeof *dst)` is
`*dst = *src;`, `memset(p, 0, sizeof *p)` is `*p = <zero>;`, `memset(buf, 0, sizeof buf)` is `buf = [0; N];`,
when each pointer operand is a proven reference parameter, the address of a local or a local array, distinct
objects all of one type, and the size is that type's (the rule of
signatures/copies.py, which proves such parameters references and such calls checked)."""

from __future__ import annotations

import re

import clang.cindex as ci

from llmigrate.backends.builtin.borrows import REFS, borrowed
from llmigrate.backends.builtin.bytecalls import fill
from llmigrate.backends.builtin.bytecursors import copy as cursor_copy
from llmigrate.backends.builtin.calls import callee_decl
from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids, unop
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.cursors import is_local_place, only_child
from llmigrate.backends.builtin.dispatch import EFFECTS, place, register
from llmigrate.backends.builtin.fills import memset_fill
from llmigrate.backends.builtin.inits import zero
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.backends.builtin.memberfills import member_fill
from llmigrate.backends.builtin.scalarbytes import scalar_copy
from llmigrate.backends.builtin.slicecopies import slice_copy
from llmigrate.signatures.copies import COPIES

K, TK = ci.CursorKind, ci.TypeKind


def _copy_effect(c: ci.Cursor, ctx: FnCtx) -> str | None:
    decl = callee_decl(next(iter(kids(c))))
    name = decl.spelling if decl is not None else None
    # or a memset of counted bytes (voidbytes), or of a slice of integers (signatures_counted), or a copy
    # between slices (slicecopies), of a scalar's bytes to or from a byte slice (scalarbytes), or into a
    # member's bytes (memberfills)
    return cursor_copy(c, name, ctx) or _whole_copy(c, name, ctx) or fill(c, name, ctx) or \
        memset_fill(c, ctx) or slice_copy(c, name, ctx) or scalar_copy(c, name, ctx) or \
        member_fill(c, name, ctx)  # a byte cursor's first


def _whole_copy(c: ci.Cursor, name: str | None, ctx: FnCtx) -> str | None:
    args = list(c.get_arguments())
    if name not in COPIES or ctx.function_id(name) is not None or len(args) != 3 or \
            COPIES[name] == 1 and evaluate(args[1]) != 0:  # a function of SRC so named is no libc call
        return None
    found = [_operand(a, ctx) for a in args[:COPIES[name]]]
    if any(f is None for f in found) or len({_unqualified(f[1]) for f in found}) != 1 or \
            len({f[0] for f in found}) != len(found):  # memcpy's objects may not overlap
        return None
    pointee = found[0][1]
    if pointee.kind == TK.INCOMPLETEARRAY or evaluate(args[2]) != pointee.get_size() or \
            pointee.kind == TK.CONSTANTARRAY and not all(is_local_place(a) for a in _objects(args, name)):
        return None  # a whole array: only locals' (a reference's pointee is one element)
    return f"{found[0][0]} = {found[1][0] if name != 'memset' else zero(pointee, ctx)};"


def _objects(args: list[ci.Cursor], name: str) -> list[ci.Cursor]:
    """The objects a copy's pointer operands name: `x` of `&x`, the array a decayed operand is."""
    out = []
    for a in args[:COPIES[name]]:
        a = _bare(a)
        out.append(only_child(a) if a.kind == K.UNARY_OPERATOR and unop(a) == "&" else a)
    return out


def _bare(a: ci.Cursor) -> ci.Cursor:
    """`a` without the decays, parentheses and pointer casts around it."""
    while a.kind in (K.UNEXPOSED_EXPR, K.PAREN_EXPR, K.CSTYLE_CAST_EXPR) and \
            len(ch := [k for k in kids(a) if k.kind in EXPR_KINDS]) == 1 and \
            (a.kind != K.CSTYLE_CAST_EXPR or a.type.get_canonical().kind == TK.POINTER):
        a = ch[0]
    return a


def _unqualified(t: ci.Type) -> str:
    return re.sub(r"\b(const|volatile|restrict)\s+", "", t.spelling)


def _operand(a: ci.Cursor, ctx: FnCtx) -> tuple[str, ci.Type] | None:
    """(Rust place, canonical type) of the object a copy's pointer operand points to: a proven reference
    parameter's pointee, or a local whose address it is."""
    a = _bare(a)
    ref = borrowed(a, ctx, REFS)
    if ref is not None:
        return f"(*{ref})", a.type.get_canonical().get_pointee().get_canonical()
    if a.kind == K.UNARY_OPERATOR and unop(a) == "&" and is_local_place(only_child(a)):
        x = only_child(a)
        return place(x, ctx), x.type.get_canonical()
    if a.kind == K.DECL_REF_EXPR and a.type.get_canonical().kind == TK.CONSTANTARRAY and is_local_place(a):
        return place(a, ctx), a.type.get_canonical()  # a local array, decayed: the whole array
    return None


register(EFFECTS, {K.CALL_EXPR: _copy_effect})
