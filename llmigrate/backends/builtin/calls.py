"""Calls: SRC functions by their Rust path, libc through crate::shared, function pointers, GCC builtins."""

from __future__ import annotations

import re

import clang.cindex as ci

from llmigrate.backends.builtin import bytecalls, bytecursors, cstrs, elements
from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.borrows import entry_guarded, held_apart, unaligned_slice
from llmigrate.backends.builtin.callargs import arguments
from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import E, coerce, literal, paren, unparen
from llmigrate.backends.builtin.cursors import ty
from llmigrate.backends.builtin.dispatch import EXPRS, expr, register, value
from llmigrate.backends.builtin.implicit import implicit_declaration, unconverted
from llmigrate.backends.builtin.items_collect import LIBC_BUILTINS
from llmigrate.backends.builtin.items_inline import in_rust
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.backends.builtin.unsafety import narrowed, own_block
from llmigrate.backends.builtin.varargs import VA_COPY, VA_END, VA_START, va_builtin
from llmigrate.core import RustSignature
from llmigrate.signatures.hdrinline import helper
from llmigrate.signatures.libc import PURE_RULE, PURE_WHY, SCALAR_EXTERNS, SCALAR_RULE, SCALAR_WHY
from llmigrate.signatures.mapper import rust_ident

K = ci.CursorKind
TK = ci.TypeKind
_FN = (TK.FUNCTIONPROTO, TK.FUNCTIONNOPROTO)

# GCC bit builtins: name -> (operand Rust type, method)
_BITS = {}
for _suffix, _t in (("", "u32"), ("l", "u64"), ("ll", "u64")):
    _BITS[f"__builtin_clz{_suffix}"] = (_t, "leading_zeros")
    _BITS[f"__builtin_ctz{_suffix}"] = (_t, "trailing_zeros")
    _BITS[f"__builtin_popcount{_suffix}"] = (_t, "count_ones")
    _BITS[f"__builtin_parity{_suffix}"] = (_t, "count_ones")
_NONLOCAL = {"setjmp", "_setjmp", "__sigsetjmp", "sigsetjmp", "longjmp", "_longjmp", "siglongjmp"}
_FFS = {"__builtin_ffs": "u32", "__builtin_ffsl": "u64", "__builtin_ffsll": "u64"}
_FENCES = {"_mm_sfence", "_mm_lfence", "_mm_mfence", "_mm_pause"}  # same names in core::arch::x86_64
_SPECIAL_FLOATS = {f"__builtin_{n}{s}": v for n, v in (("inf", "INFINITY"), ("huge_val", "INFINITY"))
                   for s in ("", "f")}
_MEM = {"__builtin_memcpy", "__builtin_memmove", "__builtin_memset"}
_BSWAP = {"__builtin_bswap16": "u16", "__builtin_bswap32": "u32", "__builtin_bswap64": "u64"}


def callee_decl(callee: ci.Cursor) -> ci.Cursor | None:
    """The FUNCTION_DECL a call names directly (through decay and parentheses), else None."""
    s = callee
    while s.kind in (K.UNEXPOSED_EXPR, K.PAREN_EXPR):
        ch = [k for k in kids(s) if k.kind in EXPR_KINDS]
        if len(ch) != 1:
            return None
        s = ch[0]
    if s.kind == K.DECL_REF_EXPR and s.referenced is not None and s.referenced.kind == K.FUNCTION_DECL:
        return s.referenced
    return None


