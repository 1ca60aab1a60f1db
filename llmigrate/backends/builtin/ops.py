"""C operators: arithmetic with C's wrap-around, comparisons, logic, assignment, ++/--, ?:, comma, & and *.

Also what operators do as statements (`dispatch.effect`); comparisons and && || are in conditions.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import clang.cindex as ci

from llmigrate.backends.builtin import bytecursors
from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.borrows import step_index
from llmigrate.backends.builtin.calls import function_pointer
from llmigrate.backends.builtin.cfront import binop, unop
from llmigrate.backends.builtin.conditions import COMPARE, cond, negated, test
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import E, coerce, literal, paren, promote, unparen
from llmigrate.backends.builtin.cursors import only_child, operands, side_effects, strip, ty
from llmigrate.backends.builtin.defaults import null_default
from llmigrate.backends.builtin.dispatch import EFFECTS, EXPRS, effect, expr, place, register, value
from llmigrate.backends.builtin.globals_atomic import address as atomic_address
from llmigrate.backends.builtin.globals_atomic import atomic_place
from llmigrate.backends.builtin.globals_atomic import load as atomic_load
from llmigrate.backends.builtin.globals_atomic import step as atomic_step
from llmigrate.backends.builtin.globals_atomic import store as atomic_store
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.backends.builtin.places import addr_of, address_place, bitfield, unaligned, unread_members
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.backends.builtin.unsafety import narrowed, own_block, own_statement
from llmigrate.signatures.mapper import VOID

K = ci.CursorKind
TK = ci.TypeKind
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # a local: reading it twice has no effect
_METHOD = {"+": "wrapping_add", "-": "wrapping_sub", "*": "wrapping_mul", "/": "wrapping_div",
           "%": "wrapping_rem", "<<": "wrapping_shl", ">>": "wrapping_shr"}


def lvalue_type(c: ci.Cursor) -> str:
    """The Rust type of an lvalue as its place holds it (array parameters are pointers)."""
    s = strip(c)
    if s.kind == K.DECL_REF_EXPR and s.referenced is not None and s.referenced.kind == K.PARM_DECL:
        return bt.param_type(s.referenced.type)
    return ty(c)


# ---------------------------------------------------------------- arithmetic


def arith(op: str, a: E, b: E, t: str, c: ci.Cursor) -> str:
    """`a op b` in Rust type `t` (both operands already of type `t`, or u32 for a shift amount)."""
    if bt.is_float(t):
        if op not in "+-*/":
            raise Unsupported("operator", f"'{op}' on floating operands", c)
        return f"({paren(a.code)} {op} {paren(b.code)})"
    if op in ("&", "|", "^"):
        return f"({paren(a.code)} {op} {paren(b.code)})"
    if op in _METHOD:
        return f"{paren(a.code)}.{_METHOD[op]}({b.code})"
    raise Unsupported("operator", f"'{op}' on {t}", c)


def _pointer_arith(op: str, lhs: ci.Cursor, rhs: ci.Cursor, t: str, ctx: FnCtx) -> E:
    lp = lhs.type.get_canonical().kind == TK.POINTER
    rp = rhs.type.get_canonical().kind == TK.POINTER
    if lp and rp:
        size = _pointee_size(lhs)
        a, b = coerce(expr(lhs, ctx), "isize"), coerce(expr(rhs, ctx), "isize")
        diff = f"{paren(a)}.wrapping_sub({unparen(b)})"
        return E(coerce(E(diff if size == 1 else f"({diff} / {size})", "isize"), t), t)
    if rp:
        lhs, rhs = rhs, lhs
    count = expr(rhs, ctx)
    if count.ty == "usize":  # a size_t count steps as it is (clippy's ptr_offset_with_cast)
        return E(offset(expr(lhs, ctx), count.code, "wrapping_add" if op == "+" else "wrapping_sub"), t)
    n = coerce(count, "isize")
    if op == "-":
        n = f"{paren(n)}.wrapping_neg()"
    return E(offset(expr(lhs, ctx), n), t)


def offset(p: E, n: str, method: str = "wrapping_offset") -> str:
    """`p + n` elements (GNU: bytes for void pointers), without dereferencing; `n` an isize, or a usize
    for the `wrapping_add`/`wrapping_sub` methods."""
    if bt.pointee(p.ty) == VOID:
        return f"({paren(p.code)} as *mut u8).{method}({unparen(n)}) as {p.ty}"
    return f"{paren(p.code)}.{method}({unparen(n)})"


def _pointee_size(c: ci.Cursor) -> int:
    p = c.type.get_canonical().get_pointee()
    return 1 if p.kind == TK.VOID else max(p.get_size(), 1)


# ---------------------------------------------------------------- unary


def unary(c: ci.Cursor, ctx: FnCtx) -> E:
    op = unop(c)
    x = only_child(c)
    if op in ("post++", "post--", "pre++", "pre--"):
        return E(incdec(c, ctx, used=True), lvalue_type(x))
    if op == "*" and c.type.get_canonical().kind in (TK.FUNCTIONPROTO, TK.FUNCTIONNOPROTO):
        return expr(x, ctx)  # *fp names the function fp points to; only a call or decay can follow
    t = ty(c)
    if op == "&":
        return address_of(x, t, ctx)
    if op == "*":
        raw = unaligned(c, ctx)
        return E(place(c, ctx) if raw is None else f"{raw}.read_unaligned()", t)
    if op in ("-", "~") and bt.is_int(t):
        v = evaluate(c)
        if isinstance(v, int) and strip(x).kind == K.INTEGER_LITERAL:
            return E(literal(v, t), t)
    if op == "+":
        return E(coerce(expr(x, ctx), t), t)
    if op == "-":
        a = coerce(expr(x, ctx), t)
        return E(f"{paren(a)}.wrapping_neg()" if bt.is_int(t) else f"(-{paren(a)})", t)
    if op == "~":
        return E(f"(!{paren(coerce(expr(x, ctx), t))})", t)
    if op == "!":
        return E(f"({negated(x, ctx)} as {t})", t)
    if op == "__extension__":
        return expr(x, ctx)
    raise Unsupported("operator", f"unary '{op}'", c)


def address_of(x: ci.Cursor, t: str, ctx: FnCtx) -> E:
    """`&x` as a raw pointer of Rust type `t` (or a function pointer)."""
    s = strip(x)
    if s.type.get_canonical().kind in (TK.FUNCTIONPROTO, TK.FUNCTIONNOPROTO):
        return E(coerce(function_pointer(s, ctx), t), t)
    if s.kind == K.UNARY_OPERATOR and unop(s) == "*":
        return E(coerce(expr(only_child(s), ctx), t), t)
    if s.kind == K.ARRAY_SUBSCRIPT_EXPR:
        base, index = operands(s)
        if base.type.get_canonical().kind == TK.POINTER:
            p, i = expr(base, ctx), expr(index, ctx)
            step = offset(p, i.code, "wrapping_add") if i.ty == "usize" else offset(p, coerce(i, "isize"))
            return E(coerce(E(step, ty(base)), t), t)
    atomic = atomic_place(x, ctx)
    if atomic is not None:
        return E(coerce(E(atomic_address(*atomic), f"*mut {atomic[1]}"), t), t)
    p = address_place(x, ctx)
    held = f"*mut {lvalue_type(x)}"
    mac = addr_of(s.type)
    code = f"core::ptr::addr_of_mut!({p})" if mac.endswith("_mut!") else f"({mac}({p}) as {held})"
    return E(coerce(E(code, held), t), t)


# ---------------------------------------------------------------- binary


def binary(c: ci.Cursor, ctx: FnCtx) -> E:
    op = binop(c)
    lhs, rhs = operands(c)
    t = ty(c)
    if op == "=":
        return E(assign(c, ctx, used=True), lvalue_type(lhs))
    if op == ",":
        right = expr(rhs, ctx)
        return E(f"({{ {effect(lhs, ctx)} {right.code} }})", right.ty)
    if op in COMPARE or op in ("&&", "||"):
        return E(f"({test(c, ctx)} as {t})", t)
    if op in ("+", "-") and (bt.is_ptr(ty(lhs)) or bt.is_ptr(ty(rhs))):
        return _pointer_arith(op, lhs, rhs, t, ctx)
    a = E(coerce(expr(lhs, ctx), t), t)
    b_ty = "u32" if op in ("<<", ">>") else t
    b = E(coerce(expr(rhs, ctx), b_ty), b_ty)
    return E(arith(op, a, b, t, c), t)


# ---------------------------------------------------------------- assignment


def assign(c: ci.Cursor, ctx: FnCtx, used: bool) -> str:
    """`lhs = rhs` (as a statement, or as a block yielding the stored value when `used`)."""
    if not used and (default := null_default(c, ctx)) is not None:
        return default  # a borrowed parameter's NULL default (defaults.py)
    lhs, rhs = operands(c)
    lt = lvalue_type(lhs)
    if not used and (chained := strip(rhs)).kind == K.BINARY_OPERATOR and binop(chained) == "=":
        return _chain(lhs, chained, ctx)
    v = value(rhs, ctx, lt)
    ctx.unread |= unread_members(lhs)  # stored into, not read (a bit-field's accessor excepted)
    setup, read, write = _target(lhs, ctx, stable=False)
    if not used:
        return write(v) if not setup else f"{{ {setup}{write(v)} }}"
    tmp = ctx.fresh("v")
    # the value of an assignment is the stored value; a bit-field reads back its truncated bits
    result = read if read.endswith("()") else tmp
    return f"({{ {setup}let {tmp} = {v}; {write(tmp)} {result} }})"


def _chain(a: ci.Cursor, chained: ci.Cursor, ctx: FnCtx) -> str:
    """`a = b = e;` as the statements `let v = e; b = v; a = v;` (a bit-field `b` read back), each in its own
    smallest `unsafe` (unsafety.py): one block around them all would hold several statements."""
    b, e = operands(chained)
    tmp, bt_ = ctx.fresh("v"), lvalue_type(b)
    v, needed = narrowed(ctx, lambda: value(e, ctx, bt_))
    stmts = [f"let {tmp} = {own_block(ctx, v, needed)};"]
    stored, reading = tmp, False
    for lhs in (b, a):
        ctx.unread |= unread_members(lhs)
        (setup, read, write), needed = narrowed(ctx, lambda lhs=lhs: _target(lhs, ctx, stable=False))
        if setup:  # one `let` binding the place's address
            stmts.append(own_statement(ctx, setup.strip(), needed))
        stmts.append(own_statement(ctx, write(coerce(E(stored, bt_), lvalue_type(lhs))), needed or reading))
        if lhs is b and read.endswith("()"):  # a bit-field's truncated bits, read back through its place
            stored, reading = read, needed
    return f"{{ {' '.join(stmts)} }}"


def compound(c: ci.Cursor, ctx: FnCtx, used: bool) -> str:
    """`lhs op= rhs`: computed in C's computation type, then converted back to lhs's type."""
    if not used and (stepped := bytecursors.step(c, ctx)) is not None:  # `p += K` of a byte cursor
        return stepped
    op = binop(c)[:-1]
    lhs, rhs = operands(c)
    lt = lvalue_type(lhs)
    rhs = expr(rhs, ctx)
    atomic = atomic_place(lhs, ctx) if op in "+-" and bt.is_int(lt) and rhs.ty == lt and not used else None
    if atomic is not None:  # one fetch_add/fetch_sub (globals_atomic.py)
        return atomic_step(atomic[0], op == "+", rhs.code, None)
    setup, read, write = _target(lhs, ctx, stable=True)
    cur = E(read, lt)
    if bt.is_ptr(lt) and rhs.ty == "usize":  # a size_t count steps as it is (clippy's ptr_offset_with_cast)
        new = offset(cur, rhs.code, "wrapping_add" if op == "+" else "wrapping_sub")
    elif bt.is_ptr(lt):
        n = coerce(rhs, "isize")
        new = offset(cur, n if op == "+" else f"{paren(n)}.wrapping_neg()")
    else:
        ct = promote(lt) if op in ("<<", ">>") else rhs.ty
        if not (bt.is_int(ct) or bt.is_float(ct)):
            ct = promote(lt)
        b_ty = "u32" if op in ("<<", ">>") else ct
        new = coerce(E(arith(op, E(coerce(cur, ct), ct), E(coerce(rhs, b_ty), b_ty), ct, c), ct), lt)
    body = write(new)
    if used:
        return f"({{ {setup}{body} {read} }})"
    return f"{{ {setup}{body} }}" if setup else body


def _target(lhs: ci.Cursor, ctx: FnCtx, stable: bool) -> tuple[str, str, Callable[[str], str]]:
    """(setup, read, write) for an lvalue: `read` is its current value, `write(v)` a statement storing v.
    With `stable`, an lvalue with side effects is evaluated once (through a pointer); bit-fields go through
    the accessors of their record."""
    atomic = atomic_place(lhs, ctx)
    if atomic is not None:  # Relaxed loads and stores (globals_atomic.py)
        return "", atomic_load(*atomic), lambda v: atomic_store(*atomic, v)
    bf = bitfield(lhs, ctx, stable)
    if bf is not None:
        setup, owner, name = bf
        return setup, f"{owner}.{name}()", lambda v: f"{owner}.set_{name.removeprefix('r#')}({v});"
    raw = unaligned(lhs, ctx)
    if raw is not None:  # not known to be aligned: C's access as unaligned reads and writes
        setup = ""
        if side_effects(lhs) and not _NAME.fullmatch(raw):  # `*p++ = v` reads `p`: the step follows
            setup, raw = f"let {(tmp := ctx.fresh('p'))} = {raw}; ", tmp
        return setup, f"{raw}.read_unaligned()", lambda v: f"{raw}.write_unaligned({v});"
    if stable and side_effects(lhs):
        ctx.unsafe = True
        tmp = ctx.fresh("p")
        return f"let {tmp} = core::ptr::addr_of_mut!({place(lhs, ctx)}); ", f"(*{tmp})", \
            lambda v: f"(*{tmp}) = {v};"
    p = place(lhs, ctx)
    return "", p, lambda v: f"{p} = {v};"


def incdec(c: ci.Cursor, ctx: FnCtx, used: bool) -> str:
    """`x++`, `--x`, ... as a statement, or as a block yielding C's value when `used`."""
    op = unop(c)
    x = only_child(c)
    if used and c.hash in ctx.postponed:  # the step follows the statement (dispatch.py)
        return place(x, ctx)
    if not used and (stepped_ := bytecursors.increment(c, ctx)) is not None:  # `p++` of a byte cursor
        return stepped_
    if (at := step_index(x, ctx)) is not None and not used and op in ("post++", "pre++"):  # a stepped
        # slice's index, a walked string's offset
        return f"{at} += 1;"
    lt = lvalue_type(x)
    up = "++" in op
    atomic = atomic_place(x, ctx) if bt.is_int(lt) else None
    if atomic is not None:  # one fetch_add/fetch_sub (globals_atomic.py)
        return atomic_step(atomic[0], up, "1", ("old" if op.startswith("post") else "new") if used else None)
    setup, p, write = _target(x, ctx, stable=True)
    if bt.is_ptr(lt):
        new = offset(E(p, lt), "1" if up else "-1")
    elif bt.is_float(lt):
        new = f"({p} {'+' if up else '-'} 1.0)"
    elif lt == "bool":
        new = "true" if up else f"(!{p})"
    elif bt.is_int(lt):
        new = f"{p}.{'wrapping_add' if up else 'wrapping_sub'}(1)"
    else:
        raise Unsupported("operator", f"'{op}' on {lt}", c)
    if not used:
        return f"{{ {setup}{write(new)} }}" if setup else write(new)
    if op.startswith("post"):
        tmp = ctx.fresh("old")
        return f"({{ {setup}let {tmp} = {p}; {write(new)} {tmp} }})"
    return f"({{ {setup}{write(new)} {p} }})"


