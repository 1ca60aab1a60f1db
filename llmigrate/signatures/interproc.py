"""Proofs across calls: a caller's pointer may be a reference only as its callee's parameter is, so each
function's proven parameters are memoised per codebase, callees first; a cycle of calls is solved at its
fixpoint (signatures/cycles.py) over the call graph's strongly connected components.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import networkx as nx

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.borrow import decide, upgrades
from llmigrate.signatures.cycles import best, solve
from llmigrate.signatures.proof import PASSED
from llmigrate.signatures.voids import views

LOCK = threading.RLock()  # translation threads may map callees concurrently; hdrinline builds under it


@dataclass
class Proofs:
    """What the proofs across calls memoise for one codebase."""

    codebase: Codebase  # held, so that its id cannot be reused while the entry lives
    upgrades: dict[str, dict | None] = field(default_factory=dict)  # fid -> upgrades, None while proven
    reached: dict = field(default_factory=dict)  # fid -> globals it reaches (reach.py's memo)
    cycles: dict[str, frozenset[str]] = field(default_factory=dict)  # fid -> its call graph cycle
    read_only: dict = field(default_factory=dict)  # fid -> read-only (overlaps.py's memo)
    settled: set[str] = field(default_factory=set)  # the functions of the cycles that settled

    def facts(self) -> tuple[dict, dict]:
        """The memos borrow.upgrades/decide take."""
        return self.reached, self.read_only


# The codebases proven most recently, by identity. More than one: a header helper (hdrinline.py) is read in
# a codebase of its own while its SRC caller is being proven, and reading it must not drop the caller's
# codebase's proofs (hdrinline forgets the helper's after); a few, not all: a process (tests) may map many
# codebases, and each entry holds one.
_KEPT = 4
_TABLE: OrderedDict[int, Proofs] = OrderedDict()


def proofs(codebase: Codebase) -> Proofs:
    """The memo of `codebase`'s proofs (made empty the first time it is asked)."""
    with LOCK:
        found = _TABLE.get(id(codebase))
        if found is None or found.codebase is not codebase:
            found = _TABLE[id(codebase)] = Proofs(codebase)
            while len(_TABLE) > _KEPT:
                _TABLE.popitem(last=False)
        _TABLE.move_to_end(id(codebase))
        return found


def forget(codebase: Codebase) -> None:
    """Drop `codebase`'s proofs (a helper's scratch codebase, read once)."""
    with LOCK:
        found = _TABLE.get(id(codebase))
        if found is not None and found.codebase is codebase:
            del _TABLE[id(codebase)]


def proven(fn: CFunction, codebase: Codebase) -> dict:
    """Proven reference/slice parameters of `fn`, memoised per codebase (callers need their callees')."""
    with LOCK:
        if fn.id not in codebase.functions:  # a header's static inline SRC calls (hdrinline.py)
            from llmigrate.signatures.hdrinline import helper_of

            found = helper_of(fn, codebase)
            return found.proven if found is not None else {}
        memo = proofs(codebase)
        if fn.id not in memo.upgrades and _in_cycle(fn.id, codebase):
            _solve_cycle(fn, codebase, memo)
        if fn.id not in memo.upgrades:
            memo.upgrades[fn.id] = None
            memo.upgrades[fn.id] = upgrades(fn, codebase, lambda name, i: _callee_conv(fn, name, i, codebase),
                                            memo.facts())
        return memo.upgrades[fn.id] or {}


def _solve_cycle(fn: CFunction, codebase: Codebase, memo: Proofs) -> None:
    """Proofs for the cycle of calls through `fn` at their fixpoint (signatures_cycles), when it settles."""
    members = sorted(_cycle_of(fn.id, codebase))

    def prove(fid: str, conv) -> dict:
        caller, cycle = codebase.functions[fid], (members, conv)
        return upgrades(caller, codebase, lambda name, i: _callee_conv(caller, name, i, codebase, cycle),
                        memo.facts())
    solved = solve(members, codebase, prove)
    if solved is not None:
        memo.upgrades.update(solved)
        memo.settled.update(members)


