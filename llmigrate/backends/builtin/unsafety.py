"""`unsafe` only around what needs it: a statement's lines, or a condition, wrapped in the smallest block.

Expression handlers set `FnCtx.unsafe` when they emit an operation that needs an unsafe context (a raw
dereference, a `static mut` access, a call of an unsafe or extern fn, a union field read, a transmute).
`guarded` translates one leaf statement or one condition with the flag cleared and reports whether it was
set; the caller wraps just that code. A flag still set when the function is done came from code no guard
covered, and the function falls back to one `unsafe` around its whole body (correct, only coarser).

Inside a statement, a part whose unsafety is its own (`narrowed`: a conditional's test or branch, a call's
argument bound to a temporary) gets its own block (`own_block`), so that a block never holds a branch or
several statements; the guard unwraps such inner blocks again when the whole statement needs one anyway.
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
# `let [mut] name` at a statement's start: the name bound
_TEMP = re.compile(r"let (?:mut )?([A-Za-z_][A-Za-z0-9_]*)[ :]")
# `(*place) op= value;`
_DEREF_ASSIGN = re.compile(r"(\(\*[^;]*?\)) (?:(?:[-+*/%&|^]|<<|>>)?=) (.*);", re.DOTALL)


def guarded(ctx: FnCtx, make: Callable[[], T]) -> tuple[T, bool]:
    """`make()`'s result and whether it needs an unsafe context; False inside another guard (that one
    wraps the whole of it)."""
    if ctx.guarding:
        return make(), False
    saved, ctx.unsafe, ctx.guarding, ctx.inner_blocks = ctx.unsafe, False, True, []
    try:
        result = make()
        needed = ctx.unsafe
    finally:
        ctx.unsafe, ctx.guarding = saved, False
    if needed and ctx.inner_blocks:
        result = _unnested(result, ctx.inner_blocks)
    return result, needed


def narrowed(ctx: FnCtx, make: Callable[[], T]) -> tuple[T, bool]:
    """`make()`'s result and whether it needs an unsafe context, the flag of the statement around it left
    as it was: for a part of a guarded statement that can have its own block. Outside a guard the flag is
    set as usual (the function's fallback block covers it) and the answer is False."""
    if not ctx.guarding:
        return make(), False
    saved, ctx.unsafe = ctx.unsafe, False
    try:
        result = make()
        needed = ctx.unsafe
    finally:
        ctx.unsafe = saved
    return result, needed


def own_block(ctx: FnCtx, code: str, needed: bool) -> str:
    """`code` (an expression, or statements) in its own unsafe block when it needs one: the inner blocks it
    holds unwrapped, and the block noted for the guard to unwrap if the whole statement is wrapped. Outside
    a guard the flag is set instead."""
    if not needed:
        return code
    if not ctx.guarding:
        ctx.unsafe = True
        return code
    block = f"unsafe {{ {_unnest(code, ctx.inner_blocks)} }}"
    ctx.inner_blocks.append(block)
    return block


def _unnested(result, reads: list[str]):
    """`result` (text, lines or an E) with the inner blocks (static reads, narrowed parts) unwrapped."""
    if isinstance(result, str):
        return _unnest(result, reads)
    if isinstance(result, list):
        return [_unnest(ln, reads) for ln in result]
    return result._replace(code=_unnest(result.code, reads))


def own_statement(ctx: FnCtx, line: str, needed: bool) -> str:
    """A statement that is a part of a guarded one (`a` of `return a, b;`), in its own smallest block when it
    needs one, the block noted for the guard to unwrap if the whole is wrapped. Outside a guard the flag is
    set instead."""
    if not needed or not ctx.guarding:
        ctx.unsafe |= needed
        return line
    wrapped = _wrap(tidy(line), ctx.used)
    if (start := wrapped.find("unsafe {")) >= 0:
        ctx.inner_blocks.append(wrapped[start:closing(wrapped, start + len("unsafe ")) + 1])
    return wrapped


def static_read(ctx: FnCtx, place: str) -> str:
    """A scalar `static mut` read as its own unsafe block; the guard around it unwraps it again when the
    whole statement ends up in an unsafe block anyway (a nested block is a warning)."""
    code = f"unsafe {{ {place} }}"
    if ctx.guarding:
        ctx.inner_blocks.append(code)
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
    return _placed(unsafe_lines([tidy(ln) for ln in lines], needed, ctx.used), proofs, ctx)


def _placed(lines: list[str], proofs: list[str], ctx: FnCtx) -> list[str]:
    """`lines` with a `// SAFETY:` line for each of `proofs` above the line whose block it explains: a
    temporary's own (FnCtx.temp_proofs) above its `let`, the others above the first block no temporary's
    `let` holds (the call after its temporaries), or the first line."""
    at: dict[int, list[str]] = {}
    left = list(proofs)
    for i, ln in enumerate(lines):
        m = _TEMP.match(ln)
        for why in ctx.temp_proofs.get(m[1], []) if m else []:
            if why in left:
                left.remove(why)
                at.setdefault(i, []).append(why)
    blocks = [i for i, ln in enumerate(lines) if "unsafe {" in ln]
    rest = next((i for i in blocks if not ((m := _TEMP.match(lines[i])) and m[1] in ctx.temps)),
                blocks[0] if blocks else 0)
    at.setdefault(rest, []).extend(left)
    return [out for i, ln in enumerate(lines)
            for out in (*(f"// SAFETY: {why}" for why in at.get(i, [])), ln)]


def flattened(line: str, temps: set[str]) -> list[str]:
    """An effect statement `{ let t = a; ..; rest }` (a call's arguments bound first, a place's pointer) as
    its statements, one a line, each to get its own smallest `unsafe`: the same order of evaluation, and
    the temporaries' names are unique in the function (FnCtx.fresh), so they shadow nothing."""
    body = line.removesuffix(";")
    if not body.startswith("{ ") or closing(body, 0) != len(body) - 1 or "'" in body or '"' in body:
        return [line]
    parts = [p.strip() for p in _statements(body[1:-1])]
    stmts = parts if parts[-1] else parts[:-1]  # a tail expression is run as a statement
    if len(stmts) < 2 or not _binds(stmts[0], temps) or \
            not all(_binds(s, temps) or _plain(s) for s in stmts[1:]):
        return [line]  # after the first temporary: temporaries, or statements holding no block
    return [f"{s};" for s in stmts]


def _binds(stmt: str, temps: set[str]) -> bool:
    return (m := _TEMP.match(stmt)) is not None and m[1] in temps


def _plain(stmt: str) -> bool:
    """Not a `let` (its name could shadow one the code after it reads), and no block in the statement but
    `unsafe { .. }` ones (an `if`'s or a loop's `{ .. }` could be followed by another statement)."""
    opened = _statements(stmt, "{")[:-1]  # the text before each `{` outside brackets
    return not stmt.startswith("let ") and all(before.endswith("unsafe ") for before in opened)


def _statements(code: str, cut: str = ";") -> list[str]:
    """`code` cut at each `cut` outside brackets: the statements, then what follows the last (a tail)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(code):
        if ch == cut and depth == 0:
            parts.append(code[start:i])
            start = i + 1
        depth += (ch in "([{") - (ch in ")]}")
    return [*parts, code[start:]]


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
