"""Parameters the signature mapper proved references or slices: their uses in safe Rust, and arguments for
callees taking references or slices."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids, unop
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.cursors import is_local_place, only_child, side_effects, strip
from llmigrate.backends.builtin.dispatch import place, value
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.core import RustParam

K = ci.CursorKind


def borrowed(c: ci.Cursor, ctx: FnCtx, convs: tuple[str, ...]) -> str | None:
    """The Rust name of the borrowed parameter `c` denotes (through parentheses and implicit conversions),
    when its conv is one of `convs`; else None."""
    s = c
    while s.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR):
        ch = [k for k in kids(s) if k.kind in EXPR_KINDS]
        if len(ch) != 1 or s.kind == K.UNEXPOSED_EXPR and s.type.get_canonical().kind != \
                ch[0].type.get_canonical().kind:
            return None
        s = ch[0]
    if s.kind != K.DECL_REF_EXPR or s.referenced is None or s.referenced.kind != K.PARM_DECL:
        return None
    found = ctx.borrowed.get(s.referenced.hash)
    return ctx.local(s.referenced) if found is not None and found[0] in convs else None


def as_pointer(name: str, rust_type: str, c_type: str) -> str:
    """The raw pointer (of the body's C type `c_type`) behind a reference or slice parameter."""
    if rust_type.startswith("&mut ["):
        raw = f"{name}.as_mut_ptr()"
    elif rust_type.startswith("&["):
        raw = f"{name}.as_ptr()"
    else:
        raw = f"(&raw {'mut' if rust_type.startswith('&mut ') else 'const'} *{name})"
    return f"({raw} as {c_type})"


def argument(args: list[ci.Cursor], params: list[RustParam], i: int, ctx: FnCtx) -> str:
    """Argument `i` for a callee whose parameter `i` is a reference or slice."""
    p, a = params[i], args[i]
    mutable = p.conv in ("mut_ref", "slice_mut")
    if p.conv in ("ref", "mut_ref"):
        mine = borrowed(a, ctx, ("mut_ref",) if mutable else ("ref", "mut_ref"))
        if mine is not None:
            return f"&{'mut ' if mutable else ''}*{mine}"
        local = _local_address(args, i, p, ctx)
        if local is not None:
            return local
        ctx.unsafe = True  # a raw pointer the callee's proof says is dereferenced: C would too
        return f"&{'mut ' if mutable else ''}*{value(a, ctx, p.abi_type)}"
    n = next((j for j, q in enumerate(params) if q.name == p.len_param), None)
    if n is None:
        raise Unsupported("call", f"the slice parameter '{p.name}' has no length parameter")
    if side_effects(args[n]):
        raise Unsupported("call", f"the length of the slice argument '{p.name}' has side effects", a)
    ctx.unsafe = True
    ptr, length = value(a, ctx, p.abi_type), value(args[n], ctx, params[n].abi_type)
    empty = "&mut []" if mutable else "&[]"
    make = "core::slice::from_raw_parts_mut" if mutable else "core::slice::from_raw_parts"
    tmp = ctx.fresh("s")
    return (f"{{ let {tmp} = {ptr}; if {tmp}.is_null() || ({length} as i128) <= 0 {{ {empty} }} "
            f"else {{ {make}({tmp}, {length} as usize) }} }}")


def _local_address(args: list[ci.Cursor], i: int, p: RustParam, ctx: FnCtx) -> str | None:
    """`&x` of a local object of the callee's pointee type as `&mut x` (safe), when no other argument
    mentions `x` (Rust would refuse to read it while it is mutably borrowed); else None."""
    s = strip(args[i])
    if s.kind != K.UNARY_OPERATOR or unop(s) != "&":
        return None
    x = only_child(s)
    mutable = p.conv == "mut_ref"
    if not is_local_place(x) or bt.rust_type(x.type) != p.rust_type.removeprefix("&mut ").removeprefix("&"):
        return None
    names = {t.spelling for t in x.get_tokens() if t.kind == ci.TokenKind.IDENTIFIER}
    if any(names & {t.spelling for t in a.get_tokens()} for j, a in enumerate(args) if j != i):
        return None
    return f"&{'mut ' if mutable else ''}{place(x, ctx)}"


def is_upgraded(p: RustParam) -> bool:
    """The parameter crosses the Rust interface as a reference or slice."""
    return p.conv in ("ref", "mut_ref", "slice", "slice_mut") and not bt.is_ptr(p.rust_type)
