"""SRC's functions by name, indexed once per codebase: the soundness scan looks a callee up by name at every
call a macro's body makes (or a call of no function of SRC), and a scan of every function per call made it
quadratic in the codebase (0.4 s of 13 s at 1,000 generated functions)."""

from __future__ import annotations

from llmigrate.core import Codebase
from llmigrate.signatures.memo import per_codebase


@per_codebase(watch=lambda codebase: len(codebase.functions))
def functions_named(codebase: Codebase) -> dict[str, list[str]]:
    """Function name -> the ids of SRC's functions of that name, in the codebase's order (static functions
    of several files may share a name); built again when the codebase or its number of functions changes."""
    named: dict[str, list[str]] = {}
    for fid, g in codebase.functions.items():
        named.setdefault(g.name, []).append(fid)
    return named


@per_codebase
def enumerator_names(codebase: Codebase) -> frozenset[str]:
    """The names of every enumeration constant SRC's types define: asked of each identifier a scan meets, a
    walk over every enum there grew with the codebase's size."""
    return frozenset(e for t in codebase.types.values() for e, _ in (t.enumerators or ()))
