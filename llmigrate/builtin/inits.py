"""Initialisers of locals and compound literals: brace lists (designated or positional), strings, zeros."""

from __future__ import annotations

import re

import clang.cindex as ci

from llmigrate.builtin import types as bt
from llmigrate.builtin.context import FnCtx
from llmigrate.builtin.convert import literal
from llmigrate.builtin.exprs import value
from llmigrate.builtin.items_names import field_name, is_anonymous_member
from llmigrate.builtin.items_values import byte_string, c_string_bytes, evaluate
from llmigrate.builtin.types import Unsupported

K = ci.CursorKind
TK = ci.TypeKind
_STRING_TOKEN = re.compile(r'(?:u8|[LuU])?"(?:[^"\\]|\\.)*"')


def string_bytes(c: ci.Cursor) -> bytes:
    """The bytes of a (possibly concatenated) narrow string literal, without the final NUL."""
    data = c_string_bytes(_STRING_TOKEN.findall(c.spelling))
    if data is None:
        raise Unsupported("string literal", "wide or unicode string literals are not supported", c)
    return data


def string_pointer(c: ci.Cursor, t: str) -> str:
    """A string literal decayed to a pointer of Rust type `t`: a static NUL-terminated byte string."""
    return f'(b"{byte_string(string_bytes(c))}\\x00".as_ptr() as {t})'


def string_array(c: ci.Cursor, ctype: ci.Type, ctx: FnCtx) -> str:
    """A string literal initialising a char array (NUL-padded or truncated to the array's size)."""
    canon = ctype.get_canonical()
    n = canon.element_count
    elem = bt.rust_type(canon.element_type)
    data = (string_bytes(c) + b"\0" * n)[:n]
    return "[" + ", ".join(literal(b, elem) for b in data) + "]"


def _strip(c: ci.Cursor) -> ci.Cursor:
    while c.kind == K.PAREN_EXPR:
        c = next(c.get_children())
    return c


def initializer(c: ci.Cursor, ctype: ci.Type, t: str, ctx: FnCtx) -> str:
    """The Rust value initialising an object of clang type `ctype` (Rust `t`) from initialiser `c`."""
    s = _strip(c)
    canon = ctype.get_canonical()
    if s.kind == K.COMPOUND_LITERAL_EXPR:
        inner = [k for k in s.get_children() if k.kind == K.INIT_LIST_EXPR]
        if inner:
            return initializer(inner[0], s.type, bt.rust_type(s.type), ctx)
    if s.kind == K.STRING_LITERAL and canon.kind == TK.CONSTANTARRAY:
        return string_array(s, ctype, ctx)
    if s.kind != K.INIT_LIST_EXPR:
        if canon.kind == TK.CONSTANTARRAY:
            raise Unsupported("initializer", "an array initialised from a non-brace expression", c)
        return value(c, ctx, t)
    items = list(s.get_children())
    if canon.kind == TK.CONSTANTARRAY:
        return _array(items, canon, ctx, c)
    if canon.kind == TK.RECORD:
        return _record(items, canon, t, ctx, c)
    if len(items) > 1:
        raise Unsupported("initializer", "excess elements in a scalar initializer", c)
    return value(items[0], ctx, t) if items else zero(ctype, ctx)


def _designator(item: ci.Cursor) -> tuple[ci.Cursor | None, ci.Cursor]:
    """(designator, value) of one brace-list item; designators appear as void UNEXPOSED_EXPRs."""
    if item.kind == K.UNEXPOSED_EXPR and item.type.kind == TK.VOID:
        kids = list(item.get_children())
        if len(kids) != 2:
            raise Unsupported("designated initializer", "nested or range designators", item)
        return kids[0], kids[1]
    return None, item


