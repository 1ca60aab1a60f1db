"""C expressions as Rust expressions: dispatch, variables, literals, conversions (places in places.py).

Every function returns an `E` (code, Rust type). Operators live in ops.py, calls in calls.py,
initialisers in inits.py. Implicit conversions come from clang as UNEXPOSED_EXPR nodes whose type
differs from their operand's.
"""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import E, coerce, falsity, literal, needs_unsafe, paren, truth
from llmigrate.backends.builtin.items_values import evaluate, float_literal
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.signatures.mapper import rust_ident

K = ci.CursorKind
TK = ci.TypeKind
_CONSTANT_KINDS = {K.INTEGER_LITERAL, K.CHARACTER_LITERAL, K.FLOATING_LITERAL, K.CXX_UNARY_EXPR}


_ARRAYS = (TK.CONSTANTARRAY, TK.INCOMPLETEARRAY, TK.VARIABLEARRAY)


def ty(c: ci.Cursor) -> str:
    """The Rust type of an expression cursor (arrays stay arrays; decay is an explicit conversion)."""
    if c.type.get_canonical().kind in _ARRAYS and array_param(c):
        return bt.param_type(c.type)
    return bt.rust_type(c.type)


def array_param(c: ci.Cursor) -> bool:
    """True for a use of a parameter declared as an array (`int a[]`): libclang keeps the array type, but
    C adjusted it to a pointer."""
    while c.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR):
        ch = list(kids(c))
        if len(ch) != 1 or ch[0].type.get_canonical() != c.type.get_canonical():
            return False
        c = ch[0]
    return c.kind == K.DECL_REF_EXPR and c.referenced is not None and c.referenced.kind == K.PARM_DECL


def expr(c: ci.Cursor, ctx: FnCtx) -> E:
    """Translate an expression to a Rust value expression."""
    k = c.kind
    handler = _HANDLERS.get(k)
    if handler is not None:
        return handler(c, ctx)
    from llmigrate.backends.builtin import ops

    if k in ops.HANDLERS:
        return ops.HANDLERS[k](c, ctx)
    if k == K.CALL_EXPR:
        from llmigrate.backends.builtin.calls import call

        return call(c, ctx)
    if k in (K.INIT_LIST_EXPR, K.COMPOUND_LITERAL_EXPR):
        from llmigrate.backends.builtin.inits import initializer

        t = ty(c)
        return E(initializer(c, c.type, t, ctx), t)
    raise Unsupported(_kind_name(c), "expression kind not supported by the builtin translator", c)


def _kind_name(c: ci.Cursor) -> str:
    return {K.ADDR_LABEL_EXPR: "computed goto (&&label)", K.GENERIC_SELECTION_EXPR: "_Generic",
            K.IMAGINARY_LITERAL: "complex number"}.get(c.kind, c.kind.name.lower())


def value(c: ci.Cursor, ctx: FnCtx, to: str) -> str:
    """`c` converted to Rust type `to` as a C assignment/argument conversion does."""
    if bt.is_fnptr(to) and _is_null_constant(c):
        return "None"
    e = expr(c, ctx)
    if needs_unsafe(e, to):
        ctx.unsafe = True
    return coerce(e, to)


def cond(c: ci.Cursor, ctx: FnCtx) -> str:
    """`c` as a Rust `bool` (for if/while/for/?: and the operands of ! && ||)."""
    from llmigrate.backends.builtin import ops

    inner = strip(c)
    if inner.kind == K.BINARY_OPERATOR:
        test = ops.test(inner, ctx)
        if test is not None:
            return test
    if inner.kind == K.UNARY_OPERATOR:
        from llmigrate.backends.builtin.cfront import unop

        if unop(inner) == "!":
            operand = _only_child(inner)
            s = strip(operand)
            if s.kind == K.BINARY_OPERATOR and ops.test(s, ctx) is not None or s.kind == K.UNARY_OPERATOR:
                return f"(!{paren(cond(operand, ctx))})"
            return falsity(expr(operand, ctx))
    return truth(expr(c, ctx))


def strip(c: ci.Cursor) -> ci.Cursor:
    """`c` without parentheses and no-op implicit conversions."""
    while True:
        if c.kind == K.PAREN_EXPR or c.kind == K.UNARY_OPERATOR and _extension(c):
            c = _only_child(c)
        elif c.kind == K.UNEXPOSED_EXPR and _is_cast(c) and same_type(_only_child(c).type, c.type):
            c = _only_child(c)
        else:
            return c


