"""switch and goto, lowered to Rust labelled blocks.

Both split a C block into segments at their labels. A chain of nested labelled blocks with a dispatcher
(`match`) in the innermost one jumps to the end of block i, where segment i begins; falling off a segment
runs the next one, exactly like C's fall-through. goto adds a `loop` around the chain and a state variable
so that a jump is `state = i; continue 'loop`, serving forward jumps (cleanup) and backward ones (retry).
Locals declared directly in such a block are hoisted above it, since a jump may skip their initialisation.
"""

from __future__ import annotations

from collections.abc import Iterator

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.cfront import kids
from llmigrate.backends.builtin.context import FnCtx, Frame, GotoScope
from llmigrate.backends.builtin.convert import bare
from llmigrate.backends.builtin.decls import hoist
from llmigrate.backends.builtin.dispatch import STMTS, expr, indent, register, statement
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.backends.builtin.unsafety import guarded, guarded_lines, unsafe_expr

K = ci.CursorKind


def _pattern(v: int, t: str) -> str:
    bits = bt.int_bits(t)
    v &= (1 << bits) - 1
    if bt.is_signed(t) and v >> (bits - 1):
        v -= 1 << bits
    return f"{v}{t}"


def _cascade(dispatch: list[str], segments: list[list[str]], labels: list[str]) -> list[str]:
    """Nest the dispatcher in blocks labels[0..]; segment i follows the end of block labels[i]."""
    lines = dispatch
    for label, seg in zip(labels, segments, strict=True):
        lines = [f"{label}: {{", *indent(lines), "}", *seg]
    return lines


def _walk_no_switch(c: ci.Cursor) -> Iterator[ci.Cursor]:
    for k in kids(c):
        yield k
        if k.kind != K.SWITCH_STMT:
            yield from _walk_no_switch(k)


def _case_labels(s: ci.Cursor, t: str) -> tuple[list[str], ci.Cursor]:
    """The patterns of a chain of case/default labels, and the statement they label."""
    pats: list[str] = []
    while s.kind in (K.CASE_STMT, K.DEFAULT_STMT):
        ch = list(kids(s))
        if s.kind == K.DEFAULT_STMT:
            pats.append("_")
        else:
            vals = [evaluate(k) for k in ch[:-1]]
            if not all(isinstance(v, int) for v in vals):
                raise Unsupported("case label", "a case value clang cannot evaluate", s)
            pats.append("..=".join(_pattern(v, t) for v in vals))
        s = ch[-1]
    return pats, s