def call(c: ci.Cursor, ctx: FnCtx) -> E:
    """A C call expression."""
    ch = list(kids(c))
    callee, args = ch[0], list(c.get_arguments())
    if c.type.kind == TK.DEPENDENT and not args:  # clang's own builtins, which GCC's headers declare
        fence = next((k.spelling for k in callee.walk_preorder() if k.kind == K.DECL_REF_EXPR), "")
        if fence in _FENCES:
            ctx.unsafe = True
            return E(f"core::arch::x86_64::{fence}()", "()")
    t = ty(c)
    decl = callee_decl(callee)
    if decl is None:
        return _indirect(callee, args, t, ctx)
    name = decl.spelling
    if name in _NONLOCAL:
        raise Unsupported("setjmp/longjmp", f"'{name}': non-local jumps have no faithful Rust translation", c)
    if name.startswith("__builtin_") or name.startswith("__sync_") or name.startswith("__atomic_"):
        return _builtin(c, name, args, t, ctx)
    if decl.extent.start.line == 0:  # implicitly declared at this call (C89): C guesses `int name()`
        guess = f"C89 assumes `int {name}()` here, which need not be what the function is"
        raise Unsupported(f"`{name}` is not declared", guess, c)
    fid = ctx.function_id(name)
    if fid is not None:
        sig = ctx.signature(fid)
        if sig.variadic:
            return _variadic_src_call(sig, args, t, ctx, c)
        if len(sig.params) != len(args):
            raise Unsupported("call", f"'{name}' takes {len(sig.params)} arguments, {len(args)} given", c)
        return _src_call(sig, args, t, ctx)
    ftype = decl.type.get_canonical()
    if implicit_declaration(decl):
        unconverted(name, args, ftype)
    if name == "strlen" and (length := cstrs.strlen(args, t, ctx)) is not None:
        return length
    if (compared := bytecalls.compare(name, args, t, ctx) or bytecursors.read(args, c, t, ctx)) is not None:
        return compared
    if (unsafe := in_rust(name)) is not None and _header_static(decl):  # a fn of shared.rs (inline_rust)
        if (proven := helper(name, ctx.codebase)) is not None and not unsafe:  # called as SRC's are
            return _src_call(proven.sig, args, t, ctx)
        if unsafe:
            ctx.unsafe = True
        return E(f"crate::shared::{rust_ident(name)}({_args(args, ftype, ctx, c)})", t)
    if _header_static(decl) and ctx.safe_fn and helper(name, ctx.codebase) is not None:
        raise Unsupported("call", f"'{name}': the signatures prove its pointers, but its Rust was not made "
                          "(shared.rs keeps the C wrapper): a safe fn would call it unchecked", c)
    return _library(name, args, ftype, t, ctx, c)


def _src_call(sig: RustSignature, args: list[ci.Cursor], t: str, ctx: FnCtx) -> E:
    """A call of a SRC function; with arguments bound to temporaries first (callargs.py), a block whose
    statements and call each have their own smallest `unsafe`, unless the lent elements need one too."""
    before = len(ctx.proofs)
    (setup, lent), lending = narrowed(ctx, lambda: elements.lend(args, sig.params, ctx))
    if entry_guarded(sig.params) and \
            not held_apart(args, sig.params, ctx, set(lent)) or \
            sig.exported and unaligned_slice(args, sig.params, ctx):
        del ctx.proofs[before:]
        ctx.unsafe |= sig.unsafe or lending
        return _checked_entry(sig, args, t, ctx)
    a = arguments(args, sig.params, lent, ctx)  # references made from raw ones last
    call = f"{sig.path}({a.code})"
    if a.lets and not lending:
        made = f"{{ {setup}{a.lets}{own_block(ctx, call, sig.unsafe or a.unsafe)} }}"
    else:
        ctx.unsafe |= sig.unsafe or lending or a.unsafe
        made = f"{{ {setup}{a.lets}{call} }}" if setup or a.lets else call
    return E(coerce(E(made, sig.ret), t), t)


def _library(name: str, args: list[ci.Cursor], ftype: ci.Type, t: str, ctx: FnCtx, c: ci.Cursor) -> E:
    """A call of a C library function through shared.rs's extern block: `unsafe` unless shared.rs declares it
    a `safe fn` (rule pure-libm); `fabs` as `f64::abs`, the same sign-bit clear, NaN included."""
    if f"crate::shared::{name}" not in ctx.immutable:
        ctx.unsafe = True
        cstrs.checked(name, ctx)
        if ctx.safe_fn and name in SCALAR_EXTERNS:  # signatures/soundness.py let the fn be safe for it
            ctx.proofs.append(f"rule {SCALAR_RULE}: `{name}` {SCALAR_WHY}")
        return E(f"crate::shared::{name}({_args(args, ftype, ctx, c)})", t)
    if name in ("fabs", "fabsf") and len(args) == 1:
        return E(f"{paren(value(args[0], ctx, 'f64' if name == 'fabs' else 'f32'))}.abs()", t)
    ctx.proofs.append(f"rule {PURE_RULE}: `{name}` {PURE_WHY}")
    return E(f"crate::shared::{name}({_args(args, ftype, ctx, c)})", t)


def _header_static(decl: ci.Cursor) -> bool:
    """A function SRC does not define whose definition has internal linkage: a header's `static inline`."""
    defn = decl.get_definition()
    return defn is not None and defn.linkage == ci.LinkageKind.INTERNAL


