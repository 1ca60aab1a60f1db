"""C expressions as Rust expressions: dispatch, variables, literals, conversions, member and index access.

Every function returns an `E` (code, Rust type). Operators live in ops.py, calls in calls.py,
initialisers in inits.py. Implicit conversions come from clang as UNEXPOSED_EXPR nodes whose type
differs from their operand's.
"""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.builtin import types as bt
from llmigrate.builtin.cfront import EXPR_KINDS, kids
from llmigrate.builtin.context import FnCtx
from llmigrate.builtin.convert import E, coerce, falsity, literal, needs_unsafe, paren, truth
from llmigrate.builtin.items_values import evaluate, float_literal
from llmigrate.builtin.types import Unsupported
from llmigrate.signatures import VOID, rust_ident

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
    from llmigrate.builtin import ops

    if k in ops.HANDLERS:
        return ops.HANDLERS[k](c, ctx)
    if k == K.CALL_EXPR:
        from llmigrate.builtin.calls import call

        return call(c, ctx)
    if k in (K.INIT_LIST_EXPR, K.COMPOUND_LITERAL_EXPR):
        from llmigrate.builtin.inits import initializer

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
    from llmigrate.builtin import ops

    inner = strip(c)
    if inner.kind == K.BINARY_OPERATOR:
        test = ops.test(inner, ctx)
        if test is not None:
            return test
    if inner.kind == K.UNARY_OPERATOR:
        from llmigrate.builtin.cfront import unop

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
        if c.kind == K.PAREN_EXPR:
            c = _only_child(c)
        elif c.kind == K.UNEXPOSED_EXPR and _is_cast(c) and _only_child(c).type.get_canonical() == \
                c.type.get_canonical():
            c = _only_child(c)
        else:
            return c


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
    from llmigrate.builtin.inits import string_array

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
        from llmigrate.builtin.stmts import static_local

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
            from llmigrate.builtin.calls import atomic_expr

            atomic = atomic_expr(c, ch, ctx)
            if atomic is not None:
                return atomic
        if not ch and c.type.kind != TK.INVALID:
            from llmigrate.builtin.inits import zero

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
    if src.kind in (TK.CONSTANTARRAY, TK.INCOMPLETEARRAY):
        return _decayed(operand, to_type, ctx)
    if src.kind in (TK.FUNCTIONPROTO, TK.FUNCTIONNOPROTO):
        from llmigrate.builtin.calls import function_pointer

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
        from llmigrate.builtin.inits import string_pointer

        return E(string_pointer(strip(operand), t), t)
    return E(coerce(E(decay(operand, ctx), _elem_ptr(operand)), t), t)


def _elem_ptr(array: ci.Cursor) -> str:
    elem = bt.rust_type(array.type.get_canonical().element_type)
    return f"*mut {VOID if elem == '()' else elem}"


def decay(array: ci.Cursor, ctx: FnCtx) -> str:
    """A pointer to the first element of an array lvalue."""
    p = place(array, ctx)
    elem = _elem_ptr(array)
    if _is_local_place(array):
        return f"{paren(p)}.as_mut_ptr()"
    return f"(core::ptr::addr_of_mut!({p}) as {elem})"


def _is_local_place(c: ci.Cursor) -> bool:
    """True for a local array variable or a field path rooted in one (no pointer or static involved)."""
    s = strip(c)
    if s.kind == K.DECL_REF_EXPR:
        d = s.referenced
        return d is not None and d.kind == K.VAR_DECL and d.semantic_parent is not None and \
            d.semantic_parent.kind == K.FUNCTION_DECL and d.storage_class not in (ci.StorageClass.STATIC,
                                                                                    ci.StorageClass.EXTERN)
    if s.kind == K.MEMBER_REF_EXPR:
        base = list(kids(s))[0]
        return base.type.get_canonical().kind != TK.POINTER and _is_local_place(base)
    return False


# ---------------------------------------------------------------- places


def place(c: ci.Cursor, ctx: FnCtx) -> str:
    """Translate an lvalue to a Rust place expression (assignable, addressable)."""
    s = c
    while s.kind == K.PAREN_EXPR:
        s = _only_child(s)
    if s.kind == K.DECL_REF_EXPR:
        return _decl_ref(s, ctx).code
    if s.kind == K.MEMBER_REF_EXPR:
        return member(s, ctx)
    if s.kind == K.ARRAY_SUBSCRIPT_EXPR:
        return subscript(s, ctx)
    if s.kind == K.UNARY_OPERATOR:
        from llmigrate.builtin.cfront import unop

        if unop(s) == "*":
            ctx.unsafe = True
            return f"(*{paren(expr(_only_child(s), ctx).code)})"
    if s.kind == K.COMPOUND_LITERAL_EXPR:
        raise Unsupported("compound literal", "used as an object (address taken, array decayed or assigned); "
                          "only its value is translated", s)
    raise Unsupported("lvalue", f"cannot assign to or take the address of a {s.kind.name.lower()}", s)


