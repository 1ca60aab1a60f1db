"""C library calls on counted bytes carried out by the byte slices themselves (signatures/voidbytes.py, rule
byte-count): `memset(p, c, n);` of a writable one is `p.fill(c as u8);`, `memcmp(a, b, n)` of two of count
`n` compares their bytes, returning the difference of the first two that differ as glibc does (C itself
promises only its sign). Each slice is exactly `n` bytes (the C ABI entry, or a caller in SRC, made it from
the pointer and the count, which the body never changes), so neither touches a byte C would not."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import E, coerce, unparen
from llmigrate.backends.builtin.dispatch import value
from llmigrate.backends.builtin.slicecopies import once, operand, within
from llmigrate.signatures.voidbytes import UNINIT

K = ci.CursorKind


def fill(c: ci.Cursor, name: str | None, ctx: FnCtx) -> str | None:
    """`memset(p, c, n)`, a statement, as `p.fill(c as u8);` when p is a writable byte-count slice of
    count n; else None."""
    args = list(c.get_arguments())
    if name != "memset" or ctx.function_id(name) is not None or len(args) != 3:
        return None
    p = _counted(args[0], args[2], ctx, ("slice_mut",))
    if p is None:
        return None
    byte = f"({value(args[1], ctx, 'i32')}) as u8"
    uninit = UNINIT in ctx.borrowed[_param(args[0]).hash][1]
    return f"{p}.fill({f'core::mem::MaybeUninit::new({byte})' if uninit else byte});"


def compare(name: str, args: list[ci.Cursor], t: str, ctx: FnCtx) -> E | None:
    """`memcmp(a, b, n)` of two byte-count slices of count n, compared in Rust; else None."""
    if name != "memcmp" or ctx.function_id(name) is not None or len(args) != 3:
        return None
    a, b = (_counted(x, args[2], ctx, ("slice", "slice_mut")) for x in args[:2])
    if a is not None and b is not None:
        return E(coerce(E(_differ(a, b, "u8"), "i32"), t), t)
    return _sliced(args, t, ctx)


def _sliced(args: list[ci.Cursor], t: str, ctx: FnCtx) -> E | None:
    """`memcmp(a, b, n)` of byte slices (slice parameters, local arrays; signatures/slicecopies.py) as the
    signatures prove n within both: their first n bytes (bounds-checked all the same)."""
    ends = [operand(x, ("slice", "slice_mut"), ctx) for x in args[:2]]
    if None in ends or len({e[1] for e in ends}) != 1 or ends[0][1] not in ("u8", "i8") or \
            not within(args, ctx):
        return None
    n = unparen(value(args[2], ctx, "usize"))
    code = once(n, lambda k: _differ(f"{ends[0][0]}[..{k}]", f"{ends[1][0]}[..{k}]", ends[0][1]))
    return E(coerce(E(code, "i32"), t), t)


def _differ(a: str, b: str, elem: str) -> str:
    """The difference of the first two bytes (elements `elem`, u8 or i8) of `a` and `b` that differ, as
    unsigned chars (glibc's memcmp), or 0."""
    byte = "" if elem == "u8" else " as u8"
    return f"{a}.iter().zip({b}.iter()).find(|(x, y)| x != y)" \
        f".map_or(0, |(x, y)| i32::from(*x{byte}) - i32::from(*y{byte}))"


def _counted(arg: ci.Cursor, count: ci.Cursor, ctx: FnCtx, convs: tuple[str, ...]) -> str | None:
    """The Rust name of the byte-count slice parameter `arg` names when `count` names its count parameter."""
    p, n = _param(arg), _param(count)
    if p is None or n is None or p.hash not in ctx.counts or ctx.borrowed[p.hash][0] not in convs:
        return None
    return ctx.local(p) if ctx.local(n) == ctx.counts[p.hash] else None


def _param(c: ci.Cursor) -> ci.Cursor | None:
    """The parameter `c` names, through parentheses and implicit conversions."""
    while c.kind in (K.UNEXPOSED_EXPR, K.PAREN_EXPR) and \
            len(ch := [k for k in kids(c) if k.kind in EXPR_KINDS]) == 1:
        c = ch[0]
    d = c.referenced if c.kind == K.DECL_REF_EXPR else None
    return d if d is not None and d.kind == K.PARM_DECL else None