def _checked_entry(sig: RustSignature, args: list[ci.Cursor], t: str, ctx: FnCtx) -> E:
    """A call whose pointers the borrow checker cannot prove apart, or that passes a slice parameter a pointer
    not known aligned, goes through the callee's C ABI entry with the C values: it checks them for overlap
    and runs the C original when they do (reintegrate.overlap), and copies unaligned elements (.unaligned)."""
    ctx.unsafe = True
    code = ", ".join(unparen(value(a, ctx, p.abi_type)) for a, p in zip(args, sig.params, strict=True))
    return E(coerce(E(f"crate::ffi::{rust_ident(sig.c_name)}({code})", sig.abi_ret), t), t)


def _args(args: list[ci.Cursor], ftype: ci.Type, ctx: FnCtx, c: ci.Cursor) -> str:
    """Arguments converted to the prototype's parameter types; variadic extras keep their promoted type."""
    params = [bt.param_type(p) for p in ftype.argument_types()] if ftype.kind == TK.FUNCTIONPROTO else []
    if ftype.kind == TK.FUNCTIONNOPROTO and args:
        raise Unsupported("call", "calling a function declared without a prototype", c)
    out = []
    for i, a in enumerate(args):
        out.append(unparen(value(a, ctx, params[i])) if i < len(params) else _variadic_arg(a, ctx))
    return ", ".join(out)


def _variadic_src_call(sig: RustSignature, args: list[ci.Cursor], t: str, ctx: FnCtx, c: ci.Cursor) -> E:
    """A call of a variadic function of SRC: Rust cannot define one, so its C stays and the crate declares it
    with its C ABI (`reintegrate.crate.kept_in_c_item`); fixed arguments take their ABI types, the rest
    their promoted ones, as C passes them."""
    if len(args) < len(sig.params):
        raise Unsupported("call", f"'{sig.c_name}' takes at least {len(sig.params)} arguments", c)
    ctx.unsafe = True
    fixed = [unparen(value(a, ctx, p.abi_type)) for a, p in zip(args, sig.params, strict=False)]
    extra = [_variadic_arg(a, ctx) for a in args[len(sig.params):]]
    return E(coerce(E(f"{sig.path}({', '.join(fixed + extra)})", sig.abi_ret), t), t)


def _variadic_arg(a: ci.Cursor, ctx: FnCtx) -> str:
    e = expr(a, ctx)
    if bt.is_fnptr(e.ty) or not bt.is_scalar(e.ty):
        raise Unsupported("variadic call", f"passing a {e.ty} through '...'", a)
    return e.code


def _indirect(callee: ci.Cursor, args: list[ci.Cursor], t: str, ctx: FnCtx) -> E:
    f = expr(callee, ctx)
    if not bt.is_fnptr(f.ty):
        raise Unsupported("call", f"calling an expression of type {f.ty}", callee)
    ptr = callee.type.get_canonical()
    ftype = ptr.get_pointee() if ptr.kind == TK.POINTER else ptr
    ctx.unsafe = True
    return E(f"({paren(f.code)}.unwrap())({_args(args, ftype, ctx, callee)})", t)


def function_pointer(c: ci.Cursor, ctx: FnCtx) -> E:
    """A function designator as `Option<unsafe extern "C" fn>`: its C ABI entry in ffi.rs (for a static
    function, the adapter converting C's pointers as an exported function's entry does)."""
    decl = callee_decl(c) if c.kind != K.DECL_REF_EXPR else c.referenced
    if decl is None:
        e = expr(c, ctx)  # `*fp` decayed again: already a function pointer value
        if bt.is_fnptr(e.ty):
            return e
        raise Unsupported("function pointer", "taking the address of a computed function", c)
    t = bt.fn_pointer(decl.type.get_canonical())
    fid = ctx.function_id(decl.spelling)
    if fid is None:
        return E(f"Some(crate::shared::{decl.spelling} as {t[7:-1]})", t)
    sig = ctx.signature(fid)
    if sig.abi_path is None:  # analyze saw no use of the address (or the function has no Rust entry)
        raise Unsupported("function pointer", f"the address of `{decl.spelling}`, which has no C ABI entry",
                          c)
    return E(f"Some({sig.abi_path} as {t[7:-1]})", t)


