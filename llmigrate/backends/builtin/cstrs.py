"""`&CStr` parameters (signatures_cstr) in the body: reads of their bytes, strlen, arguments for callees
taking C strings, and the `// SAFETY:` of C library calls that rule proves checked."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin.borrows import own_param
from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import E, coerce, unparen
from llmigrate.backends.builtin.cursors import is_null_constant, strip
from llmigrate.backends.builtin.dispatch import expr, value
from llmigrate.backends.builtin.inits import string_bytes
from llmigrate.backends.builtin.items_values import byte_string
from llmigrate.core import RustParam
from llmigrate.signatures.cstr import ALLOC_WHY, ALLOCATORS, CALL_RULE, CALL_WHY, CSTR, is_checked

K = ci.CursorKind


def _own(c: ci.Cursor, ctx: FnCtx) -> tuple[str, str] | None:
    found = own_param(c, ctx)
    return found if found is not None and found[1] in CSTR else None


def _bytes(name: str, conv: str) -> str:
    """The string's bytes with its NUL (`Option`: None panics, where C's NULL read is undefined)."""
    return f"{name}{'.unwrap()' if conv == 'opt_cstr' else ''}.to_bytes_with_nul()"


def element(base: ci.Cursor, index: ci.Cursor | None, t: str, ctx: FnCtx) -> str | None:
    """`s[i]` (`*s` when `index` is None) of a `&CStr` parameter as a read of its bytes, bounds-checked: past
    the NUL it panics where C would read out of bounds. None for anything else."""
    own = _own(base, ctx)
    if own is None:
        return None
    i = "0" if index is None else unparen(coerce(expr(index, ctx), "usize"))
    read = f"{_bytes(*own)}[{i}]"
    return read if t == "u8" else f"({read} as {t})"


def argument(a: ci.Cursor, p: RustParam, ctx: FnCtx) -> str:
    """The argument for a callee's `&CStr` / `Option<&CStr>` parameter: a literal as `c"..."`, a C string
    parameter passed on, NULL as None, else the C pointer made a `&CStr` (the caller is an unsafe fn then:
    signatures_soundness)."""
    s, optional = strip(a), p.conv == "opt_cstr"
    while s.kind == K.UNEXPOSED_EXPR and len(ch := [k for k in kids(s) if k.kind in EXPR_KINDS]) == 1:
        s = strip(ch[0])  # the decay of a literal array
    if s.kind == K.STRING_LITERAL and 0 not in (data := string_bytes(s)):
        lit = f'c"{byte_string(data)}"'
        return f"Some({lit})" if optional else lit
    if optional and is_null_constant(a):
        return "None"
    own = _own(a, ctx)
    if own is not None:
        name, conv = own
        if conv == "cstr":
            return f"Some({name})" if optional else name
        return name if optional else f"{name}.unwrap()"
    ctx.unsafe = True
    ctx.proofs.append(f"{p.name}: rule {p.proof}: the callee's C reads it as a NUL-terminated string")
    ptr = value(a, ctx, "*const i8")
    if optional:
        return f"{{ let s = {ptr}; if s.is_null() {{ None }} else {{ Some(core::ffi::CStr::from_ptr(s)) }} }}"
    return f"core::ffi::CStr::from_ptr({ptr})"


def strlen(args: list[ci.Cursor], t: str, ctx: FnCtx) -> E | None:
    """`strlen(s)` of a `&CStr` parameter: its length, safe."""
    own = _own(args[0], ctx) if len(args) == 1 else None
    if own is None:
        return None
    return E(coerce(E(f"{own[0]}{'.unwrap()' if own[1] == 'opt_cstr' else ''}.to_bytes().len()", "usize"), t),
             t)


def checked(name: str, ctx: FnCtx) -> None:
    """Records why a C library call in a safe fn is sound: signatures_soundness let the fn be safe only when
    signatures_cstr proved each such call checked."""
    if ctx.safe_fn and is_checked(name):
        ctx.proofs.append(f"rule {CALL_RULE}: `{name}`: {ALLOC_WHY}" if name in ALLOCATORS else
                          f"rule {CALL_RULE}: `{name}` {CALL_WHY}")
