"""Which calls may end the program (exit, abort, assert, longjmp...): a way out of a function before it
dereferences a pointer, so the proofs must not assume the dereference always happens."""

from __future__ import annotations

import re

from llmigrate.core import Codebase
from llmigrate.signatures.memo import per_codebase

# C library functions (and the assert macro) that may end the program or leave the function another way.
LIBC_STOPS = frozenset({"exit", "_exit", "_Exit", "quick_exit", "abort", "assert", "__assert_fail",
                         "longjmp", "siglongjmp", "_longjmp", "err", "errx", "verr", "verrx",
                         "pthread_exit", "thrd_exit", "__builtin_trap"})


@per_codebase
def may_stop(codebase: Codebase) -> set[str]:
    """Names of the functions a call of which may end the program: the C library's (exit, abort, longjmp,
    assert...), those of SRC that call one of them, directly or through others of SRC, and function-like
    macros whose body calls one."""
    names = {f.id: f.name for f in codebase.functions.values()}
    calls = [(f.name, {*(names.get(c, c) for c in f.callees), *f.external_calls})
             for f in codebase.functions.values()]
    found = set(LIBC_STOPS)
    while more := {name for name, called in calls if name not in found and not found.isdisjoint(called)}:
        found |= more
    called = re.compile(rf"\b({'|'.join(sorted(map(re.escape, found)))})\s*\(")
    return found | {m.name for m in codebase.macros.values() if m.function_like and called.search(m.body)}
