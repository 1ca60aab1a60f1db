"""An `Option` parameter tested then used: `if p.is_some() { *p.as_deref_mut().unwrap() = v; }` as
`if let Some(p) = p.as_deref_mut() { *p = v; }` (C's `if (p) *p = v;`, spelled as Rust spells it)."""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.backends.builtin.tails import Edit, rewritten
from llmigrate.rust_syntax import Source, walk

# The unwrapping forms borrows.py writes, by the `if let` scrutinee each one calls for.
_MUT, _REF = ".as_deref_mut().unwrap()", ".unwrap()"


def if_let(text: str) -> str:
    """`text` with each `if p.is_some() { .. }` (no else) whose block only unwraps `p` as an `if let`."""
    return rewritten(text, _if_let_edits)


def _if_let_edits(src: Source) -> list[Edit]:
    edits: list[Edit] = []
    done = -1
    for node in src.of_type("if_expression"):
        if node.start_byte >= done:
            found = _rewrite(src, node)
            if found:
                edits += found
                done = node.end_byte
    return edits


def _rewrite(src: Source, node: Node) -> list[Edit]:
    test, block = node.child_by_field_name("condition"), node.child_by_field_name("consequence")
    name = _tested(src, test) if node.child_by_field_name("alternative") is None else None
    if name is None or block is None:
        return []
    uses = [n for n in walk(block) if n.type == "identifier" and src.cut(n) == name]
    forms = {_form(src, n) for n in uses}
    if not uses or None in forms or len(forms) != 1:
        return []
    form = forms.pop()
    scrutinee = f"{name}.as_deref_mut()" if form == _MUT else name
    edits = [(*src.span(test), f"let Some({name}) = {scrutinee}")]
    for n in uses:
        whole = _up(n, 4 if form == _MUT else 2)  # the call `p.as_deref_mut().unwrap()` / `p.unwrap()`
        edits.append((*src.span(whole), name if form == _REF or _derefs(whole) else f"&mut *{name}"))
    return edits


def _up(node: Node, levels: int) -> Node:
    for _ in range(levels):
        node = node.parent
    return node


def _tested(src: Source, test: Node | None) -> str | None:
    """`p` for a condition that is exactly `p.is_some()`."""
    if test is None or test.type != "call_expression" or src.cut(test).count("(") != 1:
        return None
    method = test.child_by_field_name("function")
    if method is None or method.type != "field_expression":
        return None
    receiver, field = method.child_by_field_name("value"), method.child_by_field_name("field")
    if receiver is None or receiver.type != "identifier" or field is None or src.cut(field) != "is_some":
        return None
    return src.cut(receiver)


def _form(src: Source, ident: Node) -> str | None:
    """Which unwrapping `ident` stands in (`p.as_deref_mut().unwrap()` or `p.unwrap()`), or None."""
    after = src.span(ident)[1]
    rest = src.text[after:after + len(_MUT)]
    if rest.startswith(_MUT):
        return _MUT
    return _REF if rest.startswith(_REF) else None


def _derefs(whole: Node) -> bool:
    """The unwrapped reference is dereferenced or a field is read through it: the bare name does."""
    parent = whole.parent
    if parent is None:
        return False
    if parent.type == "unary_expression" and parent.text.startswith(b"*"):
        return True
    return parent.type == "field_expression" and parent.child_by_field_name("value") == whole
