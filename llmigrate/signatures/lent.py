"""Owned members (signatures_owned) a function's raw pointer parameters must keep as SRC does because its
body may lend one to a callee whose reference rests on them: that reference is made at the call site, inside
the body, from the pointer the C ABI entry passed on raw, so the entry asks the same of its C callers.

By type, not by call site: a raw parameter of the struct type whose members a callee's proof relies on.
"""

from __future__ import annotations

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import interproc
from llmigrate.signatures.kinds import resolve, split
from llmigrate.signatures.owned import owned_members, owned_paths


def lent_owned(fn: CFunction, codebase: Codebase) -> tuple[tuple[int, str], ...]:
    """(parameter index, path from it) of the owned members of `fn`'s raw struct pointers that a direct
    callee's proven parameter relies on (`Upgrade.owned`), matched by the holder's struct type."""
    owned = owned_members(codebase)
    if not owned:
        return ()
    holders = set()
    for cid in fn.callees:
        callee = codebase.functions.get(cid)
        if callee is None or cid == fn.id:
            continue
        for u in interproc.proven(callee, codebase).values():
            holders |= {resolve(split(callee.params[j].type)[0], codebase) for j, _ in u.owned}
    proven = interproc.proven(fn, codebase)
    raw = [i for i, p in enumerate(fn.params) if i not in proven and split(p.type)[1] == 1 and
           resolve(split(p.type)[0], codebase) in holders]
    return tuple((i, path) for i in raw for path in owned_paths(fn.params[i].type, codebase, owned))
