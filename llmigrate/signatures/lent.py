"""Owned members (signatures_owned) a function's raw pointer parameters must keep as SRC does because its
body may lend one to a callee whose reference rests on them: that reference is made at the call site, inside
the body, from the pointer the C ABI entry passed on raw, so the entry asks the same of its C callers.

By type, not by call site: a raw parameter of a struct type whose owned members a callee relies on (its
proven parameters', or, passed on raw again, its own callees'), so it may name one never lent.
"""

from __future__ import annotations

import threading

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import interproc
from llmigrate.signatures.kinds import resolve, split
from llmigrate.signatures.owned import owned_members, owned_paths

_MEMO: list = [None, {}]  # [the Codebase (held, so its id cannot be reused), function id -> struct types]
_LOCK = threading.Lock()


def lent_owned(fn: CFunction, codebase: Codebase) -> tuple[tuple[int, str], ...]:
    """(parameter index, path from it) of the owned members of `fn`'s raw struct pointers that a callee
    relies on (relied_types), matched by the holder's struct type."""
    owned = owned_members(codebase)
    if not owned:
        return ()
    needed = _needed(fn, relied_types(codebase))
    return tuple((i, path) for i in _raw_structs(fn, codebase, needed)
                 for path in owned_paths(fn.params[i].type, codebase, owned))


def relied_types(codebase: Codebase) -> dict[str, set[str]]:
    """Function id -> the struct types whose owned members a reference made in its body or at its entry
    rests on: its proven parameters' (`Upgrade.owned`), and its raw parameters' of a type a callee's
    reference rests on (a fixpoint over the call graph, cycles included)."""
    with _LOCK:
        if _MEMO[0] is codebase:
            return _MEMO[1]
    types: dict[str, set[str]] = {}
    for fn in codebase.functions.values():
        types[fn.id] = {_base(fn.params[j].type, codebase) for u in interproc.proven(fn, codebase).values()
                        for j, _ in u.owned}
    changed = True
    while changed:  # a type only grows the sets: this ends
        changed = False
        for fn in codebase.functions.values():
            raw = _raw_structs(fn, codebase, _needed(fn, types))
            more = {_base(fn.params[i].type, codebase) for i in raw}
            if not more <= types[fn.id]:
                types[fn.id] |= more
                changed = True
    with _LOCK:
        _MEMO[:] = [codebase, types]
    return types


def _needed(fn: CFunction, types: dict[str, set[str]]) -> set[str]:
    return set().union(*(types.get(c, set()) for c in fn.callees if c != fn.id))


def _raw_structs(fn: CFunction, codebase: Codebase, needed: set[str]) -> list[int]:
    """`fn`'s raw pointer parameters to one of the struct types `needed`."""
    proven = interproc.proven(fn, codebase)
    return [i for i, p in enumerate(fn.params) if i not in proven and split(p.type)[1] == 1 and
            _base(p.type, codebase) in needed]


def _base(c_type: str, codebase: Codebase) -> str:
    return resolve(split(c_type)[0], codebase)


def assumption(names: list[str], proven: dict, lent: tuple[tuple[int, str], ...] = ()) -> str:
    """What the references proven by owned members (signatures_owned) ask of C outside SRC, which could fill
    those members itself (point `s->data` at `s->buf`): to keep them as every store in SRC does; `lent`:
    those of raw parameters the body may lend to a callee relying on them (signatures.lent)."""
    pairs = [pair for up in proven.values() for pair in up.owned] + list(lent)
    paths = list(dict.fromkeys(member(names, proven, j, m) for j, m in pairs))
    if not paths:
        return ""
    structs = [f"`{names[i]}[..]`" if up.conv.startswith("slice") else f"`*{names[i]}`"
               for i, up in proven.items() if up.owned] + [f"`*{names[j]}`" for j, _ in lent]
    structs = ", ".join(dict.fromkeys(structs))
    held = "it holds only a buffer of its own" if len(paths) == 1 else "they hold only buffers of their own"
    return f"{', '.join(paths)} must not point into {structs} or any other struct, nor into a buffer " \
        f"holding one ({held}, as every store in SRC puts there)"


def member(names: list[str], proven: dict, j: int, path: str) -> str:
    """An owned member as C names it from parameter `j`: each element's, `p[_].data`, for a slice."""
    up = proven.get(j)
    if up is not None and up.conv.startswith("slice"):  # of structs, or of pointers to them (`[0]->data`)
        return f"`{names[j]}[_]{path[3:]}`" if path.startswith("[0]") else \
            f"`{names[j]}[_].{path.removeprefix('->')}`"
    return f"`{names[j]}{path}`"
