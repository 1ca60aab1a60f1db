"""What a function's surroundings mean for testing it: state it keeps, functions it can be handed."""

from __future__ import annotations

import re

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import c_type_to_rust

MAX_CANDIDATES = 255  # the choice travels in one byte of the input record (0 is NULL)
_STATIC_LOCAL = re.compile(r"\bstatic\b(?!\s+const\b)")


def _fn_type(fn: CFunction, codebase: Codebase) -> str:
    params = ", ".join(p.type for p in fn.params) or "void"
    return c_type_to_rust(f"{fn.return_type} (*)({params})", codebase)


def fnptr_candidates(t: str, codebase: Codebase) -> list[str]:
    """Exported functions of SRC a function-pointer parameter of type `t` can be given (same C ABI type)."""
    want = c_type_to_rust(t, codebase)
    found = sorted(fid for fid, fn in codebase.functions.items()
                   if not fn.is_static and not fn.is_variadic and _fn_type(fn, codebase) == want)
    return found[:MAX_CANDIDATES]


def stateful(fn: CFunction, codebase: Codebase) -> bool:
    """Whether the function or anything it calls uses a global or a static local that is not const."""
    seen: set[str] = set()
    todo: list[CFunction | None] = [fn]
    while todo:
        f = todo.pop()
        if f is None or f.id in seen:
            continue
        seen.add(f.id)
        if any(not (g := codebase.globals.get(name)) or not g.is_const for name in f.globals_used):
            return True
        if _STATIC_LOCAL.search(f.source[f.source.find("{") + 1:]):  # state kept in the function itself
            return True
        todo += [codebase.functions.get(c) for c in f.callees]
    return False
