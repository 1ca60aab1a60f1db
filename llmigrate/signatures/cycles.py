"""Borrow proofs for functions that call each other in a cycle: the greatest fixpoint over the cycle.

A pointer passed to a callee parameter counts as a dereference only when that parameter is itself proven a
reference; within a cycle of calls no proof comes first. So every member starts from the best hypothesis
(each pointer parameter a shared reference, which every caller may pass to), each member is proven again
under the hypotheses of the others, and the round repeats until nothing changes: then every proof holds
given the signatures the others really get (a consistent assignment, as type inference gives a recursive
function). A hypothesis a member refutes is weakened a step, then given up for good. A cycle that does not
settle within a few rounds keeps the old answer: a pointer passed around the cycle stays raw.

Why a consistent assignment is sound although it assumed itself: each rule's claim about a parameter is one
a terminating call establishes by induction on its depth of recursion. "Dereferenced (or read to its NUL)
on every call" holds for the deepest call, which passes the pointer to no member, and for each call above
it, which passes it to a call of which it holds; the aliasing rules (no other parameter or global reaches
the pointee) are checked in each member's own body whatever the hypothesis, and a pass to a member proven
a reference is a use that member's own proof made sound. A call that never returns (unbounded recursion)
overflows C's stack as well. The hypothesis only picks which consistent assignment the rounds reach, so
weakening it step by step (below) keeps every answer sound: only `found == hypothesis` is ever returned.
"""

from __future__ import annotations

from collections.abc import Callable

from llmigrate.core import Codebase
from llmigrate.signatures import slots
from llmigrate.signatures.cstr import is_char_pointer
from llmigrate.signatures.kinds import element
from llmigrate.signatures.proof import Upgrade

ROUNDS = 12
# (function id, the conv of callee parameter (id, index) -> "ref"/...|"value") -> proven parameters
Prover = Callable[[str, Callable[[str, int], str]], dict[int, Upgrade]]
# A hypothesis a member's own proof refutes is tried one step weaker before the parameter is given up: a
# `&mut` a round proved and a later one refuted (its callee turned shared) may hold as `&T`, and a `char *`
# read as a string passed around the cycle (`strcmp(x, s); rec(..., s)`) refutes `&T` but holds as `&CStr`.
_WEAKER = {"mut_ref": "ref", "opt_mut": "opt_ref", "ref": "cstr", "opt_ref": "opt_cstr"}
_STRING_CONVS = ("cstr", "opt_cstr")


def solve(members: list[str], codebase: Codebase, prove: Prover) -> dict[str, dict[int, Upgrade]] | None:
    """Each member's proven parameters at the fixpoint, or None when the rounds do not settle."""
    hypothesis = {g: best(g, codebase) for g in members}
    given_up: set[tuple[str, int]] = set()
    for _ in range(ROUNDS):
        def conv(callee: str, index: int, hyp: dict = hypothesis) -> str:
            up = hyp[callee].get(index)
            return up.conv if up is not None else "value"
        found = {g: prove(g, conv) for g in members}
        if found == hypothesis:
            return found
        hypothesis = {g: _next(g, hypothesis[g], found[g], given_up, codebase) for g in members}
    return None


def _next(fid: str, hypothesis: dict[int, Upgrade], found: dict[int, Upgrade], given_up: set[tuple[str, int]],
          codebase: Codebase) -> dict[int, Upgrade]:
    """The next round's hypothesis for `fid`: what this round proved, and for a parameter it refuted, its
    hypothesis one step weaker (`_WEAKER`; a C string only for a `char *`) while there is one, else the
    parameter is given up (added to `given_up`) for good, even where a later round proves it under
    hypotheses since given up: taken back, two members each proven only while the other was not swapped
    back and forth and never settled."""
    following = {i: up for i, up in found.items() if (fid, i) not in given_up}
    for i, up in hypothesis.items():
        if i in found:
            continue
        weaker = _WEAKER.get(up.conv)
        if weaker is not None and (weaker not in _STRING_CONVS or _char_pointer(fid, i, codebase)):
            following[i] = Upgrade(weaker)
        else:
            given_up.add((fid, i))
    return following


def _char_pointer(fid: str, index: int, codebase: Codebase) -> bool:
    from llmigrate.signatures.mapper import c_type_to_rust  # the mapper imports this module (interproc)

    return is_char_pointer(c_type_to_rust(codebase.functions[fid].params[index].type, codebase))


def best(fid: str, codebase: Codebase) -> dict[int, Upgrade]:
    """Every pointer parameter a shared reference, the conv every caller may pass to (a pointer it reads
    only, `const` or not, may not be passed to a `&mut`): a member writing through it proves `&mut` in the
    first round, and its callers are proven again against that."""
    params = codebase.functions[fid].params
    return {i: Upgrade("ref") for i, p in enumerate(params)
            if element(p.type, codebase) is not None or slots.is_slot(p.type, codebase)}  # a `T **`'s too
