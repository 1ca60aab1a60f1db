"""`va_start`, `va_arg`, `va_copy`, `va_end` in the Rust body of a variadic C function.

Rust (stable) cannot define a C-variadic function: the crate's C part keeps a shim with the C signature that
does `va_start` and passes the address of its `va_list` to the Rust body (`RustSignature.decl`), which keeps
it untouched. In the body, C's `va_start(ap, last)` copies that pristine list into `ap`, and every other
operation is a call of a C helper of the crate's C part (reintegrate's `llmigrate_va.c`) on the address of
a `va_list` object: C reads the arguments, never Rust, and nothing is guessed.
"""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import E
from llmigrate.backends.builtin.cursors import ty
from llmigrate.backends.builtin.dispatch import expr
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.core import VA_HELPER, VA_PARAM

VOID_P = "*mut core::ffi::c_void"
# the Rust type a va_arg reads -> its helper's suffix (the helpers read C's promoted types)
_ARG = {"i32": "i32", "u32": "u32", "i64": "i64", "u64": "u64", "f64": "f64"}
VA_START, VA_END, VA_COPY = "__builtin_va_start", "__builtin_va_end", "__builtin_va_copy"


def is_va_list(t: ci.Type) -> bool:
    return "__va_list" in t.get_canonical().spelling


def _address(c: ci.Cursor, ctx: FnCtx) -> str:
    """The address of the `va_list` object the C expression names (clang shows it decayed to a pointer)."""
    e = expr(c, ctx)
    if not bt.is_ptr(e.ty):
        raise Unsupported("va_list", f"a va_list held as {e.ty}, not as the address of one", c)
    return f"({e.code} as {VOID_P})"


def _helper(ctx: FnCtx, op: str, params: str, ret: str = "") -> str:
    """The Rust name of C helper `op` for this function, declared once next to it."""
    name = f"{ctx.fn_name.removeprefix('r#')}__va_{op}"
    head = f"    #[link_name = \"{VA_HELPER}{op}\"]\n    fn {name}("
    if not any(head in h for h in ctx.helpers):
        ctx.helpers.append(f"extern \"C\" {{\n{head}{params}){ret};\n}}")
    return name


def va_builtin(c: ci.Cursor, name: str, args: list[ci.Cursor], ctx: FnCtx) -> E:
    """`va_start(ap, last)`, `va_end(ap)`, `va_copy(dst, src)` (GCC's builtins they expand to)."""
    ctx.unsafe = True
    ap = _address(args[0], ctx)
    if name == VA_START:
        if VA_PARAM not in ctx.used:
            raise Unsupported("va_start", "outside a variadic function", c)
        return E(f"{_helper(ctx, 'copy', f'dst: {VOID_P}, src: {VOID_P}')}({ap}, {VA_PARAM})", "()")
    if name == VA_COPY:
        return E(f"{_helper(ctx, 'copy', f'dst: {VOID_P}, src: {VOID_P}')}({ap}, {_address(args[1], ctx)})",
                 "()")
    return E(f"{_helper(ctx, 'end', f'ap: {VOID_P}')}({ap})", "()")


def va_arg(c: ci.Cursor, operand: ci.Cursor, ctx: FnCtx) -> E:
    """`va_arg(ap, T)`: the next argument read by C as T (a promoted scalar or a data pointer)."""
    t = ty(c)
    if t in _ARG:
        op, ret = f"arg_{_ARG[t]}", t
    elif bt.is_ptr(t):
        op, ret = "arg_ptr", VOID_P
    else:
        raise Unsupported("va_arg", f"reading a {t} from '...' (C passes only promoted scalars and "
                          "pointers; a narrower type or an aggregate is not read here)", c)
    ctx.unsafe = True
    call = f"{_helper(ctx, op, f'ap: {VOID_P}', f' -> {ret}')}({_address(operand, ctx)})"
    return E(call if ret == t else f"({call} as {t})", t)