def _compound_expr(c: ci.Cursor, ctx: FnCtx) -> E:
    return E(compound(c, ctx, used=True), lvalue_type(operands(c)[0]))


def conditional(c: ci.Cursor, ctx: FnCtx) -> E:
    """`a ? b : c` as an if-expression in the result type."""
    parts = operands(c)
    if len(parts) != 3:
        raise Unsupported("conditional", "the GNU 'a ?: b' form", c)
    test_c, a, b = parts
    t = ty(c)
    if t == "()":
        return E(f"({_branching(ctx, test_c, lambda: effect(a, ctx), lambda: effect(b, ctx))})", "()")
    return E(f"({_branching(ctx, test_c, lambda: value(a, ctx, t), lambda: value(b, ctx, t))})", t)


def _branching(ctx: FnCtx, test_c: ci.Cursor, then: Callable[[], str], other: Callable[[], str]) -> str:
    """`if test { then } else { other }`, each part in its own unsafe block if it needs one (unsafety.py):
    a block around the whole would hold a branch."""
    parts = [narrowed(ctx, make) for make in (lambda: cond(test_c, ctx), then, other)]
    test_code, then_code, other_code = (own_block(ctx, code, needed) for code, needed in parts)
    return f"if {test_code} {{ {then_code} }} else {{ {other_code} }}"


