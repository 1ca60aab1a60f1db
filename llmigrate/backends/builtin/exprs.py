"""C expressions as Rust expressions: variables, literals, parentheses and conversions (implicit and casts).

Every handler returns an `E` (code, Rust type). Operators live in ops.py, calls in calls.py, initialisers and
strings in inits.py, member and element accesses in places.py; each registers its kinds in dispatch.py.
Implicit conversions come from clang as UNEXPOSED_EXPR nodes whose type differs from their operand's.
"""

from __future__ import annotations

from pathlib import Path

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.borrows import as_pointer
from llmigrate.backends.builtin.calls import atomic_expr, function_pointer
from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import E, coerce, literal, needs_unsafe, truth
from llmigrate.backends.builtin.cursors import ARRAYS, array_param, is_null_constant, only_child, strip, ty
from llmigrate.backends.builtin.decls import static_local
from llmigrate.backends.builtin.dispatch import EFFECTS, EXPRS, PLACES, effect, expr, register, value
from llmigrate.backends.builtin.generic import selected
from llmigrate.backends.builtin.globals_atomic import load as atomic_load
from llmigrate.backends.builtin.inits import string_pointer, zero
from llmigrate.backends.builtin.items_values import evaluate, float_literal
from llmigrate.backends.builtin.places import decay, elem_ptr
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.backends.builtin.unsafety import static_read
from llmigrate.backends.builtin.varargs import is_va_list, va_arg
from llmigrate.signatures.mapper import rust_ident
from llmigrate.signatures.proof import STD_STREAMS

K = ci.CursorKind
TK = ci.TypeKind
_CONSTANT_KINDS = {K.INTEGER_LITERAL, K.CHARACTER_LITERAL, K.FLOATING_LITERAL, K.CXX_UNARY_EXPR}


# ---------------------------------------------------------------- leaves


def _constant(c: ci.Cursor, ctx: FnCtx) -> E:
    t = ty(c)
    v = evaluate(c)
    vla = _sized_vla(c, ctx) if v is None else None
    if vla is not None:
        return E(f"({vla}) as {t}", t)
    if v is None:
        raise Unsupported(c.kind.name.lower(),
                          "not a compile-time constant (sizeof of a variable-length array?)", c)
    if bt.is_float(t):
        lit = float_literal(float(v), t)
        return E(lit if "::" in lit else lit + t, t)
    if isinstance(v, float):
        raise Unsupported(c.kind.name.lower(), f"floating value for integer type {t}", c)
    return E(literal(int(v), t, _spelled_hex(c)), t)


def _sized_vla(c: ci.Cursor, ctx: FnCtx) -> str | None:
    """`sizeof v` / `sizeof(v)` of a variable-length array declared here: its byte size, else None."""
    if c.kind != K.CXX_UNARY_EXPR or next(iter(c.get_tokens()), None) is None \
            or next(iter(c.get_tokens())).spelling != "sizeof":
        return None
    operand = [k for k in kids(c) if k.kind in EXPR_KINDS]
    s = strip(operand[0]) if len(operand) == 1 else None
    if s is None or s.kind != K.DECL_REF_EXPR or s.referenced is None:
        return None
    return ctx.vla_bytes.get(s.referenced.hash)


def _spelled_hex(c: ci.Cursor) -> bool:
    """The literal is written in hexadecimal in the C (not through a macro)."""
    if c.kind != K.INTEGER_LITERAL:
        return False
    first = next(iter(c.get_tokens()), None)
    return first is not None and first.spelling.lower().startswith("0x")


def _paren(c: ci.Cursor, ctx: FnCtx) -> E:
    return expr(only_child(c), ctx)


def _generic(c: ci.Cursor, ctx: FnCtx) -> E:
    return expr(selected(c), ctx)


def _decl_ref(c: ci.Cursor, ctx: FnCtx) -> E:
    """A variable's value; a scalar `static mut` read in its own `unsafe` block (unsafety.py), an atomic
    global's loaded."""
    found = _reference(c, ctx)
    if found.code in ctx.atomics:
        return E(atomic_load(found.code, found.ty), found.ty)
    if ctx.unsafe_static is not None and bt.is_scalar(found.ty):
        ctx.unsafe = ctx.unsafe_static
        return E(static_read(ctx, found.code), found.ty)
    return found


