"""Rule member-fill's Rust (signatures/memberfills.py): `memcpy((u8 *)p->m + e, src, n);` (or `p->m` as it
decays) into an integer-array member of a parameter proven `&mut`, from a `u8` slice parameter.

Safe Rust has no byte view of `[u32; 4]`, so the member's bytes are read in memory order (each element's
`to_ne_bytes()`, what C's byte pointer sees), the n source bytes copied over those at e, both ranges
bounds-checked, and every element written back from its bytes: the member ends with the bytes C's memcpy
leaves in it, the elements the copy misses unchanged. `e` and n are read before the member (C evaluates the
operands before copying; the rule admits none with effects). A copy past the member, where C would write
outside the array (undefined), panics with PAST."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin.cfront import EXPR_KINDS, binop, kids
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.cursors import strip
from llmigrate.backends.builtin.dispatch import place, value
from llmigrate.backends.builtin.memberbytes import INTEGERS, param_of
from llmigrate.backends.builtin.slicecopies import operand
from llmigrate.backends.builtin.types import rust_type
from llmigrate.signatures.memberfills import PAST

K, TK = ci.CursorKind, ci.TypeKind
_BYTES = (TK.UCHAR, TK.CHAR_U, TK.CHAR_S, TK.SCHAR, TK.VOID)


def member_fill(c: ci.Cursor, name: str | None, ctx: FnCtx) -> str | None:
    """The Rust statement for the call `c` (of the function `name`) as such a copy, else None."""
    args = list(c.get_arguments())
    if name != "memcpy" or ctx.function_id(name) is not None or len(args) != 3:
        return None
    found = _destination(args[0])
    base = param_of(found[0]) if found is not None else None
    src = operand(args[1], ("slice", "slice_mut"), ctx)
    if base is None or ctx.borrowed.get(base.hash, ("",))[0] not in ("mut_ref", "opt_mut") or \
            src is None or src[1] != "u8":
        return None
    member, offset = found
    elem = member.type.get_canonical().element_type.get_canonical()
    m, t, width = place(member, ctx), rust_type(elem, ctx), elem.get_size()
    at = value(offset, ctx, "usize") if offset is not None else "0usize"
    n, b = value(args[2], ctx, "usize"), ctx.fresh(f"{member.spelling}_bytes")
    return "\n".join([
        "{",
        f"    let llmigrate_at: usize = {at};",
        f"    let llmigrate_n: usize = {n};",
        f"    let mut {b}: Vec<u8> = {m}.iter().flat_map(|w| w.to_ne_bytes()).collect();",
        f"    {b}.get_mut(llmigrate_at..).and_then(|d| d.get_mut(..llmigrate_n))",
        f'        .expect("{PAST}")',
        f"        .copy_from_slice(&{src[0]}[..llmigrate_n]);",
        f"    for (w, d) in {m}.iter_mut().zip({b}.chunks_exact({width})) {{",
        f"        *w = {t}::from_ne_bytes(d.try_into().unwrap());",
        "    }",
        "}"])


def _destination(a: ci.Cursor) -> tuple[ci.Cursor, ci.Cursor | None] | None:
    """(the member `p->m`, the byte offset `e` or None) of `(u8 *)p->m + e`, `(u8 *)p->m` or `p->m` decayed,
    `m` an integer array."""
    s, offset = _inner(a), None
    if s.kind == K.BINARY_OPERATOR and binop(s) == "+":
        left, offset = [k for k in kids(s) if k.kind in EXPR_KINDS]
        if offset.type.get_canonical().kind == TK.POINTER:
            return None
        s = _inner(left)
    if s.kind == K.CSTYLE_CAST_EXPR:
        t = s.type.get_canonical()
        if t.kind != TK.POINTER or t.get_pointee().get_canonical().kind not in _BYTES:
            return None
        s = _inner(next((k for k in kids(s) if k.kind in EXPR_KINDS), s))
    elif offset is not None:
        return None  # `p->m + e` steps whole elements: not this rule
    t = s.type.get_canonical()
    ok = s.kind == K.MEMBER_REF_EXPR and t.kind == TK.CONSTANTARRAY and \
        t.element_type.get_canonical().kind in INTEGERS
    return (s, offset) if ok else None


def _inner(c: ci.Cursor) -> ci.Cursor:
    """`c` without parentheses and implicit conversions (to `void *`, an array's decay)."""
    c = strip(c)
    while c.kind in (K.UNEXPOSED_EXPR, K.PAREN_EXPR):
        inner = [k for k in kids(c) if k.kind in EXPR_KINDS]
        if len(inner) != 1:
            break
        c = strip(inner[0])
    return c
