"""Walks of tree-sitter C trees, kept per node: the proofs walk the same bodies and statements again and
again (95% of the nodes visited on the corpus were of a node walked before) and look up a parameter's uses
in every one of them. Trees are immutable, so what is kept never goes stale; each memo holds its key node,
which holds the node's tree, so no other tree's node can take its id while the entry lives."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from tree_sitter import Node


def node_text(n: Node) -> str:
    return n.text.decode() if n.text is not None else ""


def walk(n: Node) -> Iterator[Node]:
    """`n` and its descendants in document order."""
    return iter(_walked(n))


def first(n: Node, kind: str) -> Node | None:
    """The first node of type `kind` in `n`'s walk (document order), found without walking the rest (not
    kept: a text's root is asked once, and its walk would push bodies the proofs walk out of the memo)."""
    cursor = n.walk()
    while True:
        if cursor.node.type == kind:
            return cursor.node
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return None


@lru_cache(maxsize=512)
def _walked(n: Node) -> tuple[Node, ...]:
    found, cursor = [], n.walk()  # a tree cursor: a recursive generator cost twice as much
    while True:
        found.append(cursor.node)
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():  # back at `n`, the cursor's root
                return tuple(found)


@lru_cache(maxsize=512)
def identifiers(n: Node) -> dict[str, tuple[Node, ...]]:
    """The `identifier` nodes of `n` and its descendants by name, each name's in document order."""
    found: dict[str, list[Node]] = {}
    for k in _walked(n):
        if k.type == "identifier":
            found.setdefault(node_text(k), []).append(k)
    return {name: tuple(nodes) for name, nodes in found.items()}
