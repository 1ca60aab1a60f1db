"""Calls of code outside SRC that write no memory of the program (signatures_writesthrough, issue 15).

A kernel shim's `unlikely(x)` (`__builtin_expect(!!(x), 0)`), `_tolower(c)` (`((c) | 0x20)`) or
`static inline u64 div_u64(u64 n, u32 d) { return n / d; }` is no C library function, yet it writes
nothing: a caller of it that writes only its locals and one out-parameter still does (rule copied-out).
Such a name, called by SRC and not defined there, writes nothing when it is:
- a function-like macro of a header outside SRC (`Codebase.outside_macros`: the one definition every
  unit saw) whose body assigns and steps nothing, has no statement (`{`, `;`), no asm, no `volatile`, and
  calls only names that write nothing in turn (never one of its parameters: that calls its argument); a
  macro it names, SRC's or a header's, is read the same way, its expansion being part of the call;
- a `static inline` function of such a header that inlined.known_helper accepts (it assigns only its
  locals, reads through its pointer parameters, and calls only such code);
- a pure C library function or bit intrinsic (contained._PURE, inlined._BITS).
The macro's arguments are the caller's own text, which its rules read as any other expression of its body.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.core import CMacro, Codebase
from llmigrate.signatures.contained import _PURE
from llmigrate.signatures.inlined import _BITS, _literal, known_helper
from llmigrate.signatures.named import functions_named
from llmigrate.signatures.proof import node_text, walk

_WRITES = re.compile(r"\+\+|--|(?<![=!<>])=(?!=)|[{};]|\b(asm|__asm__|__asm|volatile)\b")
_WORD = re.compile(r"\b[A-Za-z_]\w*")
_DEPTH = 4
_JUMPS = re.compile(r"\b(return|goto|longjmp|siglongjmp|_longjmp)\b")


def writes_nothing(name: str, codebase: Codebase, depth: int = 0) -> bool:
    """A call of `name`, which SRC does not define, writes no memory of the program (module docstring)."""
    if depth > _DEPTH or name in functions_named(codebase):
        return False
    macro = codebase.outside_macros.get(name)
    if macro is not None:
        return macro.function_like and _quiet(macro, codebase, depth)
    return name in _PURE or bool(_BITS.fullmatch(name)) or known_helper(name, codebase)


def _quiet(macro: CMacro, codebase: Codebase, depth: int) -> bool:
    """The expansion of `macro` writes nothing and calls only what writes nothing."""
    body = macro.body
    if _WRITES.search(body):
        return False
    params = set(macro.params or ())
    for m in _WORD.finditer(body):
        word = m.group(0)
        called = body[m.end():].lstrip().startswith("(")
        if word in params:
            if called:
                return False  # `x(...)`: calls whatever the caller passes
            continue
        inner = codebase.macros.get(word) or codebase.outside_macros.get(word)
        if inner is not None:
            if inner.function_like != called or not _quiet(inner, codebase, depth + 1):
                return False
        elif called and not writes_nothing(word, codebase, depth + 1):
            return False
    return True


def literal_macros(stmt: Node, codebase: Codebase) -> bool:
    """Every macro `stmt` names (SRC's or a header's) is object-like and names nothing (`64`, `(1 << 3)`):
    no expansion reads or writes memory the text does not show."""
    for n in walk(stmt):
        m = _macro(node_text(n), codebase) if n.type == "identifier" else None
        if m is not None and (m.function_like or not _literal(m.body)):
            return False
    return True


def hidden_jumps(body: Node, codebase: Codebase) -> bool:
    """A macro `body` names (SRC's or a header's, or one those name) may return or jump out of it."""
    seen: set[str] = set()
    todo = [node_text(n) for n in walk(body) if n.type == "identifier"]
    while todo:
        word = todo.pop()
        m = _macro(word, codebase) if word not in seen else None
        seen.add(word)
        if m is not None:
            if _JUMPS.search(m.body):
                return True
            todo += _WORD.findall(m.body)
    return False


def _macro(word: str, codebase: Codebase) -> CMacro | None:
    return codebase.macros.get(word) or codebase.outside_macros.get(word)
