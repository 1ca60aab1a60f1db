"""C statements as Rust: blocks, declarations, if, loops (labels keep break/continue exact), return.

switch and goto are lowered in flow.py. Statements render to lists of lines; nested blocks are indented.
"""

from __future__ import annotations

import ctypes
import functools

import clang.cindex as ci

from llmigrate.builtin import types as bt
from llmigrate.builtin.cfront import EXPR_KINDS, binop, for_clauses, kids, unop, walk
from llmigrate.builtin.context import FnCtx, Frame
from llmigrate.builtin.convert import E, _closing, paren
from llmigrate.builtin.exprs import cond, expr, value
from llmigrate.builtin.items_values import evaluate
from llmigrate.builtin.types import Unsupported

K = ci.CursorKind
TK = ci.TypeKind
IND = "    "


def indent(lines: list[str]) -> list[str]:
    return [IND + ln if ln else ln for ln in lines]


@functools.cache
def _init_fn():
    ci.conf.lib  # noqa: B018 - load libclang first
    lib = ctypes.CDLL(ci.conf.get_filename())
    f = lib.clang_Cursor_getVarDeclInitializer
    f.argtypes, f.restype = [ci.Cursor], ci.Cursor
    return f


def var_init(d: ci.Cursor) -> ci.Cursor | None:
    """The initialiser expression of a VAR_DECL, or None (array sizes are children too, so ask clang)."""
    c = _init_fn()(d)
    if c is None or c == ci.conf.lib.clang_getNullCursor():
        return None
    c._tu = d._tu  # what the bindings' own wrappers attach to every cursor they return
    return c