def _builtin(c: ci.Cursor, name: str, args: list[ci.Cursor], t: str, ctx: FnCtx) -> E:
    v = evaluate(c)
    if isinstance(v, int) and (bt.is_int(t) or t == "bool") and not name.startswith(("__sync", "__atomic")):
        return E(literal(v, t), t)
    if name in (VA_START, VA_END, VA_COPY):
        return va_builtin(c, name, args, ctx)
    if name in ("__builtin_expect", "__builtin_expect_with_probability"):
        return E(value(args[0], ctx, t), t)
    if name in _BITS:
        operand_t, method = _BITS[name]
        x = paren(value(args[0], ctx, operand_t))
        code = f"({x}.{method}() as {t})"
        if "parity" in name:
            code = f"(({x}.count_ones() & 1) as {t})"
        return E(code, t)
    if name in _BSWAP:
        return E(f"{paren(value(args[0], ctx, _BSWAP[name]))}.swap_bytes()", t)
    if name == "__builtin_unreachable":
        ctx.unsafe = True
        return E("core::hint::unreachable_unchecked()", "()")
    if name in _SPECIAL_FLOATS and t in ("f32", "f64"):
        return E(f"{t}::{_SPECIAL_FLOATS[name]}", t)
    if name == "__builtin_prefetch":  # a hint, no effect on the values: only the address is evaluated
        return E(f"{{ let _ = {expr(args[0], ctx).code}; }}", "()")
    if name == "__builtin_trap":
        return E("std::process::abort()", "()")
    if name in _FFS:
        x = paren(value(args[0], ctx, _FFS[name]))
        return E(f"(if {x} == 0 {{ 0 }} else {{ {x}.trailing_zeros() as {t} + 1 }})", t)
    if name in ("__builtin_abs", "__builtin_labs", "__builtin_llabs"):
        return E(f"{paren(value(args[0], ctx, t))}.wrapping_abs()", t)
    if name in _MEM:
        return _mem(name, args, t, ctx)
    if name in ("__builtin_add_overflow", "__builtin_sub_overflow", "__builtin_mul_overflow"):
        return _overflow(c, name, args, ctx)
    if name.startswith(("__sync_", "__atomic_")):
        return _atomic(c, re.sub(r"_\d+$", "", name), args, t, ctx)  # clang names __sync_X_4 by size
    if name == "__builtin_constant_p":
        # GCC: 1 when the argument is known constant at compile time (an integer constant expression is),
        # 0 otherwise; the argument is never evaluated. Code using it must mean the same either way.
        return E(literal(int(evaluate(args[0]) is not None), t), t)
    if name.removeprefix("__builtin_") in LIBC_BUILTINS:  # the library function itself (GCC manual)
        ftype = callee_decl(list(kids(c))[0]).type.get_canonical()
        return _library(name.removeprefix("__builtin_"), args, ftype, t, ctx, c)
    raise Unsupported("builtin", f"'{name}' has no translation", c)


def _mem(name: str, args: list[ci.Cursor], t: str, ctx: FnCtx) -> E:
    """GCC's memcpy/memmove/memset builtins through core::ptr (no libc declaration needed)."""
    ctx.unsafe = True
    dst = value(args[0], ctx, "*mut core::ffi::c_void")
    n = value(args[2], ctx, "usize")
    d = ctx.fresh("dst")
    if name == "__builtin_memset":
        op = f"core::ptr::write_bytes({d} as *mut u8, {value(args[1], ctx, 'u8')}, {n})"
    else:
        copy = "copy_nonoverlapping" if name == "__builtin_memcpy" else "copy"
        src = value(args[1], ctx, "*const core::ffi::c_void")
        op = f"core::ptr::{copy}({src} as *const u8, {d} as *mut u8, {n})"
    return E(f"({{ let {d} = {dst}; {op}; {d} }})", "*mut core::ffi::c_void")


def _overflow(c: ci.Cursor, name: str, args: list[ci.Cursor], ctx: FnCtx) -> E:
    """`__builtin_{add,sub,mul}_overflow(a, b, &r)`: the exact result stored truncated into `*r`, and
    whether it did not fit; exact in i128 (only a 64x64 product can overflow that, which checked_mul sees)."""
    res = ty(args[2])
    if not bt.is_ptr(res) or not bt.is_int(bt.pointee(res)) or bt.int_bits(bt.pointee(res)) > 64:
        raise Unsupported("builtin", f"'{name}' into a {res}", c)
    target = bt.pointee(res)
    a, b = (value(x, ctx, "i128") for x in args[:2])
    ctx.unsafe = True
    op = name.split("_")[3]
    x, y, p = ctx.fresh("x"), ctx.fresh("y"), ctx.fresh("res")
    code = " ".join([
        f"({{ let ({x}, {y}) = ({a}, {b}); let {p} = {value(args[2], ctx, res)};",
        f"*{p} = {x}.wrapping_{op}({y}) as {target};",
        f"match {x}.checked_{op}({y}) {{",
        f"Some(v) => v < {target}::MIN as i128 || v > {target}::MAX as i128, None => true }} }})"])
    return E(code, "bool")


