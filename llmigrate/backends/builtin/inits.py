"""Initialisers of locals and compound literals: brace lists (designated or positional), strings, zeros."""

from __future__ import annotations

import re

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.cfront import kids
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import E, literal
from llmigrate.backends.builtin.cursors import ty
from llmigrate.backends.builtin.dispatch import EXPRS, register, value
from llmigrate.backends.builtin.items_names import field_name, is_anonymous_member
from llmigrate.backends.builtin.items_values import c_string_bytes, evaluate
from llmigrate.backends.builtin.items_values import string_pointer as static_string
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.backends.builtin.unsafety import own_block

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
    """A string literal decayed to a pointer of Rust type `t`: a static NUL-terminated string."""
    return f"({static_string(string_bytes(c), t)})"


def string_array(c: ci.Cursor, ctype: ci.Type, ctx: FnCtx) -> str:
    """A string literal initialising a char array (NUL-padded or truncated to the array's size)."""
    canon = ctype.get_canonical()
    n = canon.element_count
    elem = bt.rust_type(canon.element_type)
    data = (string_bytes(c) + b"\0" * n)[:n]
    return "[" + ", ".join(literal(b, elem) for b in data) + "]"


def _strip(c: ci.Cursor) -> ci.Cursor:
    while c.kind == K.PAREN_EXPR:
        c = kids(c)[0]
    return c


def initializer(c: ci.Cursor, ctype: ci.Type, t: str, ctx: FnCtx) -> str:
    """The Rust value initialising an object of clang type `ctype` (Rust `t`) from initialiser `c`."""
    s = _strip(c)
    canon = ctype.get_canonical()
    if s.kind == K.COMPOUND_LITERAL_EXPR:
        inner = [k for k in kids(s) if k.kind == K.INIT_LIST_EXPR]
        if inner:
            return initializer(inner[0], s.type, bt.rust_type(s.type), ctx)
    if s.kind == K.STRING_LITERAL and canon.kind == TK.CONSTANTARRAY:
        return string_array(s, ctype, ctx)
    if s.kind != K.INIT_LIST_EXPR:
        if canon.kind == TK.CONSTANTARRAY:
            raise Unsupported("initializer", "an array initialised from a non-brace expression", c)
        return value(c, ctx, t)
    entries = [_entry(item) for item in kids(s)]
    if canon.kind in (TK.CONSTANTARRAY, TK.RECORD):
        if len(entries) == 1 and not entries[0][0] and evaluate(entries[0][1]) == 0:
            return zero(ctype, ctx)  # `{0}`: its first scalar, through any elided braces, and the rest zero
        return _aggregate(entries, ctype, t, ctx, c)
    if len(entries) > 1 or (entries and entries[0][0]):
        raise Unsupported("initializer", "excess elements or a designator in a scalar initializer", c)
    return value(entries[0][1], ctx, t) if entries else zero(ctype, ctx)


Entry = tuple[list[ci.Cursor], ci.Cursor]  # (designator steps, possibly none; value)


def _entry(item: ci.Cursor) -> Entry:
    """One brace-list item: its designator chain (`.a.b`, `[2].x`) and value; designated items appear as
    void UNEXPOSED_EXPRs whose last child is the value."""
    if item.kind == K.UNEXPOSED_EXPR and item.type.kind == TK.VOID:
        ch = list(kids(item))
        if any(t.spelling == "..." for t in item.get_tokens()):
            raise Unsupported("designated initializer", "GNU range designator [a ... b]", item)
        return ch[:-1], ch[-1]
    return [], item


def _aggregate(entries: list[Entry], ctype: ci.Type, t: str, ctx: FnCtx, c: ci.Cursor) -> str:
    canon = ctype.get_canonical()
    if canon.kind == TK.CONSTANTARRAY:
        return _array(entries, canon, ctx, c)
    if canon.kind == TK.RECORD:
        return _record(entries, canon, t, ctx, c)
    raise Unsupported("designated initializer", f"designator into a {t}", c)


