"""Borrow proofs for functions that call each other in a cycle: the greatest fixpoint over the cycle.

A pointer passed to a callee parameter counts as a dereference only when that parameter is itself proven a
reference; within a cycle of calls no proof comes first. So every member starts from the best hypothesis
(each pointer parameter a reference), each member is proven again under the hypotheses of the others, and
the round repeats until nothing changes: then every proof holds given the signatures the others really get
(a consistent assignment, as type inference gives a recursive function). A cycle that does not settle within
a few rounds keeps the old answer: a pointer passed around the cycle stays raw.
"""

from __future__ import annotations

from collections.abc import Callable

from llmigrate.core import Codebase
from llmigrate.signatures.kinds import element
from llmigrate.signatures.proof import Upgrade

ROUNDS = 8
# (function id, the conv of callee parameter (id, index) -> "ref"/...|"value") -> proven parameters
Prover = Callable[[str, Callable[[str, int], str]], dict[int, Upgrade]]


def solve(members: list[str], codebase: Codebase, prove: Prover) -> dict[str, dict[int, Upgrade]] | None:
    """Each member's proven parameters at the fixpoint, or None when the rounds do not settle."""
    hypothesis = {g: _best(g, codebase) for g in members}
    for _ in range(ROUNDS):
        def conv(callee: str, index: int, hyp: dict = hypothesis) -> str:
            up = hyp[callee].get(index)
            return up.conv if up is not None else "value"
        found = {g: prove(g, conv) for g in members}
        if found == hypothesis:
            return found
        hypothesis = found
    return None


def _best(fid: str, codebase: Codebase) -> dict[int, Upgrade]:
    """Every pointer parameter a reference: shared where the C declares it const, else mutable."""
    params = codebase.functions[fid].params
    found = {}
    for i, p in enumerate(params):
        elem = element(p.type, codebase)
        if elem is not None:
            found[i] = Upgrade("ref" if elem[1] else "mut_ref")
    return found