def _reference(c: ci.Cursor, ctx: FnCtx) -> E:
    """A variable's Rust place; sets `ctx.unsafe_static` to the flag before it for a `static mut`."""
    ctx.unsafe_static, before = None, ctx.unsafe  # `variable` sets ctx.unsafe for a static
    d = c.referenced
    if d is None:
        raise Unsupported("identifier", f"'{c.spelling}' refers to nothing clang resolved", c)
    if d.kind == K.ENUM_CONSTANT_DECL:
        return E(literal(d.enum_value, ty(c)), ty(c))
    if d.kind in (K.VAR_DECL, K.PARM_DECL):
        key = d.hash
        if key in ctx.vlas:
            return E(ctx.local(d), ctx.vlas[key])
        if key in ctx.borrowed:  # a reference/slice parameter used as C's pointer (borrows.py has the rest)
            mine = bt.param_type(d.type)
            if key in ctx.handles:  # only ever passed to a function: None (NULL) panics, as no C test saw it
                pointee = ctx.borrowed[key][1].removeprefix("Option<&mut ").removesuffix(">")
                raw = f"core::ptr::from_mut::<{pointee}>({ctx.local(d)}.as_mut().unwrap())"
                return E(raw if mine == f"*mut {pointee}" else f"({raw} as {mine})", mine)
            return E(as_pointer(ctx.local(d), ctx.borrowed[key][1], mine, ctx.steps.get(key)), mine)
        found = ctx.vars.get(key)
        if found is None:
            code = variable(d, ctx)
            found = E(code, bt.param_type(d.type) if d.kind == K.PARM_DECL else ty(c))
            if (code.startswith("crate::") or key in ctx.statics) and code not in ctx.immutable \
                    and code not in ctx.atomics:
                found = E(found.code, found.ty), True
            else:
                found = found, False
            ctx.vars[key] = found
        # the signatures took it for an atomic (signatures/atomics.py): it is not; but C's standard streams
        # are read as the stream argument of a call signatures/cstr.py proved checked, in that call's block
        if found[1] and ctx.safe and d.spelling not in STD_STREAMS:
            raise Unsupported("static", f"'{d.spelling}' is a `static mut`, which the safe fn the signatures "
                              "made of this function cannot touch", c)
        if found[1]:
            ctx.unsafe_static, ctx.unsafe = before, True  # globals and statics are `static mut`
        return found[0]
    if d.kind == K.FUNCTION_DECL:
        raise Unsupported("function designator", f"'{d.spelling}' used other than called or decayed", c)
    raise Unsupported("identifier", f"'{c.spelling}' names a {d.kind.name.lower()}", c)


def variable(d: ci.Cursor, ctx: FnCtx) -> str:
    """The Rust place of a C variable: a local, a function's static, or a global in the shared module."""
    if d.kind == K.PARM_DECL:
        return ctx.local(d)
    if d.hash in ctx.statics:
        ctx.unsafe |= ctx.statics[d.hash] not in ctx.immutable and ctx.statics[d.hash] not in ctx.atomics
        return ctx.statics[d.hash]
    in_function = d.semantic_parent is not None and d.semantic_parent.kind == K.FUNCTION_DECL
    if in_function and d.storage_class not in (ci.StorageClass.STATIC, ci.StorageClass.EXTERN):
        return ctx.local(d)
    if in_function and d.storage_class == ci.StorageClass.STATIC:
        return static_local(d, ctx)
    path = f"crate::shared::{global_name(d, ctx)}"
    ctx.unsafe |= path not in ctx.immutable and path not in ctx.atomics  # a `static mut` or an extern one
    return path


def global_name(d: ci.Cursor, ctx: FnCtx) -> str:
    """The Rust name items.py gave a global: globals whose name several files define are
    `<module>__<name>`, keyed "file:name" in SharedTranslation.names."""
    names = ctx.shared_names
    defn = d.get_definition() or d
    if defn.location.file:
        d = defn
        try:
            rel = Path(d.location.file.name).resolve().relative_to(Path(ctx.codebase.root).resolve())
            rel = rel.as_posix()
        except ValueError:
            rel = d.location.file.name
        if f"{rel}:{d.spelling}" in names:
            return names[f"{rel}:{d.spelling}"]
    return names.get(d.spelling, rust_ident(d.spelling))


# ---------------------------------------------------------------- conversions


def _implicit(c: ci.Cursor, ctx: FnCtx) -> E:
    ch = list(kids(c))
    if c.type.get_canonical().kind in ARRAYS and array_param(c):
        return expr(ch[0], ctx)
    operands = [k for k in ch if k.kind in EXPR_KINDS]
    if len(operands) == 1 and _is_va_arg(c, operands[0]):  # `va_arg(ap, T)`, T's name a TYPE_REF child
        return va_arg(c, operands[0], ctx)
    if len(ch) == 4 and len(operands) == 4:  # GNU `a ?: b`, a evaluated once
        t = ty(c)
        common = expr(ch[0], ctx)
        tmp = ctx.fresh("t")
        other = value(ch[3], ctx, t)
        held = E(tmp, common.ty)
        code = f"({{ let {tmp} = {common.code}; if {truth(held)} {{ {coerce(held, t)} }} "
        code += f"else {{ {other} }} }})"
        return E(code, t)
    if not (len(ch) == 1 and ch[0].kind in EXPR_KINDS):
        if evaluate(c) is not None and bt.is_scalar(ty(c)):  # offsetof, __builtin_types_compatible_p, ...
            return _constant(c, ctx)
        if len(ch) >= 2:
            atomic = atomic_expr(c, ch, ctx)
            if atomic is not None:
                return atomic
        if not ch and c.type.kind != TK.INVALID and c.extent.start.line == 0:
            # an implicit value initialisation (an omitted member of a braced initializer): C's zero;
            # anything childless that C spells is not guessed at
            return E(zero(c.type, ctx), ty(c))
        raise Unsupported("expression", "an unexposed clang construct", c)
    return convert(ch[0], c.type, ctx)


