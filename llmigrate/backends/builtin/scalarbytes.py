"""A scalar's bytes copied to or from a byte slice, in Rust (signatures/scalarbytes.py proves the call
checked): `memcpy(d, &x, K);` is `d[..K].copy_from_slice(&x.to_ne_bytes());` and `memcpy(&x, s, K);` is
`x = T::from_ne_bytes(s[..K].try_into().unwrap());`, `d`/`s` a `u8` slice parameter, `x` a local or
by-value parameter of an integer or floating type of K bytes: the bytes C copies, in memory order, and
the slice indexing bounds-checked. A window of the source, `memcpy(&x, s + e, K)` (signatures/windows.py),
reads `s[e..][..K]`, or, of wider integers, each element's bytes in turn into an array of K."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin.cfront import unop
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.cursors import is_local_place, only_child, strip
from llmigrate.backends.builtin.dispatch import place
from llmigrate.backends.builtin.elements import lent
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.backends.builtin.slicecopies import bare, operand
from llmigrate.backends.builtin.types import rust_type
from llmigrate.signatures.scalarbytes import CALLS, INTEGERS, SCALARS

K, TK = ci.CursorKind, ci.TypeKind


def scalar_copy(c: ci.Cursor, name: str | None, ctx: FnCtx) -> str | None:
    """The Rust statement for the call `c` (of `name`) copying a scalar's bytes to or from a byte slice
    parameter, else None."""
    args = list(c.get_arguments())
    if name not in CALLS or ctx.function_id(name) is not None or len(args) != 3:
        return None  # a function of SRC so named is no C library call
    n = evaluate(args[2])
    into = operand(args[0], ("slice_mut",), ctx), _scalar(args[1], ctx)
    if into[0] is not None and into[1] is not None and into[0][1] == "u8" and into[1][2] == n:
        return f"{into[0][0]}[..{n}].copy_from_slice(&{into[1][0]}.to_ne_bytes());"
    out = operand(args[1], ("slice", "slice_mut"), ctx), _scalar(args[0], ctx)
    if out[0] is not None and out[1] is not None and out[0][1] == "u8" and out[1][2] == n:
        x, t, _ = out[1]
        return f"{x} = {t}::from_ne_bytes({out[0][0]}[..{n}].try_into().unwrap());"
    window = _window(args[1], ctx)
    if window is None or out[1] is None or out[1][2] != n or not isinstance(n, int) or n % window[2]:
        return None
    (x, t, _), (p, start, size, elem) = out[1], window
    elements = f"{p}[{start}..][..{n // size}]" if start else f"{p}[..{n // size}]"
    if elem == "u8":
        return f"{x} = {t}::from_ne_bytes({elements}.try_into().unwrap());"
    b = ctx.fresh("bytes")  # each element's bytes in turn, as memcpy copies them
    each = f"for (to, e) in {b}.chunks_exact_mut({size}).zip({elements}.iter()) "
    return f"{x} = {{ let mut {b} = [0u8; {n}]; {each}{{ to.copy_from_slice(&e.to_ne_bytes()); }} " \
           f"{t}::from_ne_bytes({b}) }};"


def _window(a: ci.Cursor, ctx: FnCtx) -> tuple[str, str, int, str] | None:
    """(the slice, the start as a usize or "" for 0, the element size and Rust type) of `p + e`, `&p[e]` or
    `p` of a slice parameter of integers (a window of it, signatures/windows.py), else None."""
    a = bare(a)  # without the conversion to `const void *`
    t = a.type.get_canonical()
    if t.kind != TK.POINTER or (elem := rust_type(t.get_pointee().get_canonical(), ctx)) not in INTEGERS:
        return None
    found = lent(a, ctx)
    if found is not None:
        return found[0], found[1], INTEGERS[elem], elem
    whole = operand(a, ("slice", "slice_mut"), ctx)
    return (whole[0], "", INTEGERS[elem], elem) if whole is not None else None


def _scalar(a: ci.Cursor, ctx: FnCtx) -> tuple[str, str, int] | None:
    """(Rust place, Rust type, size) of the integer or floating object `&x` points to: a local that is
    not static, or a by-value parameter; else None."""
    s = bare(a)
    if s.kind != K.UNARY_OPERATOR or unop(s) != "&":
        return None
    x = strip(only_child(s))
    d = x.referenced if x.kind == K.DECL_REF_EXPR else None
    if d is None or not (is_local_place(x) or d.kind == K.PARM_DECL):
        return None
    t = x.type.get_canonical()
    rust = rust_type(t, ctx)
    return (place(x, ctx), rust, t.get_size()) if rust in SCALARS else None