def _array(items: list[ci.Cursor], canon: ci.Type, ctx: FnCtx, c: ci.Cursor) -> str:
    n = canon.element_count
    elem_type = canon.element_type
    elem = bt.rust_type(elem_type)
    values: list[str | None] = [None] * n
    pos = 0
    for item in items:
        desig, val = _designator(item)
        if desig is not None:
            idx = evaluate(desig)
            if not isinstance(idx, int):
                raise Unsupported("designated initializer", "a non-constant array index", item)
            pos = idx
        if pos >= n:
            raise Unsupported("initializer", "excess elements in an array initializer", item)
        _no_brace_elision(elem_type, val)
        values[pos] = initializer(val, elem_type, elem, ctx)
        pos += 1
    if all(v is None for v in values):
        return f"[{zero(elem_type, ctx)}; {n}]"
    return "[" + ", ".join(v if v is not None else zero(elem_type, ctx) for v in values) + "]"


def _no_brace_elision(t: ci.Type, val: ci.Cursor) -> None:
    canon = t.get_canonical()
    if canon.kind in (TK.CONSTANTARRAY, TK.RECORD) and _strip(val).kind not in (K.INIT_LIST_EXPR,
                                                                                 K.STRING_LITERAL):
        if val.type.get_canonical() != canon:
            raise Unsupported("initializer", "brace elision in a nested aggregate initializer", val)


def _record(items: list[ci.Cursor], canon: ci.Type, t: str, ctx: FnCtx, c: ci.Cursor) -> str:
    fields = list(canon.get_fields())
    is_union = canon.get_declaration().kind == K.UNION_DECL
    values: dict[int, str] = {}
    pos = 0
    for item in items:
        desig, val = _designator(item)
        if desig is not None:
            ref = desig.referenced
            pos = next((i for i, f in enumerate(fields) if f == ref), -1)
            if pos < 0:
                raise Unsupported("designated initializer", f"'{desig.spelling}' of an anonymous member",
                                  item)
        if pos >= len(fields):
            raise Unsupported("initializer", "excess elements in a struct initializer", item)
        f = fields[pos]
        _no_brace_elision(f.type, val)
        values[pos] = initializer(val, f.type, bt.rust_type(f.type), ctx)
        pos += 1
    if is_union:
        if len(values) > 1:
            raise Unsupported("initializer", "more than one member of a union initialised", c)
        i, v = next(iter(values.items())) if values else (0, zero(fields[0].type, ctx))
        return f"{t} {{ {field_name(fields[i], i)}: {v} }}"
    if any(f.is_bitfield() for f in fields):
        return _with_bitfields(fields, values, canon, t, ctx)
    parts = [f"{field_name(f, i)}: {values[i] if i in values else zero(f.type, ctx)}"
             for i, f in enumerate(fields)]
    return f"{t} {{ {', '.join(parts)} }}"


def _with_bitfields(fields: list[ci.Cursor], values: dict[int, str], canon: ci.Type, t: str,
                    ctx: FnCtx) -> str:
    """A record with bit-fields: zeroed, then each initialised member stored (bit-fields by setter)."""
    tmp = ctx.fresh("init")
    steps = []
    for i, v in sorted(values.items()):
        f = fields[i]
        if f.is_bitfield():
            steps.append(f"{tmp}.set_{f.spelling}({v});")
        else:
            steps.append(f"{tmp}.{field_name(f, i)} = {v};")
    return f"({{ let mut {tmp}: {t} = {zero(canon, ctx)}; {' '.join(steps)} {tmp} }})"


def zero(ctype: ci.Type, ctx: FnCtx) -> str:
    """C's zero value of a type (static storage, omitted initialiser members) without `unsafe` if possible."""
    canon = ctype.get_canonical()
    t = bt.rust_type(ctype)
    if canon.kind == TK.CONSTANTARRAY:
        return f"[{zero(canon.element_type, ctx)}; {canon.element_count}]"
    if canon.kind == TK.RECORD:
        fields = list(canon.get_fields())
        if not fields or any(f.is_bitfield() or is_anonymous_member(f) for f in fields):
            ctx.unsafe = True
            return f"core::mem::zeroed::<{t}>()"
        if canon.get_declaration().kind == K.UNION_DECL:
            fields = fields[:1]
        parts = ", ".join(f"{field_name(f, i)}: {zero(f.type, ctx)}" for i, f in enumerate(fields))
        return f"{t} {{ {parts} }}"
    z = bt.zero_value(t)
    if z.startswith("unsafe"):
        ctx.unsafe = True
        return f"core::mem::zeroed::<{t}>()"
    return z
