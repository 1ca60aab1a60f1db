"""`memcpy`/`memmove(dst, src, count)` between slices as `dst[..n].copy_from_slice(&src[..n]);` (issue 15):
`dst` a `&mut [T]` parameter or a local array, `src` a `&[T]`/`&mut [T]` parameter or a local array, another
object, `T` one primitive number type (Copy), `count` n elements (fills.py's reading of it). Bounds-checked:
past either slice it panics where C would read or write out of bounds; distinct objects never overlap, so
memmove's promise is memcpy's. signatures/slicecopies.py is the same rule on the C, which makes such a call
checked for signatures/soundness.py."""

from __future__ import annotations

import re
from collections.abc import Callable

import clang.cindex as ci

from llmigrate.backends.builtin.cfront import EXPR_KINDS, binop, kids
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import unparen
from llmigrate.backends.builtin.cursors import is_local_place, strip
from llmigrate.backends.builtin.dispatch import place, value
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.backends.builtin.types import rust_type
from llmigrate.signatures.slicecopies import CALLS, NUMBERS

K, TK = ci.CursorKind, ci.TypeKind
_SIMPLE = re.compile(r"\(*\w+(\)* as \w+\)*)*")  # a name or a literal, converted: no effects to repeat


def slice_copy(c: ci.Cursor, name: str | None, ctx: FnCtx) -> str | None:
    """The Rust statement for the call `c` (of the function `name`) as a copy between slices, else None."""
    args = list(c.get_arguments())
    if name not in CALLS or ctx.function_id(name) is not None or len(args) != 3:
        return None  # a function of SRC so named is no C library call
    dst, src = operand(args[0], ("slice_mut",), ctx), operand(args[1], ("slice", "slice_mut"), ctx)
    if dst is None or src is None or dst[0] == src[0] or dst[1] != src[1] or dst[1] not in NUMBERS or \
            not within(args, ctx):
        return None
    n = elements(args[2], dst[2], ctx)
    if n is None:
        return None
    return once(n, lambda k: f"{dst[0]}[..{k}].copy_from_slice(&{src[0]}[..{k}])") + ";"


def within(args: list[ci.Cursor], ctx: FnCtx) -> bool:
    """The count is read as signatures/slicecopies.py proves it within both objects: a constant one only
    between local arrays, at most either's size; any other only between slice parameters."""
    count, objects = evaluate(args[2]), [bare(a) for a in args[:2]]
    if count is None:
        return all(o.kind == K.DECL_REF_EXPR and o.referenced.kind == K.PARM_DECL for o in objects)
    return all(o.type.get_canonical().kind == TK.CONSTANTARRAY and is_local_place(o) and
               count <= o.type.get_canonical().get_size() for o in objects)


def bare(a: ci.Cursor) -> ci.Cursor:
    """The operand `a` without parentheses and the implicit conversions around it (to `void *`, decay)."""
    s = strip(a)
    while s.kind in (K.UNEXPOSED_EXPR, K.PAREN_EXPR) and \
            len(ch := [k for k in kids(s) if k.kind in EXPR_KINDS]) == 1:
        s = ch[0]
    return s


def once(n: str, code: Callable[[str], str]) -> str:
    """`code` of the count `n`, which it names twice: evaluated once, as C does (a count with effects, `k--`,
    must not run twice), bound to a name of ours unless it is a name or a literal."""
    return code(n) if _SIMPLE.fullmatch(n) else f"{{ let llmigrate_n: usize = {n}; {code('llmigrate_n')} }}"


def operand(a: ci.Cursor, convs: tuple[str, ...], ctx: FnCtx) -> tuple[str, str, int] | None:
    """(Rust name, element type, its size) of the slice parameter (of one of `convs`) or local array of
    constant size the operand `a` is, through the implicit conversions to `void *`; else None."""
    s = bare(a)
    d = s.referenced if s.kind == K.DECL_REF_EXPR else None
    t = s.type.get_canonical()
    if d is not None and d.kind == K.PARM_DECL:
        conv, rust = ctx.borrowed.get(d.hash, ("", ""))
        if conv not in convs or not rust.endswith("]"):
            return None
        elem = t.get_pointee() if t.kind == TK.POINTER else t.get_array_element_type()
        return ctx.local(d), rust[rust.index("[") + 1:-1], elem.get_size()
    if t.kind == TK.CONSTANTARRAY and is_local_place(s):
        elem = t.get_array_element_type().get_canonical()
        return place(s, ctx), rust_type(elem, ctx), elem.get_size()
    return None


def elements(count: ci.Cursor, size: int, ctx: FnCtx) -> str | None:
    """The number of elements of `size` bytes a byte count is, as a usize: the count itself for bytes,
    `n` of `n * f` / `f * n` where `f` evaluates to `size`; else None."""
    if size == 1:
        return unparen(value(count, ctx, "usize"))
    s = strip(count)
    parts = [k for k in kids(s) if k.kind in EXPR_KINDS] if s.kind == K.BINARY_OPERATOR else []
    if len(parts) != 2 or binop(s) != "*":
        return None
    for n, f in (parts, parts[::-1]):
        if evaluate(f) == size:
            return unparen(value(n, ctx, "usize"))
    return None