# ---------------------------------------------------------------- as statements


def _binary_effect(c: ci.Cursor, ctx: FnCtx) -> str | None:
    op = binop(c)
    if op == "=":
        return assign(c, ctx, used=False)
    if op == ",":
        left, right = operands(c)
        return f"{effect(left, ctx)} {effect(right, ctx)}"
    return None


def _incdec_effect(c: ci.Cursor, ctx: FnCtx) -> str | None:
    return incdec(c, ctx, used=False) if unop(c) in ("post++", "post--", "pre++", "pre--") else None


def _compound_effect(c: ci.Cursor, ctx: FnCtx) -> str:
    return compound(c, ctx, used=False)


def _conditional_effect(c: ci.Cursor, ctx: FnCtx) -> str:
    t, a, b = operands(c)
    return _branching(ctx, t, lambda: effect(a, ctx), lambda: effect(b, ctx))


register(EXPRS, {K.UNARY_OPERATOR: unary, K.BINARY_OPERATOR: binary,
                 K.COMPOUND_ASSIGNMENT_OPERATOR: _compound_expr, K.CONDITIONAL_OPERATOR: conditional})
register(EFFECTS, {K.BINARY_OPERATOR: _binary_effect, K.UNARY_OPERATOR: _incdec_effect,
                   K.COMPOUND_ASSIGNMENT_OPERATOR: _compound_effect,
                   K.CONDITIONAL_OPERATOR: _conditional_effect})