_ATOMIC_OPS = {"add": ("fetch_add", "wrapping_add"), "sub": ("fetch_sub", "wrapping_sub"),
               "or": ("fetch_or", "|"), "and": ("fetch_and", "&"), "xor": ("fetch_xor", "^")}
_SEQ = "core::sync::atomic::Ordering::SeqCst"


def _atomic(c: ci.Cursor, name: str, args: list[ci.Cursor], t: str, ctx: FnCtx) -> E:
    """GCC's __sync_* and __atomic_* builtins on integers, through core::sync::atomic (every memory order
    becomes SeqCst, which is at least as strong as what C asked for)."""
    if name == "__sync_synchronize" or name in ("__atomic_thread_fence", "__atomic_signal_fence"):
        return E(f"core::sync::atomic::fence({_SEQ})", "()")
    ptr = ty(args[0]) if args else ""
    elem = bt.pointee(ptr) if bt.is_ptr(ptr) else ""
    if not bt.is_int(elem) or bt.int_bits(elem) > 64:
        raise Unsupported("builtin", f"'{name}' on a {ptr or 'value'} (only integer atomics)", c)
    ctx.unsafe = True
    cell = f"core::sync::atomic::Atomic{elem.capitalize()}::from_ptr({value(args[0], ctx, '*mut ' + elem)})"
    parts = name.removeprefix("__sync_").removeprefix("__atomic_").split("_")

    def arg(i: int) -> str:
        return value(args[i], ctx, elem)

    if parts[0] in ("load", "store") or parts[:2] in (["exchange", "n"], ["lock", "test"]):
        if parts[0] == "load":
            return E(f"{cell}.load({_SEQ})", elem)
        if parts[0] == "store":
            return E(f"{cell}.store({arg(1)}, {_SEQ})", "()")
        return E(f"{cell}.swap({arg(1)}, {_SEQ})", elem)
    if parts[0] == "fetch":  # __sync_fetch_and_OP / __atomic_fetch_OP: the old value
        op = parts[2] if len(parts) == 3 else parts[1]
        if op in _ATOMIC_OPS:
            return E(f"{cell}.{_ATOMIC_OPS[op][0]}({arg(1)}, {_SEQ})", elem)
    if parts[0] in _ATOMIC_OPS and parts[-1] == "fetch":  # __sync_OP_and_fetch / __atomic_OP_fetch: new
        method, combine = _ATOMIC_OPS[parts[0]]
        v = ctx.fresh("v")
        new = f"old.{combine}({v})" if combine.startswith("wrapping") else f"(old {combine} {v})"
        return E(f"({{ let {v} = {arg(1)}; let old = {cell}.{method}({v}, {_SEQ}); {new} }})", elem)
    if parts[0] in ("val", "bool") and "compare" in parts:
        cas = f"{cell}.compare_exchange({arg(1)}, {arg(2)}, {_SEQ}, {_SEQ})"
        if parts[0] == "bool":
            return E(f"{cas}.is_ok()", "bool")
        return E(f"(match {cas} {{ Ok(v) | Err(v) => v }})", elem)
    if parts[:3] == ["compare", "exchange", "n"]:
        exp = ctx.fresh("expected")
        return E(f"({{ let {exp} = {value(args[1], ctx, '*mut ' + elem)}; match {cell}.compare_exchange("
                 f"*{exp}, {arg(2)}, {_SEQ}, {_SEQ}) {{ Ok(_) => true, Err(cur) => {{ *{exp} = cur; false }} "
                 "} })", "bool")
    raise Unsupported("builtin", f"'{name}' has no translation", c)


def atomic_expr(c: ci.Cursor, ch: list[ci.Cursor], ctx: FnCtx) -> E | None:
    """An `__atomic_*` builtin, which clang keeps as an AtomicExpr (children: pointer, order, value,
    failure order, desired, weak), or None when `c` is not one."""
    tokens = [tok.spelling for tok in c.get_tokens()][:1]
    if not tokens or not tokens[0].startswith("__atomic_"):
        return None
    name = tokens[0]
    if len(ch) >= 5:  # compare_exchange(_n): pointer, expected, desired
        args = [ch[0], ch[2], ch[4]]
    else:
        args = [ch[0], *ch[2:3]]
    return _atomic(c, name, args, ty(c), ctx)


register(EXPRS, {K.CALL_EXPR: call})