def _switch(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    ch = list(kids(c))
    test, inner = ch[0], ch[-1]
    v, needed = guarded(ctx, lambda: expr(test, ctx))
    v = v._replace(code=unsafe_expr(bare(v.code), needed))
    if not bt.is_int(v.ty):
        raise Unsupported("switch", f"controlling expression of type {v.ty}", c)
    stmts = list(kids(inner)) if inner.kind == K.COMPOUND_STMT else [inner]
    segments: list[tuple[list[str], list[ci.Cursor]]] = [([], [])]
    names: dict[str, int] = {}  # goto labels among the cases -> their segment
    for s in stmts:
        pats, s = _case_labels(s, v.ty)
        if pats or s.kind == K.LABEL_STMT:
            segments.append((pats, []))
        while s.kind == K.LABEL_STMT:
            names[s.spelling] = len(segments) - 1
            s = kids(s)[0]
        segments[-1][1].append(s)
        for n in (_walk_no_switch(s) if s.kind != K.SWITCH_STMT else ()):
            if n.kind in (K.CASE_STMT, K.DEFAULT_STMT):
                raise Unsupported("switch", "case label inside a nested statement (Duff's device)", n)
    hoisted = [ln for s in stmts if s.kind == K.DECL_STMT for d in kids(s)
               for ln in guarded_lines(ctx, lambda d=d: hoist(d, ctx))]
    frame = Frame("switch", ctx.fresh("'sw"))
    ctx.frames.append(frame)
    scope = GotoScope(names, ctx.fresh("'goto"), ctx.fresh("state")) if names else None
    if scope:
        ctx.gotos.append(scope)
    try:
        translated = [[ln for s in seg for ln in statement(s, ctx)] for _, seg in segments]
    finally:
        ctx.frames.pop()
        if scope:
            ctx.gotos.pop()
    if scope:
        return [f"{frame.brk}: {{", *indent(hoisted + _switch_with_labels(v.code, segments, translated,
                                                                           frame, scope, ctx)), "}"]
    labels = [ctx.fresh("'case") for _ in segments[1:]]
    arms, default = [], f"break {frame.brk}"
    for (pats, _), label in zip(segments[1:], labels, strict=True):
        if "_" in pats:
            default = f"break {label}"
        named = [p for p in pats if p != "_"]
        if named:
            arms.append(f"{' | '.join(named)} => break {label},")
    dispatch = [f"match {v.code} {{", *indent([*arms, f"_ => {default},"]), "}", *translated[0]]
    body = _cascade(dispatch, translated[1:], labels) if labels else [f"let _ = {v.code};", *translated[0]]
    return [f"{frame.brk}: {{", *indent(hoisted + body), "}"]


def _switch_with_labels(v: str, segments: list[tuple[list[str], list[ci.Cursor]]],
                        translated: list[list[str]], frame: Frame, scope: GotoScope, ctx: FnCtx) -> list[str]:
    """A switch whose body also has goto labels (a jump from one case into another's code): the case
    picks the first state, then the state machine of goto_block runs the segments."""
    arms, default = [], f"break {frame.brk}"
    for i, (pats, _) in enumerate(segments):
        if "_" in pats:
            default = str(i)
        named = [p for p in pats if p != "_"]
        if named:
            arms.append(f"{' | '.join(named)} => {i},")
    first = [f"let mut {scope.var}: u32 = match {v} {{", *indent([*arms, f"_ => {default},"]), "};"]
    labels = [ctx.fresh("'at") for _ in segments]
    states = [f"{i} => break {label}," for i, label in enumerate(labels[:-1])]
    dispatch = [f"match {scope.var} {{", *indent([*states, f"_ => break {labels[-1]},"]), "}"]
    body = _cascade(dispatch, translated, labels)
    ends = body[-1].startswith(("return", "continue ", "break ")) if body else False
    return [*first, f"{scope.loop}: loop {{", *indent(body if ends else [*body, f"break {scope.loop};"]), "}"]


def goto_block(ch: list[ci.Cursor], ctx: FnCtx) -> list[str]:
    """A block with labels as a state machine (see module docstring)."""
    segments: list[list[ci.Cursor]] = [[]]
    names: dict[str, int] = {}
    for k in ch:
        if k.kind == K.LABEL_STMT:
            segments.append([])
            while k.kind == K.LABEL_STMT:
                names[k.spelling] = len(segments) - 1
                k = kids(k)[0]
        segments[-1].append(k)
    scope = GotoScope(names, ctx.fresh("'goto"), ctx.fresh("state"))
    hoisted = [ln for seg in segments for s in seg if s.kind == K.DECL_STMT
               for d in kids(s) for ln in guarded_lines(ctx, lambda d=d: hoist(d, ctx))]
    ctx.gotos.append(scope)
    try:
        translated = [[ln for s in seg for ln in statement(s, ctx)] for seg in segments]
    finally:
        ctx.gotos.pop()
    labels = [ctx.fresh("'at") for _ in segments]
    arms = [f"{i} => break {label}," for i, label in enumerate(labels[:-1])]
    dispatch = [f"match {scope.var} {{", *indent([*arms, f"_ => break {labels[-1]},"]), "}"]
    body = _cascade(dispatch, translated, labels)
    ends = body[-1].startswith(("return", "continue ", "break ")) if body else False  # nothing falls through
    return [*hoisted, f"let mut {scope.var}: u32 = 0;", f"{scope.loop}: loop {{",
            *indent(body if ends else [*body, f"break {scope.loop};"]), "}"]


def _goto(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    ref = next((k for k in kids(c) if k.kind == K.LABEL_REF), None)
    name = ref.spelling if ref is not None else ""
    for scope in reversed(ctx.gotos):
        if name in scope.labels:
            return [f"{scope.var} = {scope.labels[name]};", f"continue {scope.loop};"]
    raise Unsupported("goto", f"jump to '{name}', which is not in an enclosing block (jump into a block)", c)


register(STMTS, {K.SWITCH_STMT: _switch, K.GOTO_STMT: _goto})