def _is_va_arg(c: ci.Cursor, operand: ci.Cursor) -> bool:
    """clang shows `va_arg(ap, T)` as an unexposed node over the va_list, like a conversion of it to T: taken
    as one, it made the va_list's address the argument's value."""
    return is_va_list(operand.type) and not is_va_list(c.type)


def _cast(c: ci.Cursor, ctx: FnCtx) -> E:
    operand = [k for k in kids(c) if k.kind in EXPR_KINDS][-1]
    if c.type.get_canonical().kind == TK.VOID:
        e = expr(operand, ctx)
        return E(f"{{ let _ = {e.code}; }}", "()")
    return convert(operand, c.type, ctx)


def convert(operand: ci.Cursor, to_type: ci.Type, ctx: FnCtx) -> E:
    """The value of `operand` converted to clang type `to_type` (decays, null pointers, arithmetic)."""
    src = operand.type.get_canonical()
    if src.kind in ARRAYS and array_param(operand):
        return expr(operand, ctx)  # already a pointer (see array_param)
    if src.kind == TK.VARIABLEARRAY:
        e = expr(operand, ctx)  # a variable-length array is held as a pointer (decls._vla)
        t = bt.rust_type(to_type)
        return E(coerce(e, t), t)
    if src.kind in (TK.CONSTANTARRAY, TK.INCOMPLETEARRAY):
        return _decayed(operand, to_type, ctx)
    if src.kind in (TK.FUNCTIONPROTO, TK.FUNCTIONNOPROTO):
        t = bt.rust_type(to_type)
        e = function_pointer(operand, ctx)
        if needs_unsafe(e, t):
            ctx.unsafe = True
        return E(coerce(e, t), t)
    t = bt.rust_type(to_type)
    if t == "()":
        return E(f"{{ let _ = {expr(operand, ctx).code}; }}", "()")
    if (bt.is_ptr(t) or bt.is_fnptr(t)) and is_null_constant(operand):
        return E("None" if bt.is_fnptr(t) else _null(t), t)
    inner = strip(operand)
    if inner.kind in _CONSTANT_KINDS and (bt.is_int(t) or t == "bool"):
        v = evaluate(inner)
        if isinstance(v, int):
            return E(literal(v, t, _spelled_hex(inner)), t)
    e = expr(operand, ctx)
    if needs_unsafe(e, t):
        ctx.unsafe = True
    return E(coerce(e, t), t)


def _null(t: str) -> str:
    return f"core::ptr::null{'_mut' if t.startswith('*mut') else ''}::<{bt.pointee(t)}>()"


def _decayed(operand: ci.Cursor, to_type: ci.Type, ctx: FnCtx) -> E:
    t = bt.rust_type(to_type)
    if strip(operand).kind == K.STRING_LITERAL:
        return E(string_pointer(strip(operand), t), t)
    return E(coerce(E(decay(operand, ctx), elem_ptr(operand)), t), t)


def _variable_place(c: ci.Cursor, ctx: FnCtx) -> str:
    if c.referenced is not None and c.referenced.hash in ctx.vlas:
        raise Unsupported("variable-length array", f"'{c.spelling}' used as an object (address taken)", c)
    return _reference(c, ctx).code


def _void_cast_effect(c: ci.Cursor, ctx: FnCtx) -> str | None:
    if c.type.get_canonical().kind != TK.VOID:
        return None
    return effect([k for k in kids(c) if k.kind in EXPR_KINDS][-1], ctx)


register(EXPRS, {
    K.INTEGER_LITERAL: _constant, K.CHARACTER_LITERAL: _constant, K.FLOATING_LITERAL: _constant,
    K.CXX_UNARY_EXPR: _constant, K.PAREN_EXPR: _paren, K.DECL_REF_EXPR: _decl_ref,
    K.UNEXPOSED_EXPR: _implicit, K.CSTYLE_CAST_EXPR: _cast, K.GENERIC_SELECTION_EXPR: _generic,
})
register(PLACES, {K.DECL_REF_EXPR: _variable_place})  # place() takes a generic selection's choice (strip)
register(EFFECTS, {K.CSTYLE_CAST_EXPR: _void_cast_effect})
