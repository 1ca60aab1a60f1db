"""The order functions are compared in: callees first, and no caller of a callee shown to differ.

The Rust of a caller calls the Rust of its callees, so a callee that differs (say, loops forever) makes its
callers differ too, whatever their own code: they would be blamed for it, sent to repair for it, and pay for
it (a hang costs watchdogs on every input that reaches it, and more while the counterexample is shrunk). So a
function is tested once the functions it calls have their verdicts; when one of them differs, or was not
checked for that reason, it is not tested, and says which callee's difference stands in its way. Mutually
recursive functions are tested together, and a caller of one of them waits for all. Verdicts depend only on
the callees' verdicts, so any number of jobs gives the same results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from typing import Any, TypeVar

import networkx as nx

R = TypeVar("R", bound=Any)  # a verdict: has `.equivalence`

NOT_CHECKED = "not checked: it calls the Rust of"


class CalleesFirst:
    """Which functions can be tested now (`next`), given the verdicts so far."""

    def __init__(self, fids: Iterable[str], callees: Mapping[str, Iterable[str]]):
        graph = nx.DiGraph()
        graph.add_nodes_from(fids)
        graph.add_edges_from((f, c) for f in list(graph) for c in callees.get(f, ()) if c in graph and c != f)
        dag = nx.condensation(graph)  # mutually recursive functions: one node, `members`
        cycle = dag.graph["mapping"]
        # A function waits for every function of its callees' cycles: its Rust may reach any of them.
        self.waits = {f: sorted({m for c in graph.successors(f) if cycle[c] != cycle[f]
                                 for m in dag.nodes[cycle[c]]["members"]}) for f in graph}
        self.pending = sorted(graph)  # neither started nor skipped
        self.blocked: dict[str, str] = {}  # function -> the differing function its Rust reaches

    def next(self, verdicts: Mapping[str, str]) -> tuple[list[str], dict[str, str]]:
        """The functions to test now, and those never to test with why; `verdicts`: function -> equivalence
        of those tested so far. Call again after each verdict; ([], {}) once nothing is left to start."""
        go: list[str] = []
        skip: dict[str, str] = {}
        progress = True
        while progress:
            progress = False
            for f in list(self.pending):
                waits = self.waits[f]
                if not all(c in verdicts or c in self.blocked for c in waits):
                    continue
                self.pending.remove(f)
                progress = True
                culprit = next((self.blocked.get(c, c) for c in waits
                                if c in self.blocked or verdicts[c] == "differs"), None)
                if culprit is None:
                    go.append(f)
                    continue
                self.blocked[f] = culprit
                via = "" if culprit in waits else " (through its callees)"
                skip[f] = (f"{NOT_CHECKED} `{culprit}`{via}, which differs from the C, so a difference here "
                           "would be that function's")
        return go, skip


def callees_first(fids: Iterable[str], callees: Mapping[str, Iterable[str]], test: Callable[[str], R],
                  skipped: Callable[[str, str], R], pool: Executor | None = None) -> dict[str, R]:
    """`test(fid)` (a result with `.equivalence`) for each function in `CalleesFirst` order, on `pool` (None:
    here, one at a time), and `skipped(fid, why)` for those not to test."""
    order = CalleesFirst(fids, callees)
    results: dict[str, R] = {}
    running: dict[Future, str] = {}
    while True:
        go, skip = order.next({f: r.equivalence for f, r in results.items()})
        results.update((f, skipped(f, why)) for f, why in skip.items())
        if pool is None:
            if not go:
                return results
            results.update((f, test(f)) for f in go)
            continue
        running.update((pool.submit(test, f), f) for f in go)
        if not running:
            return results
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            results[running.pop(future)] = future.result()


def released(graph: nx.DiGraph, plans: Mapping[str, Any], results: Mapping[str, Any]) -> dict[str, Any]:
    """The plans of functions not checked because their Rust reaches one that differed, now that none of the
    functions they reach (in the call `graph`) differs: reruns settled those as the C's undefined behaviour.
    A function is released at most once per verdict that blocked it: its rerun gives it another."""
    blocked = [fid for fid in plans if (results[fid].untested_reason or "").startswith(NOT_CHECKED)]
    differing = {fid for fid, r in results.items() if r.equivalence == "differs"}
    return {fid: plans[fid] for fid in blocked if fid in graph and not nx.descendants(graph, fid) & differing}