def _callee_conv(caller: CFunction, name: str, index: int, codebase: Codebase, cycle=None) -> str | None:
    """The conv of parameter `index` of the SRC function `name` called by `caller`: "value" when it stays
    raw, "recursive" for a mutually recursive callee of a cycle that did not settle, None for a function
    outside SRC but for a header's static inline the rules prove (hdrinline.py). `cycle`: (members, their
    hypothesised convs) while a cycle is being solved."""
    ids = [fid for fid in caller.callees
           if fid in codebase.functions and codebase.functions[fid].name == name]
    if not ids and name in caller.external_calls:
        from llmigrate.signatures.hdrinline import helper

        found = helper(name, codebase)
        up = found.proven.get(index) if found is not None else None
        return None if found is None else up.conv if up is not None else "value"
    if len(ids) != 1:
        return None
    if cycle is not None and ids[0] in cycle[0]:
        return cycle[1](ids[0], index)
    if _cycle_of(ids[0], codebase) is _cycle_of(caller.id, codebase) and \
            ids[0] not in proofs(codebase).settled:
        return "recursive"
    callee = codebase.functions[ids[0]]
    if index in views(callee, codebase):
        return "value"  # a `void *` typed by its uses: a caller may pass a pointer of another type
    up = proven(callee, codebase).get(index)
    return up.conv if up is not None and index < len(callee.params) else "value"


def call_graph(codebase: Codebase) -> nx.DiGraph:
    """Every function of the codebase, with an edge to each callee the codebase defines."""
    graph = nx.DiGraph()
    graph.add_nodes_from(codebase.functions)
    graph.add_edges_from((f, c) for f, fn in codebase.functions.items() for c in fn.callees
                         if c in codebase.functions)
    return graph


def _cycle_of(fid: str, codebase: Codebase) -> frozenset[str]:
    """The strongly connected component of the call graph `fid` lies in (one shared set per component),
    numbered once per codebase (the set of functions each callee reaches, kept per callee, grew with the
    codebase's size squared)."""
    memo = proofs(codebase).cycles
    if not memo:
        for comp in nx.strongly_connected_components(call_graph(codebase)):
            members = frozenset(comp)
            memo.update(dict.fromkeys(members, members))
    return memo[fid]


def _in_cycle(fid: str, codebase: Codebase) -> bool:
    """`fid` calls itself, directly or through others."""
    return len(_cycle_of(fid, codebase)) > 1 or fid in codebase.functions[fid].callees


def decided(fn: CFunction, codebase: Codebase) -> dict:
    """Parameter index -> its proven form or why it stays raw, with its callees' proofs memoised."""
    with LOCK:
        proven(fn, codebase)
        memo = proofs(codebase)
        found = decide(fn, codebase, lambda name, i: _callee_conv(fn, name, i, codebase), memo.facts())
        if fn.id in memo.settled and PASSED["value"] in found.values():
            found = _beneath_cycle(fn, codebase, found)
        return found


def _beneath_cycle(fn: CFunction, codebase: Codebase, found: dict) -> dict:
    """`found` with the reason of a parameter of a settled cycle's member that stays raw as "passed to a
    callee whose parameter stays raw" replaced by the rule that fails with every member's pointer parameters
    assumed shared references (the cycle's first hypothesis), when one does: the pass around the cycle only
    says that the parameter stays raw, this says why (a recursive `f(p)` is not raw because of itself)."""
    members = _cycle_of(fn.id, codebase)

    def assumed(fid: str, index: int) -> str:
        up = best(fid, codebase).get(index)
        return up.conv if up is not None else "value"
    alone = decide(fn, codebase, lambda name, i: _callee_conv(fn, name, i, codebase, (members, assumed)),
                   proofs(codebase).facts())
    return {i: alone[i] if why == PASSED["value"] and isinstance(alone.get(i), str) else why
            for i, why in found.items()}


def unsettled(graph: nx.DiGraph, start: int, memo: dict) -> list[int]:
    """The components reachable from `start` not yet decided, callees first. A decided component's callees
    are all decided, so the walk does not enter it: each component is walked once per run, not once per
    caller reaching it (which made deciding every function quadratic on a connected call graph)."""
    def settled(c: int) -> bool:
        return all(m in memo for m in graph.nodes[c]["members"])

    if settled(start):
        return []
    order: list[int] = []
    seen = {start}
    stack = [(start, iter(graph.successors(start)))]
    while stack:
        comp, kids = stack[-1]
        kid = next((k for k in kids if k not in seen and not settled(k)), None)
        if kid is None:
            order.append(comp)
            stack.pop()
        else:
            seen.add(kid)
            stack.append((kid, iter(graph.successors(kid))))
    return order
