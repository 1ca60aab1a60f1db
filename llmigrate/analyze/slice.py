"""Context slices: for each function, the types, globals and macros it needs, closed transitively."""

from __future__ import annotations

from dataclasses import dataclass, field

from llmigrate.analyze.parse import Uses
from llmigrate.core import Codebase, ContextSlice


@dataclass
class Deps:
    """What each type, global and macro mentions (kept out of the Codebase, used to close slices)."""

    types: dict[str, Uses] = field(default_factory=dict)
    globals: dict[str, Uses] = field(default_factory=dict)
    macros: dict[str, Uses] = field(default_factory=dict)
    enumerators: dict[str, str] = field(default_factory=dict)  # enumerator -> enum type name

    def type_refs(self, uses: Uses, cb: Codebase, words: bool = False) -> set[str]:
        """Types named in `uses`: typedef names, tags, enumerator constants (and bare words for macros)."""
        types = cb.types.keys()
        found = (types & uses.types) | (types & uses.tags)
        if self.enumerators:
            enums = self.enumerators.keys()
            found |= {self.enumerators[v] for v in (enums & uses.values) | (enums & uses.calls)}
        if words:
            found |= types & uses.values
        return found

    def macro_closure(self, names: set[str]) -> set[str]:
        """`names` and every macro their bodies mention, transitively."""
        todo, seen = list(names), set(names)
        while todo:
            uses = self.macros.get(todo.pop())
            for n in (uses.values | uses.calls) if uses else ():
                if n in self.macros and n not in seen:
                    seen.add(n)
                    todo.append(n)
        return seen


def make_slices(cb: Codebase, deps: Deps) -> dict[str, ContextSlice]:
    """One ContextSlice per function: dependencies first, so a translator can emit them in order."""
    edges = _edges(cb, deps)
    global_types = {g: [("t", t) for t in deps.type_refs(uses, cb)] for g, uses in deps.globals.items()}
    slices, closures = {}, {}
    for fid, fn in cb.functions.items():
        roots = [("t", t) for t in fn.types_used] + [("m", m) for m in fn.macros_used]
        for g in fn.globals_used:
            roots += global_types[g]
        order, seen = [], set()
        for root in sorted(set(roots)):  # same order as one depth-first walk from all roots
            if root not in closures:
                closures[root] = _postorder([root], edges)
            for node in closures[root]:
                if node not in seen:
                    seen.add(node)
                    order.append(node)
        slices[fid] = ContextSlice(function=fid, types=[n for k, n in order if k == "t"],
                                   globals=list(fn.globals_used), macros=[n for k, n in order if k == "m"],
                                   callees=list(fn.callees))
    return slices


def _edges(cb: Codebase, deps: Deps) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Types depend on types (fields, typedefs) and macros (array sizes); macros on macros and types."""
    edges: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for name, ctype in cb.types.items():
        uses = deps.types[name]
        macros = {n for n in uses.values | uses.calls | uses.types if n in cb.macros}
        edges[("t", name)] = sorted({("t", t) for t in ctype.depends_on} | {("m", m) for m in macros})
    for name, uses in deps.macros.items():
        macros = {n for n in uses.values | uses.calls if n in cb.macros and n != name}
        types = deps.type_refs(uses, cb, words=True)
        edges[("m", name)] = sorted({("m", m) for m in macros} | {("t", t) for t in types})
    return edges


def _postorder(roots: list[tuple[str, str]], edges: dict) -> list[tuple[str, str]]:
    """Depth-first post-order from roots: every node after the nodes it depends on (cycles broken)."""
    order, seen = [], set()
    for root in roots:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(edges.get(root, ())))]
        while stack:
            node, it = stack[-1]
            nxt = next((n for n in it if n not in seen), None)
            if nxt is None:
                stack.pop()
                order.append(node)
            else:
                seen.add(nxt)
                stack.append((nxt, iter(edges.get(nxt, ()))))
    return order
