"""`unsafe` only around what needs it: a statement's lines, or a condition, wrapped in the smallest block.

Expression handlers set `FnCtx.unsafe` when they emit an operation that needs an unsafe context (a raw
dereference, a `static mut` access, a call of an unsafe or extern fn, a union field read, a transmute).
`guarded` translates one leaf statement or one condition with the flag cleared and reports whether it was
set; the caller wraps just that code. A flag still set when the function is done came from code no guard
covered, and the function falls back to one `unsafe` around its whole body (correct, only coarser).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import closing, unparen

T = TypeVar("T")
# `let [mut] name[: T] = value;` (one statement, possibly over several lines): the binding stays outside.
_LET = re.compile(r"(let (?:mut )?[^=]*?) = (.*);", re.DOTALL)
# `local op= value;`: only the value needs unsafe when the place is a plain local.
_ASSIGN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*) ((?:[-+*/%&|^]|<<|>>)?=) (.*);", re.DOTALL)
_RETURN = re.compile(r"return (.+);", re.DOTALL)
# `(*place) op= value;`
_DEREF_ASSIGN = re.compile(r"(\(\*[^;]*?\)) (?:(?:[-+*/%&|^]|<<|>>)?=) (.*);", re.DOTALL)


def guarded(ctx: FnCtx, make: Callable[[], T]) -> tuple[T, bool]:
    """`make()`'s result and whether it needs an unsafe context; False inside another guard (that one
    wraps the whole of it)."""
    if ctx.guarding:
        return make(), False
    saved, ctx.unsafe, ctx.guarding, ctx.static_reads = ctx.unsafe, False, True, []
    try:
        result = make()
        needed = ctx.unsafe
    finally:
        ctx.unsafe, ctx.guarding = saved, False
    if needed and ctx.static_reads:
        result = _unnested(result, ctx.static_reads)
    return result, needed


def _unnested(result, reads: list[str]):
    """`result` (text, lines or an E) with the static reads' own blocks removed."""
    if isinstance(result, str):
        return _unnest(result, reads)
    if isinstance(result, list):
        return [_unnest(ln, reads) for ln in result]
    return result._replace(code=_unnest(result.code, reads))


def static_read(ctx: FnCtx, place: str) -> str:
    """A scalar `static mut` read as its own unsafe block; the guard around it unwraps it again when the
    whole statement ends up in an unsafe block anyway (a nested block is a warning)."""
    code = f"unsafe {{ {place} }}"
    if ctx.guarding:
        ctx.static_reads.append(code)
        return code
    ctx.unsafe = True  # no guard: the function's fallback block covers it
    return place


def _unnest(text: str, reads: list[str]) -> str:
    for code in set(reads):
        text = text.replace(code, code.removeprefix("unsafe { ").removesuffix(" }"))
    return text


def unsafe_expr(code: str, needed: bool) -> str:
    """An expression in an unsafe block when it needs one."""
    return f"unsafe {{ {code} }}" if needed else code


def unsafe_lines(lines: list[str], needed: bool, locals_: set[str]) -> list[str]:
    """A leaf statement's lines, each in the smallest unsafe block keeping its bindings in scope."""
    return [_wrap(ln, locals_) for ln in lines] if needed else lines


def _wrap(line: str, locals_: set[str]) -> str:
    let = _LET.fullmatch(line)
    if let and _one_expression(let[2]):
        return f"{let[1]} = unsafe {{ {let[2]} }};"
    ret = _RETURN.fullmatch(line)
    if ret and _one_expression(ret[1]):
        return f"return unsafe {{ {ret[1]} }};"
    assign = _ASSIGN.fullmatch(line)
    if assign and assign[1] in locals_ and _one_expression(assign[3]):
        return f"{assign[1]} {assign[2]} unsafe {{ {assign[3]} }};"
    if line.startswith(("break", "continue", "return;")) or not line:
        return line
    if line.endswith(";") and _one_expression(line[:-1]):  # `unsafe { e };` stays on one line
        return f"unsafe {{ {line[:-1]} }};"
    return f"unsafe {{ {line} }}"


def _one_expression(code: str) -> bool:
    """No `;` outside brackets: the text is one expression, not several statements on one line (a `;` in a
    string literal only makes this answer no, and the whole line is wrapped)."""
    depth = 0
    for ch in code:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == ";" and depth == 0:
            return False
    return depth == 0


def tidy(line: str) -> str:
    """A statement without the parentheses expressions carry as operands: around a `let`, `return` or
    assignment's value, and around a dereference assigned to (`(*p) = v;`)."""
    for pattern in (_LET, _RETURN, _ASSIGN, _DEREF_ASSIGN):
        m = pattern.fullmatch(line)
        if m and _one_expression(m[m.lastindex]):
            head, value = line[:m.start(m.lastindex)], unparen(m[m.lastindex])
            if pattern is _DEREF_ASSIGN and closing(head, 0) == len(m[1]) - 1:
                head = head[1:len(m[1]) - 1] + head[len(m[1]):]
            return f"{head}{value};"
    return line


def guarded_lines(ctx: FnCtx, make: Callable[[], list[str]]) -> list[str]:
    """A leaf statement's lines translated under a guard, tidied, and wrapped where needed; a `// SAFETY:`
    line before them for each reference they make from a raw pointer (borrows.py records the rule)."""
    before = len(ctx.proofs)
    lines, needed = guarded(ctx, make)
    proofs = [] if ctx.guarding else list(dict.fromkeys(ctx.proofs[before:]))
    if not ctx.guarding:
        del ctx.proofs[before:]
    safety = [f"// SAFETY: {why}" for why in proofs]
    return safety + unsafe_lines([tidy(ln) for ln in lines], needed, ctx.used)


def guarded_expr(ctx: FnCtx, make: Callable[[], str]) -> str:
    """An expression (a condition, a switch's value) translated under a guard and wrapped if needed."""
    code, needed = guarded(ctx, make)
    return unsafe_expr(code, needed)


def guarded_condition(ctx: FnCtx, make: Callable[[], str]) -> tuple[str, list[str]]:
    """guarded_expr's code, and a `// SAFETY:` line for each proof it records, for the caller to put before
    the statement the condition heads (a condition has no line of its own)."""
    before = len(ctx.proofs)
    code = guarded_expr(ctx, make)
    if ctx.guarding:
        return code, []
    safety = [f"// SAFETY: {why}" for why in dict.fromkeys(ctx.proofs[before:])]
    del ctx.proofs[before:]
    return code, safety


def leading_safety(lines: list[str]) -> int:
    """How many `// SAFETY:` lines `lines` starts with."""
    n = 0
    while n < len(lines) and lines[n].startswith("// SAFETY: "):
        n += 1
    return n
