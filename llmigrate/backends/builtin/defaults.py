"""A borrowed `Option` parameter pointed at a local where the caller passed NULL (signatures/defaults.py,
rule null-default): `if (!err) err = &dummy;` stores `Some(&mut dummy)` in the parameter's mutable binding,
so that Rust borrows the local for the rest of the call where C's pointer points at it."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin.borrows import own_param
from llmigrate.backends.builtin.cfront import unop
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.cursors import is_cast, only_child, operands, strip
from llmigrate.signatures.defaults import ADMISSIBLE

K = ci.CursorKind


def null_default(c: ci.Cursor, ctx: FnCtx) -> str | None:
    """The statement `p = &local;` for a borrowed `Option` parameter `p`, or None for any other assignment."""
    lhs, rhs = operands(c)
    own = own_param(lhs, ctx) if strip(lhs).kind == K.DECL_REF_EXPR else None
    local = _local_address(rhs)
    if own is None or own[1] not in ADMISSIBLE or local is None:
        return None
    return f"{own[0]} = Some(&{'mut ' if own[1] == 'opt_mut' else ''}{ctx.local(local)});"


def _local_address(c: ci.Cursor) -> ci.Cursor | None:
    """The local variable `c` takes the address of (`&x`, made a pointer to const or not), or None."""
    s = strip(c)
    if s.kind == K.UNEXPOSED_EXPR and is_cast(s) and _unqualified(s.type) == _unqualified(only_child(s).type):
        s = strip(only_child(s))  # `&x` of a `T x` as the `const T *` the parameter is
    if s.kind != K.UNARY_OPERATOR or unop(s) != "&":
        return None
    d = strip(operands(s)[0])
    v = d.referenced if d.kind == K.DECL_REF_EXPR else None
    parent = v.semantic_parent if v is not None and v.kind == K.VAR_DECL else None
    return v if parent is not None and parent.kind == K.FUNCTION_DECL else None


def _unqualified(t: ci.Type) -> list[str]:
    """The canonical pointee type of pointer type `t`, without `const`."""
    return [w for w in t.get_canonical().get_pointee().get_canonical().spelling.split() if w != "const"]
