"""C's block scopes over a function body: which declaration each identifier names. A name a scan maps to a
type or a parameter is that variable only where no local of an inner block hides it (`int f(long x) { if
(k) { int x = 1; } return g(x); }`: the `x` passed is the long), so the scans read a name through these."""

from __future__ import annotations

from functools import lru_cache

from tree_sitter import Node

from llmigrate.signatures.proof import declares
from llmigrate.signatures.treewalk import identifiers, node_text, walk

# Nodes opening a scope inside a body: a block, a `for` (its declaration), a local prototype's parameters
_SCOPES = frozenset({"compound_statement", "for_statement", "parameter_list"})


@lru_cache(maxsize=512)
def bindings(body: Node) -> dict[int, Node | None]:
    """Identifier node id -> the declarator identifier of the local it names (itself for the one declaring),
    None for a name no local in sight declares (a parameter, a global, a function, an enumerator, a macro).
    A declarator is in scope from its own name on (`int x = x;` reads the new `x`, C11 6.2.1p7)."""
    found: dict[int, Node | None] = {}
    scopes: list[tuple[int, dict[str, Node]]] = [(body.end_byte, {})]
    for n in walk(body):
        while len(scopes) > 1 and n.start_byte >= scopes[-1][0]:
            scopes.pop()
        if n.type in _SCOPES and n.id != body.id:
            scopes.append((n.end_byte, {}))
        elif n.type == "identifier" and declares(n):
            scopes[-1][1][node_text(n)] = found[n.id] = n
        elif n.type == "identifier":
            name = node_text(n)
            found[n.id] = next((s[name] for _, s in reversed(scopes) if name in s), None)
    return found


def meanings(body: Node, name: str) -> set[int | None]:
    """The variables the uses and declarations of `name` in `body` stand for: declarator identifier ids, None
    for what no local declares (a parameter or a global)."""
    where = bindings(body)
    return {d.id if (d := where.get(n.id)) is not None else None for n in identifiers(body).get(name, ())}


def one_variable(body: Node, name: str, param: bool) -> bool:
    """Every occurrence of `name` in `body` is of one variable: the parameter (`param`) no local hides, or one
    local (when no parameter bears the name, nor a global is used by it where the local is out of scope)."""
    found = meanings(body, name)
    return found <= {None} if param else len(found) == 1 and None not in found
