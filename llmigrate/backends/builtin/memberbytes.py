"""Rule member-bytes' Rust (signatures/memberbytes.py): `(const u8 *)p->m`, `m` an integer array member of
a parameter proven a shared reference, starts byte cursors over the member's bytes.

Safe Rust has no byte view of `[u32; 4]`, so where the first cursor starts the member's bytes are copied,
in memory order (each element's `to_ne_bytes()`, the bytes C reads through its byte pointer), into a local
`Vec<u8>`; the cursors are then usize offsets into it (bytecursors.py), every read bounds-checked. The
reference is shared, so nothing changes the member while the call runs and the copy reads what C reads.
A read past the member's bytes, where C would read outside the array (undefined), panics with PAST. The proof
declares every cursor starting there in the function's outermost block, so the copy is in scope for all
of them."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.cursors import strip
from llmigrate.backends.builtin.dispatch import expr
from llmigrate.signatures.memberbytes import PAST

K, TK = ci.CursorKind, ci.TypeKind
INTEGERS = (TK.CHAR_U, TK.UCHAR, TK.CHAR_S, TK.SCHAR, TK.USHORT, TK.SHORT, TK.UINT, TK.INT, TK.ULONG,
             TK.LONG, TK.ULONGLONG, TK.LONGLONG)
_UNSIGNED_BYTES = (TK.UCHAR, TK.CHAR_U)


def byte(name: str, i: str) -> str:
    """The byte at index `i` of the member's bytes `name`, panicking with PAST past them."""
    return f'{name}.get({i}).copied().expect("{PAST}")'


def window(name: str, at: str, width: int) -> str:
    """The `width` bytes at `at` of the member's bytes `name`, panicking with PAST past them."""
    return f'{name}.get({at}..{at} + {width}).expect("{PAST}")'


def start(c: ci.Cursor, ctx: FnCtx) -> tuple[tuple[int, int], list[str]] | None:
    """For `(const u8 *)p->m` (through parentheses and implicit conversions), the key of the member's bytes
    and the line copying them (none when an earlier cursor copied them), else None."""
    member = _member(c)
    base = param_of(member) if member is not None else None
    if base is None or base.hash not in ctx.borrowed or ctx.borrowed[base.hash][0] not in ("ref", "opt_ref"):
        return None
    key = (base.hash, member.referenced.hash)
    if key in ctx.member_bytes:
        return key, []
    name = ctx.member_bytes[key] = ctx.fresh(f"{member.spelling}_bytes")
    code = expr(member, ctx).code
    return key, [f"let {name}: Vec<u8> = {code}.iter().flat_map(|w| w.to_ne_bytes()).collect();"]


def copied(c: ci.Cursor, ctx: FnCtx) -> tuple[int, int] | None:
    """The key of the member's bytes `c`, `(const u8 *)p->m`, names when they were copied, else None."""
    member = _member(c)
    base = param_of(member) if member is not None else None
    key = (base.hash, member.referenced.hash) if base is not None else None
    return key if key in ctx.member_bytes else None


def _member(c: ci.Cursor) -> ci.Cursor | None:
    """`p->m` of an integer array `m` under a cast to a pointer to unsigned bytes, else None."""
    c = strip(c)
    if c.kind != K.CSTYLE_CAST_EXPR or c.type.get_canonical().kind != TK.POINTER or \
            c.type.get_canonical().get_pointee().kind not in _UNSIGNED_BYTES:
        return None
    while True:  # the cast's operand: parentheses, the array's decay
        inner = [k for k in kids(c) if k.kind in EXPR_KINDS]
        if len(inner) != 1:
            return None
        c = strip(inner[0])
        if c.kind not in (K.UNEXPOSED_EXPR, K.PAREN_EXPR):
            break
    t = c.type.get_canonical()
    if c.kind != K.MEMBER_REF_EXPR or t.kind != TK.CONSTANTARRAY or t.element_type.get_canonical().kind \
            not in INTEGERS:
        return None
    return c


def param_of(member: ci.Cursor) -> ci.Cursor | None:
    """The parameter `p` of `p->m`, else None."""
    base = next((strip(k) for k in kids(member) if k.kind in EXPR_KINDS), None)
    while base is not None and base.kind in (K.UNEXPOSED_EXPR, K.PAREN_EXPR):
        base = next((strip(k) for k in kids(base) if k.kind in EXPR_KINDS), None)
    ref = base.referenced if base is not None and base.kind == K.DECL_REF_EXPR else None
    return ref if ref is not None and ref.kind == K.PARM_DECL else None
