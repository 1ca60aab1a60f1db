"""A typed pointer parameter copied into a local that stands for it (issue 15, rule local-alias).

`struct T *q = p;` as the only use of parameter `p`, a declaration at the top of the body whose local has
exactly `p`'s type: from there on `q` is `p` under another name (C passes pointers by value, and `p` is
never read again), so the proofs may read the body with `q` renamed to `p` and its declaration dropped,
as voids.py does for a `void *` a local types. What `q` then does is what the proofs judge: stored,
returned, reassigned (`q = q->next`), stepped (`q++`) or address-taken, `p` stays raw for that reason. The
builtin binds the local to the parameter's reference or slice (`let q = p;`, a move of a `&mut`, which
`p` never needs again), so there is one reference, never two live at once. Proofs the builtin keys by the
parameter itself (a C string's cursor offset, a stepped slice's index) are not admitted through a local:
the parameter stays raw ("assigned or copied"), as before.
"""

from __future__ import annotations

import dataclasses
import threading

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import voids
from llmigrate.signatures.kinds import resolve, split
from llmigrate.signatures.proof import Upgrade, occurrences

RULE = "local-alias"
WHY = ("the C's only use of it initialises a local of the same type, never assigned, stepped, stored nor "
       "returned: the parameter under another name, bound to the same reference (`let q = p;`); that "
       "local's uses prove it as its conv's rule would (a dereference on every call, NULL as None where "
       "it is tested, indexes below its count, NULL or a count <= 0 empty); nothing else the call reaches "
       "may alias it")
# convs the builtin carries through the local (REFS and slices); not "cstr" walks nor stepped slices
ADMISSIBLE = ("ref", "mut_ref", "opt_ref", "opt_mut", "slice", "slice_mut")
_NOT_THROUGH = ("stepped-count", "c-string-cursor", "disjoint-checked", "opaque-handle")

_MEMO: list = [None, {}]  # [codebase (held so its id cannot be reused), fid -> (aliased indexes, function)]
_LOCK = threading.RLock()


def typed(fn: CFunction, codebase: Codebase) -> CFunction:
    """`fn` as the proofs read it: voids.typed's, then each aliased parameter's local renamed to it."""
    return _memo(fn, codebase)[1]


def aliased(fn: CFunction, codebase: Codebase) -> frozenset[int]:
    """Indexes of the typed pointer parameters whose only use initialises a local standing for them."""
    return _memo(fn, codebase)[0]


def admissible(conv: str, via: str | None) -> bool:
    """A proof of an aliased parameter the builtin can carry through its local."""
    return conv in ADMISSIBLE and via not in _NOT_THROUGH


def settle(fn: CFunction, codebase: Codebase, found: dict[int, Upgrade | str]) -> None:
    """Parameters proven through the local standing for them: those the builtin cannot carry through it
    stay raw, as the copy left them; the others name the rule where theirs is their conv's."""
    for i in aliased(fn, codebase):
        u = found.get(i)
        if isinstance(u, Upgrade) and not admissible(u.conv, u.via):
            found[i] = "assigned or copied"
        elif isinstance(u, Upgrade) and u.via is None and not u.read_only:
            u.via = RULE


def _memo(fn: CFunction, codebase: Codebase) -> tuple[frozenset[int], CFunction]:
    with _LOCK:
        if _MEMO[0] is not codebase:
            _MEMO[:] = [codebase, {}]
        if fn.id not in _MEMO[1]:
            _MEMO[1][fn.id] = _decide(voids.typed(fn, codebase), codebase, set(voids.views(fn, codebase)))
        return _MEMO[1][fn.id]


def _decide(fn: CFunction, codebase: Codebase, viewed: set[int]) -> tuple[frozenset[int], CFunction]:
    """`viewed`: the `void *` parameters voids.py typed, whose own local (renamed already) the builtin
    binds: a second local copying that one is no parameter to it, so none is taken for an alias."""
    body, shift = voids.body_and_shift(fn)
    if body is None:
        return frozenset(), fn
    found: dict[int, list[tuple[int, int, str]]] = {}
    for i, p in enumerate(fn.params):
        if i in viewed or not p.name or not _typed_pointer(p.type, codebase) or \
                voids.mentioned(fn, codebase, p.name):
            continue
        uses = occurrences(body, p.name)
        local = voids.local_of(uses[0], body, fn, codebase) if uses and len(uses) == 1 else None
        if local is not None and _same(local[0].c_type, p.type):
            found[i] = local[1]
    if not found:
        return frozenset(), fn
    data = fn.source.encode()
    for start, end, text in sorted((e for es in found.values() for e in es), reverse=True):
        data = data[:start + shift] + text.encode() + data[end + shift:]
    return frozenset(found), dataclasses.replace(fn, source=data.decode())


def _typed_pointer(c_type: str, codebase: Codebase) -> bool:
    """A pointer of one level to a named type (not an array, a function, nor `void`: voids.py's)."""
    base, depth, _ = split(c_type)
    return depth == 1 and "[" not in c_type and "(" not in c_type and resolve(base, codebase) != "void"


def _same(local_type: str, param_type: str) -> bool:
    """The local's declared type is the parameter's, as written (qualifiers included): a local adding or
    dropping `const` would make the proofs judge writes against the wrong pointer."""
    return local_type.split() == param_type.replace("*", " * ").split()
