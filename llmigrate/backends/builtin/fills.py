"""`memset(p, c, count)` of a `&mut [T]` parameter as `p[..n].fill(v)` (issue 15): bounds-checked, so safe
whatever the count (past the slice it panics where C would write out of bounds). Only where it is C's
effect exactly: `T` an integer type, `count` n elements (`n * sizeof(T)`, any factor equal to T's size, or
any count of one-byte elements) and the value each byte gets makes each element `v` (any value for one
byte: `(unsigned char)c`; else 0). signatures/counted.py's `fills` is the same rule on the C, which makes
such a call checked for signatures/soundness.py."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin.calls import callee_decl
from llmigrate.backends.builtin.cfront import kids
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import unparen
from llmigrate.backends.builtin.dispatch import value
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.backends.builtin.slicecopies import bare, elements, operand

K = ci.CursorKind
_INTS = ("i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "isize", "usize")


def memset_fill(c: ci.Cursor, ctx: FnCtx) -> str | None:
    """The Rust statement for the call `c` as a `memset` of a slice parameter, else None."""
    decl = callee_decl(next(iter(kids(c))))
    args = list(c.get_arguments())
    if decl is None or decl.spelling != "memset" or ctx.function_id("memset") is not None or len(args) != 3:
        return None
    param = _slice_param(args[0], ctx)
    if param is None:
        return None
    name, rust, size = param
    n = elements(args[2], size, ctx)
    v = f"{unparen(value(args[1], ctx, 'i32'))} as {rust}" if size == 1 else \
        "0" if evaluate(args[1]) == 0 else None
    return None if n is None or v is None else f"{name}[..{n}].fill({v});"


def _slice_param(a: ci.Cursor, ctx: FnCtx) -> tuple[str, str, int] | None:
    """(Rust name, element type, its size) of the `&mut [T]` parameter the argument `a` is (through the
    implicit conversions to `void *`, an array parameter's decay among them), T an integer type; else None."""
    s = bare(a)
    if s.kind != K.DECL_REF_EXPR or s.referenced is None or s.referenced.kind != K.PARM_DECL:
        return None  # slicecopies.operand also takes local arrays: not this rule's
    found = operand(a, ("slice_mut",), ctx)
    return found if found is not None and found[1] in _INTS else None
