"""proof.walk, which every borrow proof uses to read a body: tree-sitter's nodes in document order, from the
node it starts at and never past it."""

from __future__ import annotations

from llmigrate.signatures.proof import parse_c, walk

SOURCE = b"""int f(int *p, int n) {
    int s = 0; /* sum */
    for (int i = 0; i < n; i++) s += p[i] ? p[i] : -1;
    return s;
}
"""


def _recursive(n):
    yield n
    for ch in n.children:
        yield from _recursive(ch)


def test_walk_is_the_pre_order_of_every_subtree() -> None:
    root = parse_c(SOURCE)
    nodes = list(_recursive(root))
    assert len(nodes) > 40
    for start in nodes:  # a leaf or an inner node: the walk stays inside it
        assert [(n.id, n.type) for n in walk(start)] == [(n.id, n.type) for n in _recursive(start)]
