"""Locals of rule library-result (signatures/libresults.py): `char **x = backtrace_symbols(a, n);`, read only
as `x[i]`, is the slice the library's contract describes. Its declaration tests the result for NULL (a
panic where the C would read through NULL) and makes `&[*mut c_char]` of the count argument's length (0
when it is negative); each `x[i]` is a bounds-checked read of that slice."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import coerce, unparen
from llmigrate.backends.builtin.cursors import strip
from llmigrate.backends.builtin.dispatch import expr
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.signatures import libfns, libresults
from llmigrate.signatures.aliases import typed
from llmigrate.signatures.expand import expanded_parsed
from llmigrate.signatures.proof import parsed_body

K = ci.CursorKind
TK = ci.TypeKind


def watch(fn_name: str, ctx: FnCtx) -> None:
    """Notes the locals of rule library-result of the C function `fn_name` (none when it is not SRC's)."""
    fid = ctx.function_id(fn_name)
    if fid is not None:
        # the body as the soundness scan reads it (its `void *` views typed, SRC's macros expanded where it
        # does not parse as written), so that both see the same locals
        fn = typed(ctx.codebase.functions[fid], ctx.codebase)
        body = parsed_body(fn)[0] or expanded_parsed(fn, ctx.codebase)[0]
        ctx.library = set(libresults.counted(body, {p.name for p in fn.params if p.name}))


def declare(d: ci.Cursor, init: ci.Cursor | None, ctx: FnCtx) -> list[str] | None:
    """The slice a local of rule library-result is, or None for any other declaration."""
    if d.spelling not in ctx.library:
        return None
    call = strip(init) if init is not None else None
    spec = libfns.TABLE.get(call.spelling) if call is not None and call.kind == K.CALL_EXPR else None
    args = list(call.get_arguments()) if spec is not None else []
    if spec is None or spec.elements is None or len(args) != spec.arity or \
            d.type.get_canonical().kind != TK.POINTER:
        # the scan let the function be safe for this slice: a raw pointer in its place would be unchecked
        raise Unsupported("library result", f"'{d.spelling}' is initialised by no call clang shows as the "
                          "library's", d)
    element = bt.rust_type(d.type.get_pointee())
    result, count = expr(init, ctx).code, expr(args[spec.elements], ctx).code
    ctx.unsafe = True
    ctx.proofs.append(f"rule {libresults.RULE}: what `{call.spelling}` returns {libresults.WHY}")
    ctx.library_decls.add(d.hash)
    name = ctx.local(d)
    return [f"let {name}: &[{element}] = core::slice::from_raw_parts(core::ptr::NonNull::new({result})"
            f'.expect("`{call.spelling}` returned NULL").as_ptr(), usize::try_from({unparen(count)})'
            ".unwrap_or(0));"]


def not_hoisted(d: ci.Cursor, ctx: FnCtx) -> None:
    """Refuses to declare such a local ahead of a switch or goto body: its slice is made where C's
    initialiser runs, and the scan let the function be safe for that (a raw pointer would be unchecked)."""
    if d.spelling in ctx.library:
        raise Unsupported("library result", f"'{d.spelling}' declared in a block a jump enters: its slice "
                          "would be made ahead of the call", d)


def sliced(base: ci.Cursor, ctx: FnCtx) -> ci.Cursor | None:
    """The declaration of the local of rule library-result `base` names, or None."""
    s = strip(base)
    while s.kind == K.UNEXPOSED_EXPR and [k for k in kids(s) if k.kind in EXPR_KINDS]:
        s = strip([k for k in kids(s) if k.kind in EXPR_KINDS][0])
    ref = s.referenced if s.kind == K.DECL_REF_EXPR else None
    return ref if ref is not None and ref.hash in ctx.library_decls else None


def element(base: ci.Cursor, index: ci.Cursor, ctx: FnCtx) -> str | None:
    """`x[i]` of such a local: its slice indexed (a panic past the end, where the C is undefined)."""
    ref = sliced(base, ctx)
    return None if ref is None else f"{ctx.local(ref)}[{unparen(coerce(expr(index, ctx), 'usize'))}]"