def _extension(c: ci.Cursor) -> bool:
    from llmigrate.backends.builtin.cfront import unop

    return unop(c) == "__extension__"


def same_type(a: ci.Type, b: ci.Type) -> bool:
    """Same C type; clang's uniqued type pointers settle most cases without a libclang call."""
    if a.kind == b.kind and a.data[0] == b.data[0] and a.data[1] == b.data[1]:
        return True
    return a.get_canonical() == b.get_canonical()


def _only_child(c: ci.Cursor) -> ci.Cursor:
    ch = [k for k in kids(c) if k.kind != K.TYPE_REF]
    if len(ch) != 1:
        raise Unsupported(c.kind.name.lower(), f"expected one operand, found {len(ch)}", c)
    return ch[0]


def _is_cast(c: ci.Cursor) -> bool:
    ch = list(kids(c))
    return len(ch) == 1 and ch[0].kind in EXPR_KINDS


def _is_null_constant(c: ci.Cursor) -> bool:
    s = c
    while s.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR, K.CSTYLE_CAST_EXPR):
        ch = [k for k in kids(s) if k.kind in EXPR_KINDS]
        if len(ch) != 1:
            return False
        s = ch[0]
    return s.kind == K.INTEGER_LITERAL and evaluate(s) == 0


# ---------------------------------------------------------------- leaves


def _constant(c: ci.Cursor, ctx: FnCtx) -> E:
    t = ty(c)
    v = evaluate(c)
    if v is None:
        raise Unsupported(_kind_name(c), "not a compile-time constant (sizeof of a variable-length array?)",
                          c)
    if bt.is_float(t):
        lit = float_literal(float(v), t)
        return E(lit if "::" in lit else lit + t, t)
    if isinstance(v, float):
        raise Unsupported(_kind_name(c), f"floating value for integer type {t}", c)
    return E(literal(int(v), t), t)


def _string(c: ci.Cursor, ctx: FnCtx) -> E:
    from llmigrate.backends.builtin.inits import string_array

    t = ty(c)
    return E(string_array(c, c.type, ctx), t)


def _paren(c: ci.Cursor, ctx: FnCtx) -> E:
    return expr(_only_child(c), ctx)


def _decl_ref(c: ci.Cursor, ctx: FnCtx) -> E:
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
            from llmigrate.backends.builtin.borrows import as_pointer

            mine = bt.param_type(d.type)
            return E(as_pointer(ctx.local(d), ctx.borrowed[key][1], mine), mine)
        found = ctx.vars.get(key)
        if found is None:
            code = variable(d, ctx)
            found = E(code, bt.param_type(d.type) if d.kind == K.PARM_DECL else ty(c))
            if code.startswith("crate::") or key in ctx.statics:
                found = E(found.code, found.ty), True
            else:
                found = found, False
            ctx.vars[key] = found
        if found[1]:
            ctx.unsafe = True  # globals and statics are `static mut`
        return found[0]
    if d.kind == K.FUNCTION_DECL:
        raise Unsupported("function designator", f"'{d.spelling}' used other than called or decayed", c)
    raise Unsupported("identifier", f"'{c.spelling}' names a {d.kind.name.lower()}", c)


def variable(d: ci.Cursor, ctx: FnCtx) -> str:
    """The Rust place of a C variable: a local, a function's static, or a global in the shared module."""
    if d.kind == K.PARM_DECL:
        return ctx.local(d)
    if d.hash in ctx.statics:
        ctx.unsafe = True
        return ctx.statics[d.hash]
    in_function = d.semantic_parent is not None and d.semantic_parent.kind == K.FUNCTION_DECL
    if in_function and d.storage_class not in (ci.StorageClass.STATIC, ci.StorageClass.EXTERN):
        return ctx.local(d)
    if in_function and d.storage_class == ci.StorageClass.STATIC:
        from llmigrate.backends.builtin.decls import static_local

        return static_local(d, ctx)
    ctx.unsafe = True
    return f"crate::shared::{global_name(d, ctx)}"


def global_name(d: ci.Cursor, ctx: FnCtx) -> str:
    """The Rust name items.py gave a global: globals whose name several files define are
    `<module>__<name>`, keyed "file:name" in SharedTranslation.names."""
    names = ctx.shared_names
    defn = d.get_definition() or d
    if defn.location.file:
        d = defn
        from pathlib import Path

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
    if c.type.get_canonical().kind in _ARRAYS and array_param(c):
        return expr(ch[0], ctx)
    if len(ch) == 4 and all(k.kind in EXPR_KINDS for k in ch):  # GNU `a ?: b`, a evaluated once
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
            from llmigrate.backends.builtin.calls import atomic_expr

            atomic = atomic_expr(c, ch, ctx)
            if atomic is not None:
                return atomic
        if not ch and c.type.kind != TK.INVALID:
            from llmigrate.backends.builtin.inits import zero

            return E(zero(c.type, ctx), ty(c))
        raise Unsupported("expression", "an unexposed clang construct", c)
    return convert(ch[0], c.type, ctx)


