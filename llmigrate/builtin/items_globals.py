"""Global variables as `pub static mut` with their constant initializers translated to Rust const-eval."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import clang.cindex as ci

from llmigrate.builtin import types as bt
from llmigrate.builtin.items_bitfields import run_bytes, runs
from llmigrate.builtin.items_names import field_name, is_anonymous_member, member_path, record_name
from llmigrate.builtin.items_values import (
    c_string_bytes,
    char_array,
    evaluate,
    scalar_literal,
    string_pointer,
)

CK, K = ci.CursorKind, ci.TypeKind
_WRAPPERS = {CK.UNEXPOSED_EXPR, CK.PAREN_EXPR, CK.CSTYLE_CAST_EXPR}


class NotConstant(Exception):
    """An initializer this translator cannot express as a Rust constant."""


@dataclass
class InitContext:
    """How initializers name other items: globals by Rust name, functions as pointer values."""

    global_name: Callable[[ci.Cursor], str | None]  # VAR_DECL -> Rust path of the static, None if unknown
    # FUNCTION_DECL -> (Rust path, its `unsafe extern "C" fn(..)` type), None if it has no usable address
    function_value: Callable[[ci.Cursor], tuple[str, str] | None]


def _strip(e: ci.Cursor) -> ci.Cursor:
    while e.kind in _WRAPPERS:
        kids = [c for c in e.get_children() if c.kind != CK.TYPE_REF]
        if len(kids) != 1:
            break
        e = kids[0]
    return e


def init_expr(e: ci.Cursor, t: ci.Type, ctx: InitContext) -> str:
    """The Rust constant expression for initializer `e` of a destination of C type `t`."""
    c = t.get_canonical()
    if c.kind == K.CONSTANTARRAY:
        return _array(e, c, ctx)
    if c.kind == K.RECORD:
        return _record(e, c, ctx)
    rust = bt.rust_type(t)
    if bt.is_ptr(rust) or bt.is_fnptr(rust):
        return _pointer(e, rust, ctx)
    value = evaluate(e)
    if isinstance(value, int | float):
        lit = scalar_literal(value, rust)
        if lit is not None:
            return lit
    raise NotConstant(f"'{_text(e)}' is not a constant of type {rust}")


def initializer(var: ci.Cursor) -> ci.Cursor | None:
    """The initializer expression of a VAR_DECL (its other expression children are array bounds)."""
    depth = 0
    for tok in var.get_tokens():
        depth += tok.spelling in "([{"
        depth -= tok.spelling in ")]}"
        if tok.spelling == "=" and depth == 0:
            kids = [c for c in var.get_children() if c.kind.is_expression()]
            return kids[-1] if kids else None
    return None


def _text(e: ci.Cursor) -> str:
    return " ".join(t.spelling for t in e.get_tokens())[:60]


def _designated(item: ci.Cursor) -> tuple[ci.Cursor | None, ci.Cursor]:
    """(designator, value) for one element of an initializer list; designator None when positional."""
    if item.kind == CK.UNEXPOSED_EXPR and item.type.kind == K.VOID:
        kids = list(item.get_children())
        if len(kids) == 2:
            return kids[0], kids[1]
        raise NotConstant(f"nested designator '{_text(item)}'")
    return None, item


def _array(e: ci.Cursor, c: ci.Type, ctx: InitContext) -> str:
    elem_t = c.element_type
    n = c.element_count
    elem = bt.rust_type(elem_t)
    s = _strip(e)
    if s.kind == CK.STRING_LITERAL and bt.is_int(elem) and bt.int_bits(elem) == 8:
        data = c_string_bytes([t.spelling for t in s.get_tokens()])
        if data is None:
            raise NotConstant(f"wide string literal '{_text(s)}'")
        return char_array(data, n, elem)
    if s.kind != CK.INIT_LIST_EXPR:
        raise NotConstant(f"array initialised from '{_text(e)}'")
    values: dict[int, str] = {}
    pos = 0
    for item in s.get_children():
        desig, value = _designated(item)
        if desig is not None:
            idx = evaluate(desig)
            if not isinstance(idx, int):
                raise NotConstant(f"array designator '{_text(item)}'")
            pos = idx
        _no_brace_elision(elem_t, value)
        values[pos] = init_expr(value, elem_t, ctx)
        pos += 1
    zero = bt.zero_value(elem)
    if not values:
        return f"[{zero}; {n}]"
    return "[" + ", ".join(values.get(i, zero) for i in range(n)) + "]"


def _no_brace_elision(t: ci.Type, value: ci.Cursor) -> None:
    c = t.get_canonical()
    braced = _strip(value).kind in (CK.INIT_LIST_EXPR, CK.STRING_LITERAL)
    if c.kind in (K.CONSTANTARRAY, K.RECORD) and not braced and value.type.get_canonical().kind != c.kind:
        raise NotConstant(f"brace elision at '{_text(value)}'")


def _record(e: ci.Cursor, c: ci.Type, ctx: InitContext) -> str:
    decl = c.get_declaration()
    name = record_name(decl)
    fields = list(c.get_fields())
    s = _strip(e)
    if s.kind != CK.INIT_LIST_EXPR:
        raise NotConstant(f"struct initialised from '{_text(e)}' (not an initializer list)")
    given: dict[int, str] = {}
    bitvals: dict[str, int] = {}
    pos = 0
    for item in s.get_children():
        desig, value = _designated(item)
        if desig is not None:
            idx = next((i for i, f in enumerate(fields) if desig.kind == CK.MEMBER_REF
                        and f.spelling == desig.spelling), None)
            if idx is None:
                raise NotConstant(f"designator '{_text(item)}' names no direct member of '{name}'")
            pos = idx
        while desig is None and pos < len(fields) and fields[pos].is_bitfield() \
                and not fields[pos].spelling.isidentifier():
            pos += 1  # positional initializers skip unnamed bit-fields (6.7.9p9)
        if pos >= len(fields):
            raise NotConstant(f"too many initializers for '{name}'")
        f = fields[pos]
        if f.is_bitfield():
            bits = evaluate(value)
            if not isinstance(bits, int):
                raise NotConstant(f"bit-field '{f.spelling}' initialised from '{_text(value)}'")
            bitvals[f.spelling] = bits
            pos += 1
            continue
        if is_anonymous_member(f):
            raise NotConstant(f"initializer for an anonymous member of '{name}'")
        _no_brace_elision(f.type, value)
        given[pos] = init_expr(value, f.type, ctx)
        pos += 1
    if decl.kind == CK.UNION_DECL:
        i, v = next(iter(given.items()), (0, None))
        if v is None:
            return f"unsafe {{ core::mem::zeroed::<{name}>() }}"
        return f"{name} {{ {field_name(fields[i], i)}: {v} }}"
    parts = []
    bit_runs = runs(fields)
    for i, f in enumerate(fields):
        if f.is_bitfield():
            run = bit_runs.get(i)
            if run is not None and run.members[0][0] == f:
                parts.append(f"{run.name}: {run_bytes(run, bitvals)}")
            continue
        value = given.get(i)
        if value is None:
            value = "unsafe { core::mem::zeroed() }" if f.type.get_canonical().kind in (
                K.RECORD, K.CONSTANTARRAY, K.INCOMPLETEARRAY) else bt.zero_value(bt.rust_type(f.type))
        parts.append(f"{field_name(f, i)}: {value}")
    return f"{name} {{ {', '.join(parts)} }}"


def _pointer(e: ci.Cursor, rust: str, ctx: InitContext) -> str:
    s = _strip(e)
    if s.kind == CK.STRING_LITERAL:
        data = c_string_bytes([t.spelling for t in s.get_tokens()])
        if data is None or not bt.is_ptr(rust):
            raise NotConstant(f"string literal '{_text(s)}' as {rust}")
        return string_pointer(data, rust)
    if s.kind == CK.DECL_REF_EXPR and s.referenced is not None and s.referenced.kind == CK.FUNCTION_DECL:
        value = ctx.function_value(s.referenced)
        if value is None or not bt.is_fnptr(rust):
            raise NotConstant(f"address of function '{s.spelling}' here")
        path, fn_type = value
        target = rust[len("Option<"):-1]
        if bt.same_type(fn_type, target):
            return f"Some({path})"
        # C converted the function pointer (a cast, or compatible-but-differently-spelled types): same ABI.
        return f"Some(unsafe {{ core::mem::transmute::<*const (), {target}>({path} as *const ()) }})"
    addr = _address(s, rust, ctx)
    if addr is not None:
        return addr
    value = evaluate(s)
    if isinstance(value, int) and value == 0:
        return bt.zero_value(rust)
    raise NotConstant(f"pointer initializer '{_text(e)}'")


def _address(s: ci.Cursor, rust: str, ctx: InitContext) -> str | None:
    """`&lvalue` or a decaying array, where the lvalue is a global reached by `.member` and `[constant]`."""
    if s.kind == CK.UNARY_OPERATOR and next(s.get_tokens()).spelling == "&":
        place = _place(_strip(next(s.get_children())), ctx)
        return None if place is None else f"unsafe {{ (&raw mut {place}) as {rust} }}"
    if s.type.get_canonical().kind == K.CONSTANTARRAY:
        place = _place(s, ctx)
        elem = f"*mut {bt.rust_type(s.type.get_canonical().element_type)}"
        cast = f" as {elem}" + ("" if elem == rust else f" as {rust}")
        return None if place is None else f"unsafe {{ (&raw mut {place}){cast} }}"
    return None


def _place(e: ci.Cursor, ctx: InitContext) -> str | None:
    """The Rust place of a C lvalue built from a global, `.member` and constant subscripts, else None."""
    e = _strip(e)
    if e.kind == CK.DECL_REF_EXPR and e.referenced is not None and e.referenced.kind == CK.VAR_DECL:
        return ctx.global_name(e.referenced)
    if e.kind == CK.MEMBER_REF_EXPR and e.referenced is not None and e.referenced.kind == CK.FIELD_DECL:
        base = [k for k in e.get_children() if k.kind.is_expression()]
        if len(base) != 1 or base[0].type.get_canonical().kind == K.POINTER or e.referenced.is_bitfield():
            return None
        inner = _place(base[0], ctx)
        return None if inner is None else f"{inner}.{'.'.join(member_path(e.referenced))}"
    if e.kind == CK.ARRAY_SUBSCRIPT_EXPR:
        base, idx = list(e.get_children())
        index = evaluate(idx)
        array = _strip(base).type.get_canonical().kind == K.CONSTANTARRAY
        if not array or not isinstance(index, int) or index < 0:
            return None
        inner = _place(base, ctx)
        return None if inner is None else f"{inner}[{index}]"
    return None
