"""A union field read in a safe fn (Rust reads a union field only in `unsafe`): signatures/unions.py let the
fn be safe only for a plain union's member (rule plain-union-read); clang's types check it again here, and
the statement's `// SAFETY:` comment names the rule. A read no rule checks in a safe fn is a gap of the
soundness rules (a union they did not see): the function is not translated rather than made unsound."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.signatures.unions import RULE, WHY

K = ci.CursorKind
TK = ci.TypeKind
_ANY_BITS = {TK.CHAR_S, TK.SCHAR, TK.CHAR_U, TK.UCHAR, TK.SHORT, TK.USHORT, TK.INT, TK.UINT, TK.LONG,
             TK.ULONG, TK.LONGLONG, TK.ULONGLONG, TK.FLOAT, TK.DOUBLE, TK.ENUM}


def read(field: ci.Cursor, ctx: FnCtx) -> None:
    """The union member `field` is read: an unsafe operation, which a safe fn makes only for a plain union."""
    ctx.unsafe = True
    if not ctx.safe_fn:
        return
    members = [c for c in field.semantic_parent.get_children() if c.kind == K.FIELD_DECL]
    own, every = _plain(field.type), [_plain(m.type) for m in members]
    if own is None or not own[1] or any(m is None or m[0] < own[0] for m in every):
        raise Unsupported("union member", f"'{field.spelling}' is read in a safe fn, and its union is not "
                          f"plain (rule {RULE})", field)
    ctx.proofs.append(f"rule {RULE}: `{field.spelling}`: {WHY}")


def _plain(t: ci.Type) -> tuple[int, bool] | None:
    """(size, valid for any initialized bytes) of a plain member type, None for another (a record...)."""
    c = t.get_canonical()
    if c.kind == TK.CONSTANTARRAY:
        inner = _plain(c.element_type)
        return (inner[0] * c.element_count, inner[1]) if inner is not None else None
    if c.kind in _ANY_BITS:
        return c.get_size(), True
    return (c.get_size(), False) if c.kind in (TK.BOOL, TK.POINTER) else None