def member(c: ci.Cursor, ctx: FnCtx) -> str:
    """`s.f` / `p->f` as a Rust place, crossing anonymous members by their Rust field path."""
    base = [k for k in kids(c) if k.kind in EXPR_KINDS]
    field = c.referenced
    if not base or field is None or field.kind != K.FIELD_DECL:
        raise Unsupported("member access", f"'{c.spelling}' is not a plain struct/union field", c)
    if field.is_bitfield():
        raise Unsupported("bit-field", f"'{field.spelling}' used as an object (address taken)", c)
    b = base[0]
    path = ".".join(_field_path(field, b))
    if field.semantic_parent.kind == K.UNION_DECL:
        ctx.unsafe = True
    if b.type.get_canonical().kind == TK.POINTER:
        ctx.unsafe = True
        return f"(*{paren(expr(b, ctx).code)}).{path}"
    inner = strip(b)
    if inner.kind in (K.CALL_EXPR, K.StmtExpr, K.CONDITIONAL_OPERATOR) or not _is_lvalue(inner):
        return f"{paren(expr(b, ctx).code)}.{path}"
    return f"{paren(place(b, ctx))}.{path}"


def _field_path(field: ci.Cursor, base: ci.Cursor) -> list[str]:
    """Rust fields from the base's record down to `field`, through anonymous members. libclang shows some
    of the implicit accesses clang builds for anonymous members and hides others, so the path starts at
    whatever record the base expression has."""
    from llmigrate.builtin.items_names import RECORD_KINDS, field_name, is_anonymous_member

    t = base.type.get_canonical()
    if t.kind == TK.POINTER:
        t = t.get_pointee().get_canonical()
    target = t.get_declaration()
    path: list[str] = []
    cur = field
    while True:
        parent = cur.semantic_parent
        fields = list(parent.type.get_fields())
        path.insert(0, field_name(cur, next(i for i, f in enumerate(fields) if f == cur)))
        grand = parent.semantic_parent
        if parent == target or grand is None or grand.kind not in RECORD_KINDS:
            return path
        holder = next((f for f in grand.type.get_fields()
                       if f.type.get_canonical().get_declaration() == parent), None)
        if holder is None or not is_anonymous_member(holder):
            return path
        cur = holder


def _is_lvalue(c: ci.Cursor) -> bool:
    return c.kind in (K.DECL_REF_EXPR, K.MEMBER_REF_EXPR, K.ARRAY_SUBSCRIPT_EXPR, K.UNARY_OPERATOR,
                      K.PAREN_EXPR)


def bitfield(c: ci.Cursor, ctx: FnCtx, stable: bool = False) -> tuple[str, str, str] | None:
    """For a bit-field member access: (setup, owner place, accessor name); items.py gives records with
    bit-fields `name()` / `set_name(v)` accessors. None for anything else."""
    s = strip(c)
    if s.kind != K.MEMBER_REF_EXPR or s.referenced is None or s.referenced.kind != K.FIELD_DECL \
            or not s.referenced.is_bitfield():
        return None
    from llmigrate.builtin.items_names import is_anonymous_member

    if is_anonymous_member(s.referenced.semantic_parent) or not s.referenced.spelling:
        raise Unsupported("bit-field", "a bit-field inside an anonymous member or unnamed", s)
    b = [k for k in kids(s) if k.kind in EXPR_KINDS][0]
    if b.type.get_canonical().kind == TK.POINTER:
        ctx.unsafe = True
        owner = f"(*{paren(expr(b, ctx).code)})"
    else:
        owner = paren(place(b, ctx))
    setup = ""
    if stable and _has_effects(b):
        ctx.unsafe = True
        tmp = ctx.fresh("p")
        setup, owner = f"let {tmp} = core::ptr::addr_of_mut!({owner}); ", f"(*{tmp})"
    return setup, owner, rust_ident(s.referenced.spelling)


def _has_effects(c: ci.Cursor) -> bool:
    from llmigrate.builtin.ops import side_effects

    return side_effects(c)


def subscript(c: ci.Cursor, ctx: FnCtx) -> str:
    """`a[i]` as a Rust place: safe indexing of a local array, else `*p.offset(i)`."""
    base, index = [k for k in kids(c) if k.kind in EXPR_KINDS]
    if base.type.get_canonical().kind != TK.POINTER and index.type.get_canonical().kind == TK.POINTER:
        base, index = index, base  # C allows i[a]
    arr = strip(base)
    if arr.kind == K.UNEXPOSED_EXPR and _is_cast(arr):
        inner = list(kids(arr))[0]
        if inner.type.get_canonical().kind == TK.CONSTANTARRAY and _is_local_place(inner):
            i = expr(index, ctx)
            return f"{paren(place(inner, ctx))}[{coerce(i, 'usize')}]"
    ctx.unsafe = True
    p = expr(base, ctx)
    i = expr(index, ctx)
    return f"(*{paren(p.code)}.offset({coerce(i, 'isize')}))"


def _lvalue_expr(c: ci.Cursor, ctx: FnCtx) -> E:
    bf = bitfield(c, ctx)
    if bf is not None:
        return E(f"{bf[1]}.{bf[2]}()", ty(c))
    return E(place(c, ctx), ty(c))


def _stmt_expr(c: ci.Cursor, ctx: FnCtx) -> E:
    from llmigrate.builtin.stmts import statement_expression

    return statement_expression(c, ctx)


_HANDLERS = {
    K.INTEGER_LITERAL: _constant, K.CHARACTER_LITERAL: _constant, K.FLOATING_LITERAL: _constant,
    K.CXX_UNARY_EXPR: _constant, K.STRING_LITERAL: _string, K.PAREN_EXPR: _paren, K.DECL_REF_EXPR: _decl_ref,
    K.UNEXPOSED_EXPR: _implicit, K.CSTYLE_CAST_EXPR: _cast, K.MEMBER_REF_EXPR: _lvalue_expr,
    K.ARRAY_SUBSCRIPT_EXPR: _lvalue_expr, K.StmtExpr: _stmt_expr,
}
