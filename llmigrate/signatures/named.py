"""SRC's functions by name, indexed once per codebase: the soundness scan looks a callee up by name at every
call a macro's body makes (or a call of no function of SRC), and a scan of every function per call made it
quadratic in the codebase (0.4 s of 13 s at 1,000 generated functions)."""

from __future__ import annotations

from llmigrate.core import Codebase

# (the Codebase, held so that its id is not reused; its number of functions; the index)
_NAMED: list = [(None, 0, {})]


def functions_named(codebase: Codebase) -> dict[str, list[str]]:
    """Function name -> the ids of SRC's functions of that name, in the codebase's order (static functions
    of several files may share a name); built again when the codebase or its number of functions changes."""
    held, count, named = _NAMED[0]  # one read: another thread may replace it meanwhile
    if held is not codebase or count != len(codebase.functions):
        named = {}
        for fid, g in codebase.functions.items():
            named.setdefault(g.name, []).append(fid)
        _NAMED[0] = (codebase, len(codebase.functions), named)
    return named
