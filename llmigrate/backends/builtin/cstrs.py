"""`&CStr` parameters (signatures_cstr) in the body: reads of their bytes, strlen, strcmp/strncmp compared
with 0, arguments for callees taking C strings, and the `// SAFETY:` of C library calls that rule proves
checked."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin.borrows import lent_proof, own_param, step_index
from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids, unop
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import E, coerce, unparen
from llmigrate.backends.builtin.cursors import is_null_constant, only_child, strip
from llmigrate.backends.builtin.dispatch import expr, value
from llmigrate.backends.builtin.inits import string_bytes
from llmigrate.backends.builtin.items_values import byte_string
from llmigrate.core import RustParam
from llmigrate.signatures import ctype, libfns
from llmigrate.signatures.cstr import ALLOC_WHY, ALLOCATORS, CALL_RULE, CALL_WHY, CSTR, is_checked

K = ci.CursorKind


def _own(c: ci.Cursor, ctx: FnCtx) -> tuple[str, str] | None:
    found = own_param(c, ctx)
    return found if found is not None and found[1] in CSTR else None


def _tail(c: ci.Cursor, name: str, ctx: FnCtx, place: bool = False) -> str:
    """The string (`&CStr`; the `CStr` place when `place`) from where C's pointer is: a walked one's tail
    from its offset (rule c-string-cursor; the NUL's own position gives the empty string, past it panics),
    else the whole."""
    at = step_index(c, ctx)
    return name if at is None else f"{name}[{at}..]" if place else f"&{name}[{at}..]"


def _offset(base: ci.Cursor, ctx: FnCtx) -> tuple[tuple[str, str], str | None] | None:
    """The `&CStr` parameter under `base` and the offset C's pointer is at: a walked one's offset local,
    or for `s++` (the operand of `*s++`) its value before the step, which follows the statement when
    dispatch.py postponed it and is made here otherwise."""
    s = strip(base)
    if s.kind == K.UNARY_OPERATOR and unop(s) == "post++" and (own := _own(only_child(s), ctx)) is not None:
        at = step_index(only_child(s), ctx)
        if at is None:
            return None
        return own, at if s.hash in ctx.postponed else f"{{ let i = {at}; {at} += 1; i }}"
    own = _own(base, ctx)
    return None if own is None else (own, step_index(base, ctx))


def _bytes(name: str, conv: str) -> str:
    """The string's bytes with its NUL (`Option`: None panics, where C's NULL read is undefined)."""
    return f"{name}{'.unwrap()' if conv == 'opt_cstr' else ''}.to_bytes_with_nul()"


def element(base: ci.Cursor, index: ci.Cursor | None, t: str, ctx: FnCtx) -> str | None:
    """`s[i]` (`*s` when `index` is None) of a `&CStr` parameter as a read of its bytes, bounds-checked: past
    the NUL it panics where C would read out of bounds. None for anything else."""
    found = _offset(base, ctx)
    if found is None:
        return None
    own, at = found
    i = "0" if index is None else unparen(coerce(expr(index, ctx), "usize"))
    i = i if at is None else at if i in ("0", "0usize") else f"{at} + {i}"
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
        name = _tail(a, name, ctx)
        if conv == "cstr":
            return f"Some({name})" if optional else name
        return name if optional else f"{name}.unwrap()"
    ctx.unsafe = True
    ctx.proofs.append(f"{p.name}: rule {p.proof}: the callee's C reads it as a NUL-terminated string"
                      if ctx.safe_fn else lent_proof(a, p, ctx, "a C string"))
    ptr = value(a, ctx, "*const i8")
    if optional:
        return f"{{ let s = {ptr}; if s.is_null() {{ None }} else {{ Some(core::ffi::CStr::from_ptr(s)) }} }}"
    return f"core::ffi::CStr::from_ptr({ptr})"


def strlen(args: list[ci.Cursor], t: str, ctx: FnCtx) -> E | None:
    """`strlen(s)` of a `&CStr` parameter: its length, safe."""
    own = _own(args[0], ctx) if len(args) == 1 else None
    if own is None:
        return None
    name = _tail(args[0], own[0], ctx, place=True)
    return E(coerce(E(f"{name}{'.unwrap()' if own[1] == 'opt_cstr' else ''}.to_bytes().len()", "usize"), t),
             t)


def compared(c: ci.Cursor, op: str, ctx: FnCtx) -> str | None:
    """`strcmp(a, b) op 0` (or `strncmp(a, b, n)`) of `&CStr` parameters and literals as a comparison of
    their bytes, safe: both compare bytes as unsigned char up to the first difference or NUL (a prefix
    first), so Rust's lexicographic order of the bytes before the NUL gives the sign C's result has (its
    magnitude is the library's own, which a comparison with 0 never reads). None for any other call."""
    s = strip(c)
    name = s.spelling if s.kind == K.CALL_EXPR and s.referenced is not None and \
        s.referenced.kind == K.FUNCTION_DECL else ""
    args = list(s.get_arguments()) if name in ("strcmp", "strncmp") else []
    if len(args) != (2 if name == "strcmp" else 3) or ctx.function_id(name) is not None:
        return None
    sides = [_string_bytes(a, ctx) for a in args[:2]]
    if None in sides:
        return None
    if name == "strcmp":
        return f"({sides[0]} {op} {sides[1]})"
    n = unparen(coerce(expr(args[2], ctx), "usize"))
    order = ".cmp(".join(f"{b}.iter().take(n)" for b in sides)
    return f"({{ let n = {n}; {order}) }} {op} core::cmp::Ordering::Equal)"


def _string_bytes(a: ci.Cursor, ctx: FnCtx) -> str | None:
    """The bytes before the NUL of a string literal (without a NUL inside) or a `&CStr` parameter."""
    s = strip(a)
    while s.kind == K.UNEXPOSED_EXPR and len(ch := [k for k in kids(s) if k.kind in EXPR_KINDS]) == 1:
        s = strip(ch[0])  # the decay of a literal array
    if s.kind == K.STRING_LITERAL and 0 not in (data := string_bytes(s)):
        return f'b"{byte_string(data)}".as_slice()'
    own = _own(a, ctx)
    if own is None:
        return None
    name = _tail(a, own[0], ctx, place=True)
    return f"{name}{'.unwrap()' if own[1] == 'opt_cstr' else ''}.to_bytes()"


def checked(name: str, ctx: FnCtx) -> None:
    """Records why a C library call in a safe fn is sound: signatures_soundness let the fn be safe only when
    signatures_cstr proved each such call checked."""
    if ctx.safe_fn and name in ctype.TESTS:
        ctx.proofs.append(f"rule {ctype.RULE}: `{name}` {ctype.WHY}")
    elif ctx.safe_fn and (why := libfns.why(name)) and libfns.TABLE[name].buffers:
        ctx.proofs.append(f"rule {libfns.BUFFER_RULE}: `{name}`: each buffer is a local of the caller's, of "
                          f"at least the extent it touches, or NULL where allowed; it {why}")
    elif ctx.safe_fn and (why := libfns.why(name)):
        ctx.proofs.append(f"rule {CALL_RULE}: `{name}`: its string arguments are literals or &CStr "
                          f"(NUL-terminated and readable), the rest scalars; it {why}")
    elif ctx.safe_fn and is_checked(name):
        ctx.proofs.append(f"rule {CALL_RULE}: `{name}`: {ALLOC_WHY}" if name in ALLOCATORS else
                          f"rule {CALL_RULE}: `{name}` {CALL_WHY}")
