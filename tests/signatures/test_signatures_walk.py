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


def test_a_body_is_parsed_once_per_text_and_read_the_same_by_each_rule() -> None:
    from llmigrate.core import CFunction
    from llmigrate.signatures.proof import body_of, body_only

    text = SOURCE.decode()
    fn = CFunction(id="f", name="f", file="f.c", start_line=1, end_line=5, signature="int f(int *p, int n)",
                   return_type="int", params=[], source=text)
    body = body_of(fn)
    assert body is not None and body.type == "compound_statement" and body.text.decode().startswith("{")
    assert body_of(fn) is body  # the rules share one parse (a tree is never changed)
    apart = body_only(text, fn.signature)  # the body parsed apart from its declaration: the same statements
    assert apart is not None and apart.text == body.text and body_only(text, fn.signature) is apart
    broken = CFunction(id="g", name="g", file="g.c", start_line=1, end_line=1, signature="int g(void)",
                       return_type="int", params=[], source="int g(void) { return (; }")
    assert body_of(broken) is None


def test_a_kept_walk_is_the_walk_and_a_new_tree_gets_its_own() -> None:
    """treewalk keeps each node's walk and its identifiers by name: what it returns is what walking anew
    returns, every time; a tree parsed from changed text is another key, never the old tree's entry."""
    from llmigrate.signatures.proof import occurrences
    from llmigrate.signatures.treewalk import identifiers, node_text

    root = parse_c(SOURCE)
    body = next(n for n in _recursive(root) if n.type == "compound_statement")
    fresh = [(n.id, n.type) for n in _recursive(body)]
    assert [(n.id, n.type) for n in walk(body)] == fresh == [(n.id, n.type) for n in walk(body)]
    names = {}
    for n in _recursive(body):
        if n.type == "identifier":
            names.setdefault(node_text(n), []).append(n.id)
    assert {k: [n.id for n in v] for k, v in identifiers(body).items()} == names
    assert [n.id for n in occurrences(body, "p")] == names["p"] and occurrences(body, "i") is None  # `int i`
    changed = parse_c(SOURCE.replace(b"p[i] ? p[i] : -1", b"n"))
    body2 = next(n for n in _recursive(changed) if n.type == "compound_statement")
    assert "p" not in identifiers(body2) and occurrences(body2, "p") == []
    assert [(n.id, n.type) for n in walk(body2)] == [(n.id, n.type) for n in _recursive(body2)]
