"""Global variables as `pub static mut` (`pub static` for const data) with their constant initializers
translated to Rust const-eval."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import clang.cindex as ci

from llmigrate.backends.builtin import cfront
from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.items_aggregates import NotConstant, aggregate, strip, text
from llmigrate.backends.builtin.items_names import member_path
from llmigrate.backends.builtin.items_values import (
    c_string_bytes,
    evaluate,
    scalar_literal,
    spelled_hex,
    string_pointer,
)
from llmigrate.signatures.atomics import atomic_type
from llmigrate.signatures.mapper import VOID

CK, K = ci.CursorKind, ci.TypeKind
__all__ = ["InitContext", "NotConstant", "init_expr", "initializer"]


@dataclass
class InitContext:
    """How initializers name other items: globals by Rust name, functions as pointer values."""

    global_name: Callable[[ci.Cursor], str | None]  # VAR_DECL -> Rust path of the static, None if unknown
    # FUNCTION_DECL -> (Rust path, its `unsafe extern "C" fn(..)` type), None if it has no usable address
    function_value: Callable[[ci.Cursor], tuple[str, str] | None]


def init_expr(e: ci.Cursor, t: ci.Type, ctx: InitContext) -> str:
    """The Rust constant expression for initializer `e` of a destination of C type `t`."""
    c = t.get_canonical()
    if c.kind in (K.CONSTANTARRAY, K.RECORD):
        return aggregate(e, c, lambda v, vt: init_expr(v, vt, ctx))
    rust = bt.rust_type(t)
    if bt.is_ptr(rust) or bt.is_fnptr(rust):
        return _pointer(e, rust, ctx)
    value = evaluate(e)
    if isinstance(value, int | float):
        lit = scalar_literal(value, rust, spelled_hex(e))
        if lit is not None:
            return lit
    raise NotConstant(f"'{text(e)}' is not a constant of type {rust}")


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


def _pointer(e: ci.Cursor, rust: str, ctx: InitContext) -> str:
    s = strip(e)
    if s.kind == CK.STRING_LITERAL:
        data = c_string_bytes([t.spelling for t in s.get_tokens()])
        if data is None or not bt.is_ptr(rust):
            raise NotConstant(f"string literal '{text(s)}' as {rust}")
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
    if s.kind == CK.BINARY_OPERATOR and cfront.binop(s) in ("+", "-"):
        return _offset(s, rust, ctx)
    value = evaluate(s)
    if isinstance(value, int) and value == 0:
        return bt.zero_value(rust)
    if isinstance(value, int) and bt.is_ptr(rust):
        return f"{value & (2**64 - 1)}usize as {rust}"  # an absolute address, as in `(void *)0x1000`
    raise NotConstant(f"pointer initializer '{text(e)}'")


def _offset(s: ci.Cursor, rust: str, ctx: InitContext) -> str:
    """`p + k`, `k + p`, `p - k` for a constant address p and an integer constant k (6.5.6p8)."""
    left, right = [k for k in s.get_children() if k.kind.is_expression()]
    if right.type.get_canonical().kind in (K.POINTER, K.CONSTANTARRAY):
        left, right = right, left
    step = evaluate(right)
    base_rust = bt.rust_type(left.type) if left.type.get_canonical().kind == K.POINTER else None
    if not isinstance(step, int) or base_rust is None or bt.pointee(base_rust) == VOID:
        raise NotConstant(f"pointer arithmetic '{text(s)}'")
    base = _pointer(left, base_rust, ctx)
    step = -step if cfront.binop(s) == "-" else step
    return f"unsafe {{ ({base}).offset({step}) as {rust} }}"


def _address(s: ci.Cursor, rust: str, ctx: InitContext) -> str | None:
    """`&lvalue` or a decaying array, where the lvalue is a global reached by `.member` and `[constant]`."""
    if s.kind == CK.UNARY_OPERATOR and cfront.unop(s) == "&":
        target = strip(next(s.get_children()))
        place = _place(target, ctx)
        mode = "const" if _atomic_variable(target) else _raw(target.type)  # an atomic: an UnsafeCell
        return None if place is None else f"unsafe {{ (&raw {mode} {place}) as {rust} }}"
    if s.type.get_canonical().kind == K.CONSTANTARRAY:
        place = _place(s, ctx)
        elem = f"*mut {bt.rust_type(s.type.get_canonical().element_type)}"
        cast = f" as {elem}" + ("" if elem == rust else f" as {rust}")
        return None if place is None else f"unsafe {{ (&raw {_raw(s.type)} {place}){cast} }}"
    return None


def _raw(t: ci.Type) -> str:
    """`&raw const` for const data (an immutable `static`: see bt.immutable), else `&raw mut`."""
    return "const" if bt.is_const(t) else "mut"


def _atomic_variable(e: ci.Cursor) -> bool:
    """`e` names a global that shared.rs defines as an atomic (globals_atomic.py)."""
    v = e.referenced if e.kind == CK.DECL_REF_EXPR else None
    return v is not None and v.kind == CK.VAR_DECL and not bt.is_const(v.type) \
        and atomic_type(bt.rust_type(v.type)) is not None


def _place(e: ci.Cursor, ctx: InitContext) -> str | None:
    """The Rust place of a C lvalue built from a global, `.member` and constant subscripts, else None."""
    e = strip(e)
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
        array = strip(base).type.get_canonical().kind == K.CONSTANTARRAY
        if not array or not isinstance(index, int) or index < 0:
            return None
        inner = _place(base, ctx)
        return None if inner is None else f"{inner}[{index}]"
    return None
