"""C statements as Rust: blocks, if, loops (labels keep break/continue exact), return, GNU statement
expressions and the asm barrier.

Declarations are in decls.py, switch and goto lowered in flow.py, expression statements are
`dispatch.effect` (ops.py registers what assignments and ++/-- do there). Statements render to lists of
lines; nested blocks are indented.
"""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.cfront import EXPR_KINDS, binop, for_clauses, kids, spelled_tokens, walk
from llmigrate.backends.builtin.comments import file_of, statement_gap
from llmigrate.backends.builtin.conditions import cond, negated
from llmigrate.backends.builtin.context import FnCtx, Frame
from llmigrate.backends.builtin.convert import E, bare
from llmigrate.backends.builtin.cursors import operands, strip
from llmigrate.backends.builtin.dispatch import EXPRS, STMTS, effect, indent, register, statement, value
from llmigrate.backends.builtin.flow import goto_block
from llmigrate.backends.builtin.inits import zero
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.backends.builtin.unsafety import guarded_condition, leading_safety, narrowed, own_statement

K = ci.CursorKind


def block(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    """The statements of a compound statement (no braces); a goto state machine if it has labels."""
    ch = list(kids(c))
    if any(k.kind == K.LABEL_STMT for k in ch):
        return goto_block(ch, ctx)
    lines: list[str] = []
    start = c.extent.start
    end, file = start.offset + 1, file_of(start)  # after the `{`
    for k in ch:
        trailing, leading, end = statement_gap(file, end, k)
        if trailing and lines:
            lines[-1] += "  // " + " ".join(trailing)
        lines += (leading if lines else [*(f"// {t}" for t in trailing), *leading]) + statement(k, ctx)
    return lines


def body(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    """A statement used as the body of if/while/...: the lines to put inside `{ }`."""
    return block(c, ctx) if c.kind == K.COMPOUND_STMT else statement(c, ctx)


def _compound(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    return ["{", *indent(block(c, ctx)), "}"]


def _null(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    return []


def _if(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    ch = list(kids(c))
    test, then = ch[0], ch[1]
    if len(ch) == 3 and _empty(then) and ch[2].kind != K.IF_STMT:  # `if (e) ; else s` (assert's form)
        test_code, safety = guarded_condition(ctx, lambda: bare(negated(test, ctx)))
        return [*safety, f"if {test_code} {{", *indent(body(ch[2], ctx)), "}"]
    test_code, safety = guarded_condition(ctx, lambda: bare(cond(test, ctx)))
    lines = [*safety, f"if {test_code} {{", *indent(body(then, ctx))]
    if len(ch) > 2:
        other = ch[2]
        if other.kind == K.IF_STMT:  # the proofs of an `else if` condition go before the whole chain
            rest = _if(other, ctx)
            n = leading_safety(rest)
            return [*rest[:n], *lines, "} else " + rest[n], *rest[n + 1:]]
        lines += ["} else {", *indent(body(other, ctx))]
    return [*lines, "}"]


def _empty(c: ci.Cursor) -> bool:
    return c.kind == K.NULL_STMT or c.kind == K.COMPOUND_STMT and not kids(c)


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


def _loop(ctx: FnCtx, test: ci.Cursor | None, inner: ci.Cursor, after: list[str],
          test_last: bool) -> list[str]:
    """A C loop: `'l: while test { 'c: { body } after }` (do-while tests at the end)."""
    frame = Frame("loop", ctx.fresh("'l"), ctx.fresh("'c"))
    ctx.frames.append(frame)
    try:
        lines = body(inner, ctx)
        make = negated if test_last else cond  # do-while: `if !test { break; }`
        test_code, safety = (None, []) if _always(test) else \
            guarded_condition(ctx, lambda: bare(make(test, ctx)))
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
        lines += [*safety, f"if {test_code} {{ break; }}"]
    label = f"{frame.brk}: " if labelled else ""
    head = f"{label}loop {{" if test_last or test_code is None else f"{label}while {bare(test_code)} {{"
    return [*([] if test_last else safety), head, *indent(lines), "}"]


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
    after = statement(inc, ctx) if inc is not None else []  # `i++, j--`: one statement each
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
    *done, last = _sequence(ch[0])  # `return a, b;`: `a` a statement of its own, in its own `unsafe`
    return [*(own_statement(ctx, *narrowed(ctx, lambda d=d: effect(d, ctx))) for d in done),
            f"return {value(last, ctx, ctx.ret)};"]


def _sequence(c: ci.Cursor) -> list[ci.Cursor]:
    """The operands of a comma expression `a, b, c` in C's order of evaluation; `[c]` for any other."""
    s = strip(c)
    if s.kind == K.BINARY_OPERATOR and binop(s) == ",":
        return [part for op in operands(s) for part in _sequence(op)]
    return [c]


def _fallback(ctx: FnCtx) -> str:
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


def _asm(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    """Only the empty asm with a "memory" clobber (the kernel's barrier()) has a faithful translation: a
    compiler fence. Any other inline assembly fails the function."""
    tokens = spelled_tokens(c, {"asm", "__asm__", "__asm"}) or []
    body, depth = [], 0
    for t in tokens[1:]:
        depth += t == "("
        depth -= t == ")"
        if t not in ("volatile", "__volatile__", "__volatile", "(", ")"):
            body.append(t)
        if depth == 0 and t == ")":
            break
    if body[:1] == ['""'] and all(t in ('""', '"memory"', '"cc"', ":", "::") for t in body):
        return ["core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);"]
    raise Unsupported("inline asm", "assembly has no faithful Rust translation", c)


register(STMTS, {K.COMPOUND_STMT: _compound, K.NULL_STMT: _null, K.ASM_STMT: _asm, K.IF_STMT: _if,
                 K.WHILE_STMT: _while, K.DO_STMT: _do, K.FOR_STMT: _for, K.BREAK_STMT: _break,
                 K.CONTINUE_STMT: _continue, K.RETURN_STMT: _return, K.LABEL_STMT: _label})
register(EXPRS, {K.StmtExpr: statement_expression})