def block(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    """The statements of a compound statement (no braces); a goto state machine if it has labels."""
    from llmigrate.builtin import flow

    ch = list(kids(c))
    if any(k.kind == K.LABEL_STMT for k in ch):
        return flow.goto_block(ch, ctx)
    return [ln for k in ch for ln in statement(k, ctx)]


def body(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    """A statement used as the body of if/while/...: the lines to put inside `{ }`."""
    return block(c, ctx) if c.kind == K.COMPOUND_STMT else statement(c, ctx)


def statement(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    """Translate one C statement to Rust lines."""
    k = c.kind
    if k == K.COMPOUND_STMT:
        return ["{", *indent(block(c, ctx)), "}"]
    if k == K.DECL_STMT:
        return [ln for d in kids(c) for ln in declaration(d, ctx)]
    if k == K.NULL_STMT:
        return []
    if k.is_expression():
        return [effect(c, ctx)]
    handler = _HANDLERS.get(k)
    if handler is None:
        from llmigrate.builtin import flow

        handler = flow.HANDLERS.get(k)
    if handler is None:
        raise Unsupported(_name(c), "statement not supported by the builtin translator", c)
    return handler(c, ctx)


def _name(c: ci.Cursor) -> str:
    return {K.ASM_STMT: "inline asm", K.MS_ASM_STMT: "inline asm", K.INDIRECT_GOTO_STMT: "computed goto",
            K.CASE_STMT: "case label", K.DEFAULT_STMT: "default label"}.get(c.kind, c.kind.name.lower())


def effect(c: ci.Cursor, ctx: FnCtx) -> str:
    """An expression evaluated for its side effects, as one Rust statement."""
    from llmigrate.builtin import ops

    s = c
    while s.kind == K.PAREN_EXPR:
        s = kids(s)[0]
    if s.kind == K.BINARY_OPERATOR:
        op = binop(s)
        if op == "=":
            return ops.assign(s, ctx, used=False)
        if op == ",":
            left, right = ops.operands(s)
            return f"{effect(left, ctx)} {effect(right, ctx)}"
    if s.kind == K.COMPOUND_ASSIGNMENT_OPERATOR:
        return ops.compound(s, ctx, used=False)
    if s.kind == K.UNARY_OPERATOR and unop(s) in ("post++", "post--", "pre++", "pre--"):
        return ops.incdec(s, ctx, used=False)
    if s.kind == K.CSTYLE_CAST_EXPR and s.type.get_canonical().kind == TK.VOID:
        return effect([k for k in kids(s) if k.kind in EXPR_KINDS][-1], ctx)
    if s.kind == K.CONDITIONAL_OPERATOR:
        t, a, b = ops.operands(s)
        return f"if {cond(t, ctx)} {{ {effect(a, ctx)} }} else {{ {effect(b, ctx)} }}"
    e = expr(s, ctx)
    if s.kind == K.CALL_EXPR or e.ty == "()":
        return f"{e.code};"
    return f"let _ = {e.code};"


def declaration(d: ci.Cursor, ctx: FnCtx) -> list[str]:
    """A local declaration: `let mut`, a function-level static, or nothing for extern/typedef of a scalar."""
    if d.kind in (K.TYPEDEF_DECL, K.STRUCT_DECL, K.UNION_DECL, K.ENUM_DECL):
        if d.kind == K.TYPEDEF_DECL and bt.is_scalar(bt.rust_type(d.underlying_typedef_type)):
            return []  # uses of a scalar typedef resolve to the primitive; nothing to declare
        if d.kind == K.ENUM_DECL:
            return []  # enumerators are emitted by value
        if d.kind in (K.STRUCT_DECL, K.UNION_DECL):
            return _local_record(d, ctx)
        raise Unsupported("local type", f"'{d.spelling}' declared inside a function", d)
    if d.kind != K.VAR_DECL:
        raise Unsupported("declaration", f"{d.kind.name.lower()} inside a function", d)
    if d.storage_class == ci.StorageClass.EXTERN:
        return []
    if d.storage_class == ci.StorageClass.STATIC:
        static_local(d, ctx)
        return []
    if d.type.get_canonical().kind == TK.VARIABLEARRAY:
        raise Unsupported("variable-length array", f"'{d.spelling}' has a run-time size", d)
    _check_attributes(d)
    from llmigrate.builtin.inits import initializer, zero

    name = ctx.local(d)
    t = bt.rust_type(d.type)
    init = var_init(d)
    if d.hash in ctx.hoisted:
        return [f"{name} = {initializer(init, d.type, t, ctx)};"] if init is not None else []
    if init is not None and any(n.kind == K.DECL_REF_EXPR and n.referenced == d for n in walk(init)):
        # C's scope of a variable starts before its initialiser (`struct list_head h = { &h, &h };`)
        first = f"let mut {name}: {t} = {zero(d.type, ctx)};"
        return [first, f"{name} = {initializer(init, d.type, t, ctx)};"]
    val = initializer(init, d.type, t, ctx) if init is not None else zero(d.type, ctx)
    return [f"let mut {name}: {t} = {val};"]


def _local_record(d: ci.Cursor, ctx: FnCtx) -> list[str]:
    """A struct/union defined inside the function becomes a module-level item next to it."""
    from llmigrate.builtin.items_types import record_item

    if not d.is_definition():
        return []
    for inner in kids(d):  # records nested in it come first
        if inner.kind in (K.STRUCT_DECL, K.UNION_DECL):
            _local_record(inner, ctx)
    item, why = record_item(d, lambda p: p, set())
    if item is None:
        raise Unsupported("local type", why or f"'{d.spelling}'", d)
    if item.code not in ctx.helpers:
        ctx.helpers.append(item.code + "\n".join(item.asserts))
    return []


def _check_attributes(d: ci.Cursor) -> None:
    """Attributes that change what a local does (cleanup handlers) cannot be dropped silently."""
    if any(k.kind.is_attribute() for k in kids(d)):
        words = {t.spelling for t in d.get_tokens()}
        for bad in ("cleanup", "__cleanup__"):
            if bad in words:
                raise Unsupported("attribute", f"'{d.spelling}' has __attribute__((cleanup)), which "
                                  "runs code at scope exit", d)


def hoist(d: ci.Cursor, ctx: FnCtx) -> list[str]:
    """Declare a local ahead of a switch/goto body (C lets jumps skip its initialisation)."""
    from llmigrate.builtin.inits import zero

    if d.kind != K.VAR_DECL or d.storage_class in (ci.StorageClass.EXTERN, ci.StorageClass.STATIC):
        return []
    if d.type.get_canonical().kind == TK.VARIABLEARRAY:
        raise Unsupported("variable-length array", f"'{d.spelling}' has a run-time size", d)
    ctx.hoisted.add(d.hash)
    return [f"let mut {ctx.local(d)}: {bt.rust_type(d.type)} = {zero(d.type, ctx)};"]


def static_local(d: ci.Cursor, ctx: FnCtx) -> str:
    """A `static` local as a module-level `static mut <fn>__<name>` helper; returns its name."""
    from llmigrate.builtin.inits import initializer, zero

    if d.hash in ctx.statics:
        return ctx.statics[d.hash]
    name = f"{ctx.fn_name.removeprefix('r#')}__{d.spelling}"
    while any(h.startswith(f"static mut {name}:") for h in ctx.helpers):
        name += "_"
    ctx.statics[d.hash] = name
    t = bt.rust_type(d.type)
    init = var_init(d)
    val = initializer(init, d.type, t, ctx) if init is not None else zero(d.type, ctx)
    ctx.helpers.append(f"static mut {name}: {t} = {val};")
    return name


def _if(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    ch = list(kids(c))
    test, then = ch[0], ch[1]
    lines = [f"if {bare(cond(test, ctx))} {{", *indent(body(then, ctx))]
    if len(ch) > 2:
        other = ch[2]
        if other.kind == K.IF_STMT:
            rest = _if(other, ctx)
            return [*lines, "} else " + rest[0], *rest[1:]]
        lines += ["} else {", *indent(body(other, ctx))]
    return [*lines, "}"]


def _always(c: ci.Cursor | None) -> bool:
    """A loop condition that is absent or a non-zero constant (so the loop is a Rust `loop`)."""
    if c is None:
        return True
    v = evaluate(c)
    return isinstance(v, int) and v != 0 and not any(n.kind == K.CALL_EXPR for n in walk(c))


def _never(c: ci.Cursor | None) -> bool:
    """A loop condition that is the constant 0 (`do { ... } while (0)`)."""
    if c is None:
        return False
    v = evaluate(c)
    return v == 0 and not any(n.kind == K.CALL_EXPR for n in walk(c))


def bare(code: str) -> str:
    """A condition without its outer parentheses (when that cannot change how Rust parses it)."""
    if code.startswith("(") and code.endswith(")") and "{" not in code and _closing(code, 0) == len(code) - 1:
        return code[1:-1]
    return code


def _loop(ctx: FnCtx, test: ci.Cursor | None, inner: ci.Cursor, after: list[str],
          test_last: bool) -> list[str]:
    """A C loop: `'l: while test { 'c: { body } after }` (do-while tests at the end)."""
    frame = Frame("loop", ctx.fresh("'l"), ctx.fresh("'c"))
    ctx.frames.append(frame)
    try:
        lines = body(inner, ctx)
        test_code = None if _always(test) else cond(test, ctx)
    finally:
        ctx.frames.pop()
    if frame.used_cont:
        lines = [f"{frame.cont}: {{", *indent(lines), "}"]
    lines += after
    labelled = frame.used_brk or frame.used_cont
    if test_last and _never(test):  # do { ... } while (0): the body once
        if not labelled:
            return ["{", *indent(lines), "}"]
        lines.append(f"break {frame.brk};")
    elif test_last and test_code is not None:
        lines.append(f"if !{paren(test_code)} {{ break; }}")
    label = f"{frame.brk}: " if labelled else ""
    head = f"{label}loop {{" if test_last or test_code is None else f"{label}while {bare(test_code)} {{"
    return [head, *indent(lines), "}"]


def _while(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    test, inner = list(kids(c))
    return _loop(ctx, test, inner, [], test_last=False)


def _do(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    inner, test = list(kids(c))
    return _loop(ctx, test, inner, [], test_last=True)


def _for(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    try:
        init, test, inc, inner = for_clauses(c)
    except ValueError as e:
        raise Unsupported("for", str(e), c) from e
    pre = statement(init, ctx) if init is not None else []
    after = [effect(inc, ctx)] if inc is not None else []
    loop = _loop(ctx, test, inner, after, test_last=False)
    return ["{", *indent(pre + loop), "}"] if pre else loop


def _break(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    f = ctx.frame(None, c)
    f.used_brk = True
    return [f"break {f.brk};"]


def _continue(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    f = ctx.frame("loop", c)
    f.used_cont = True
    return [f"break {f.cont};"]


def _return(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    ch = [k for k in kids(c) if k.kind in EXPR_KINDS]
    if not ch:
        return ["return;"] if ctx.ret == "()" else [f"return {_fallback(ctx)};"]
    if ctx.ret == "()":
        return [effect(ch[0], ctx), "return;"]
    return [f"return {value(ch[0], ctx, ctx.ret)};"]


def _fallback(ctx: FnCtx) -> str:
    from llmigrate.builtin.inits import zero

    if bt.is_scalar(ctx.ret) or ctx.ret_type is None:
        return bt.zero_value(ctx.ret)
    return zero(ctx.ret_type, ctx)


def statement_expression(c: ci.Cursor, ctx: FnCtx) -> E:
    """GNU `({ ...; e; })`: a Rust block whose value is the last expression statement."""
    comp = kids(c)[0]
    ch = list(kids(comp))
    t = bt.rust_type(c.type)
    lines = [ln for k in ch[:-1] for ln in statement(k, ctx)]
    last = ch[-1] if ch else None
    if last is not None and last.kind in EXPR_KINDS and t != "()":
        tail = value(last, ctx, t)
    else:
        lines += statement(last, ctx) if last is not None else []
        tail = ""
    return E("({ " + " ".join(lines) + (" " + tail if tail else "") + " })", t)


def _label(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    # A label nested in a statement (not directly in a block) cannot be a goto target here: a goto to it
    # fails in flow.goto with a reason; the labelled statement itself still runs in place.
    return statement(kids(c)[0], ctx)


_HANDLERS = {K.IF_STMT: _if, K.WHILE_STMT: _while, K.DO_STMT: _do, K.FOR_STMT: _for, K.BREAK_STMT: _break,
             K.CONTINUE_STMT: _continue, K.RETURN_STMT: _return, K.LABEL_STMT: _label}