def _place_entries(entries: list[Entry], slot, n: int, elem_of, ctx: FnCtx, c: ci.Cursor) -> dict[int, str]:
    """Values by position for an aggregate with `n` members: positional items follow the last designated
    one; multi-step designators (`.in.l = 5`) gather into the member's own sub-initialiser."""
    values: dict[int, str | list[Entry]] = {}
    pos, after_chain = 0, False
    for steps, val in entries:
        if steps:
            pos = slot(steps[0])
        elif after_chain:
            raise Unsupported("initializer", "a positional item after a nested designator", val)
        if pos >= n:
            raise Unsupported("initializer", "excess elements in an aggregate initializer", val)
        etype = elem_of(pos)
        if len(steps) > 1:
            sub = values.setdefault(pos, [])
            if isinstance(sub, str):
                raise Unsupported("designated initializer", "overrides part of an initialised member", val)
            sub.append((steps[1:], val))
        else:
            _no_brace_elision(etype, val)
            values[pos] = initializer(val, etype, bt.rust_type(etype), ctx)
        after_chain = len(steps) > 1
        pos += 1
    return {i: v if isinstance(v, str) else _aggregate(v, elem_of(i), bt.rust_type(elem_of(i)), ctx, c)
            for i, v in values.items()}


def _array(entries: list[Entry], canon: ci.Type, ctx: FnCtx, c: ci.Cursor) -> str:
    n = canon.element_count
    elem_type = canon.element_type

    def slot(d: ci.Cursor) -> int:
        idx = evaluate(d)
        if not isinstance(idx, int):
            raise Unsupported("designated initializer", "a non-constant array index", d)
        return idx

    values = _place_entries(entries, slot, n, lambda _: elem_type, ctx, c)
    z = zero(elem_type, ctx)
    if not values:
        return f"[{z}; {n}]"
    if n > 16 and len(values) * 2 < n:  # mostly zero (`char buf[256] = { 0 }`): fill, then set the rest
        tmp = ctx.fresh("arr")
        sets = " ".join(f"{tmp}[{i}] = {v};" for i, v in sorted(values.items()))
        return f"({{ let mut {tmp} = [{z}; {n}]; {sets} {tmp} }})"
    return "[" + ", ".join(values[i] if i in values else z for i in range(n)) + "]"


def _no_brace_elision(t: ci.Type, val: ci.Cursor) -> None:
    canon = t.get_canonical()
    if canon.kind in (TK.CONSTANTARRAY, TK.RECORD) and _strip(val).kind not in (K.INIT_LIST_EXPR,
                                                                                 K.STRING_LITERAL):
        if val.type.get_canonical() != canon:
            raise Unsupported("initializer", "brace elision in a nested aggregate initializer", val)


def _record(entries: list[Entry], canon: ci.Type, t: str, ctx: FnCtx, c: ci.Cursor) -> str:
    fields = list(canon.get_fields())
    is_union = canon.get_declaration().kind == K.UNION_DECL

    def slot(d: ci.Cursor) -> int:
        pos = next((i for i, f in enumerate(fields) if f == d.referenced), -1)
        if pos < 0:
            raise Unsupported("designated initializer", f"'{d.spelling}' of an anonymous member", d)
        return pos

    values = _place_entries(entries, slot, len(fields), lambda i: fields[i].type, ctx, c)
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
            return own_block(ctx, f"core::mem::zeroed::<{t}>()", True)  # its own: not the setters after it
        if canon.get_declaration().kind == K.UNION_DECL:
            fields = fields[:1]
        parts = ", ".join(f"{field_name(f, i)}: {zero(f.type, ctx)}" for i, f in enumerate(fields))
        return f"{t} {{ {parts} }}"
    z = bt.zero_value(t)
    if z.startswith("unsafe"):
        return own_block(ctx, f"core::mem::zeroed::<{t}>()", True)
    return z


def _string(c: ci.Cursor, ctx: FnCtx) -> E:
    t = ty(c)
    return E(string_array(c, c.type, ctx), t)


def _braces(c: ci.Cursor, ctx: FnCtx) -> E:
    t = ty(c)
    return E(initializer(c, c.type, t, ctx), t)


register(EXPRS, {K.STRING_LITERAL: _string, K.INIT_LIST_EXPR: _braces, K.COMPOUND_LITERAL_EXPR: _braces})