def _cast(c: ci.Cursor, ctx: FnCtx) -> E:
    operand = [k for k in kids(c) if k.kind in EXPR_KINDS][-1]
    if c.type.get_canonical().kind == TK.VOID:
        e = expr(operand, ctx)
        return E(f"{{ let _ = {e.code}; }}", "()")
    return convert(operand, c.type, ctx)


def convert(operand: ci.Cursor, to_type: ci.Type, ctx: FnCtx) -> E:
    """The value of `operand` converted to clang type `to_type` (decays, null pointers, arithmetic)."""
    src = operand.type.get_canonical()
    if src.kind in _ARRAYS and array_param(operand):
        return expr(operand, ctx)  # already a pointer (see array_param)
    if src.kind == TK.VARIABLEARRAY:
        e = expr(operand, ctx)  # a variable-length array is held as a pointer (decls._vla)
        t = bt.rust_type(to_type)
        return E(coerce(e, t), t)
    if src.kind in (TK.CONSTANTARRAY, TK.INCOMPLETEARRAY):
        return _decayed(operand, to_type, ctx)
    if src.kind in (TK.FUNCTIONPROTO, TK.FUNCTIONNOPROTO):
        from llmigrate.backends.builtin.calls import function_pointer

        t = bt.rust_type(to_type)
        e = function_pointer(operand, ctx)
        if needs_unsafe(e, t):
            ctx.unsafe = True
        return E(coerce(e, t), t)
    t = bt.rust_type(to_type)
    if t == "()":
        return E(f"{{ let _ = {expr(operand, ctx).code}; }}", "()")
    if (bt.is_ptr(t) or bt.is_fnptr(t)) and _is_null_constant(operand):
        return E("None" if bt.is_fnptr(t) else _null(t), t)
    inner = strip(operand)
    if inner.kind in _CONSTANT_KINDS and (bt.is_int(t) or t == "bool"):
        v = evaluate(inner)
        if isinstance(v, int):
            return E(literal(v, t), t)
    e = expr(operand, ctx)
    if needs_unsafe(e, t):
        ctx.unsafe = True
    return E(coerce(e, t), t)


def _null(t: str) -> str:
    return f"core::ptr::null{'_mut' if t.startswith('*mut') else ''}::<{bt.pointee(t)}>()"


def _decayed(operand: ci.Cursor, to_type: ci.Type, ctx: FnCtx) -> E:
    t = bt.rust_type(to_type)
    if strip(operand).kind == K.STRING_LITERAL:
        from llmigrate.backends.builtin.inits import string_pointer

        return E(string_pointer(strip(operand), t), t)
    from llmigrate.backends.builtin.places import _elem_ptr, decay

    return E(coerce(E(decay(operand, ctx), _elem_ptr(operand)), t), t)


def _lvalue(c: ci.Cursor, ctx: FnCtx) -> E:
    from llmigrate.backends.builtin.places import lvalue_expr

    return lvalue_expr(c, ctx)


def place(c: ci.Cursor, ctx: FnCtx) -> str:
    """Translate an lvalue to a Rust place expression (see places.py)."""
    from llmigrate.backends.builtin import places

    return places.place(c, ctx)


def _stmt_expr(c: ci.Cursor, ctx: FnCtx) -> E:
    from llmigrate.backends.builtin.stmts import statement_expression

    return statement_expression(c, ctx)


_HANDLERS = {
    K.INTEGER_LITERAL: _constant, K.CHARACTER_LITERAL: _constant, K.FLOATING_LITERAL: _constant,
    K.CXX_UNARY_EXPR: _constant, K.STRING_LITERAL: _string, K.PAREN_EXPR: _paren, K.DECL_REF_EXPR: _decl_ref,
    K.UNEXPOSED_EXPR: _implicit, K.CSTYLE_CAST_EXPR: _cast, K.MEMBER_REF_EXPR: _lvalue,
    K.ARRAY_SUBSCRIPT_EXPR: _lvalue, K.StmtExpr: _stmt_expr,
}
