"""The plan stage: call graph -> units (strongly connected components) in levels, callees first."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from llmigrate.analyze.codebase import paused_gc
from llmigrate.core import Codebase, LlmigrateError, Plan, Unit


def call_graph(codebase: Codebase) -> nx.DiGraph:
    """caller -> callee over the functions of SRC (external and indirect calls are not edges)."""
    graph = nx.DiGraph()
    for fid in sorted(codebase.functions):
        graph.add_node(fid)
    graph.add_edges_from((fid, callee) for fid in sorted(codebase.functions)
                         for callee in codebase.functions[fid].callees)
    return graph


def make_plan(codebase: Codebase) -> Plan:
    """Units in levels: every unit's callees are in earlier levels, so a level's units are independent."""
    with paused_gc():
        return _plan(codebase)


def _plan(codebase: Codebase) -> Plan:
    graph = call_graph(codebase)
    comps = [sorted(c) for c in nx.strongly_connected_components(graph)]
    units = [Unit(comp[0] if len(comp) == 1 else "scc:" + "+".join(comp), comp) for comp in comps]
    level: dict[int, int] = {}
    dag = nx.condensation(graph, comps)  # node i is comps[i]
    for i in reversed(list(nx.topological_sort(dag))):  # callees before callers
        level[i] = 1 + max((level[j] for j in dag.successors(i)), default=-1)
    levels: list[list[Unit]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for i, unit in enumerate(units):
        levels[level[i]].append(unit)
    for lv in levels:
        lv.sort(key=lambda u: u.id)
    taken = sorted(fid for fid, fn in codebase.functions.items() if fn.address_taken)
    fns = codebase.functions
    return Plan(
        levels=levels,
        cycles=sorted(u.functions for u in units if u.is_cycle),
        externals={fid: fn.external_calls for fid, fn in sorted(fns.items()) if fn.external_calls},
        indirect={fid: taken for fid, fn in sorted(fns.items()) if fn.indirect_calls},
        graph=graph,
    )


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_dot(plan: Plan, codebase: Codebase, path: Path) -> None:
    """The call graph as Graphviz DOT: a cluster per file, cycles in red, address-taken functions dashed."""
    in_cycle = {fid for c in plan.cycles for fid in c}
    by_file: dict[str, list[str]] = {}
    for fid in sorted(codebase.functions):
        by_file.setdefault(codebase.functions[fid].file, []).append(fid)
    out = ["digraph calls {", "  rankdir=LR;", "  node [shape=box, fontname=monospace];"]
    for i, (file, fids) in enumerate(sorted(by_file.items())):
        out.append(f"  subgraph cluster_{i} {{\n    label={_quote(file)};")
        for fid in fids:
            fn = codebase.functions[fid]
            attrs = [f"label={_quote(fn.name)}"]
            if fid in in_cycle:
                attrs.append("color=red")
            if fn.address_taken:
                attrs.append("style=dashed")
            out.append(f"    {_quote(fid)} [{', '.join(attrs)}];")
        out.append("  }")
    graph = plan.graph if plan.graph is not None else call_graph(codebase)
    out += [f"  {_quote(a)} -> {_quote(b)};" for a, b in sorted(graph.edges)]
    for fid, candidates in sorted(plan.indirect.items()):
        out += [f"  {_quote(fid)} -> {_quote(c)} [style=dotted, color=gray];" for c in candidates]
    out.append("}")
    try:
        Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
    except OSError as e:
        raise LlmigrateError(f"{path}: cannot write the DOT file: {e.strerror or e}") from e
