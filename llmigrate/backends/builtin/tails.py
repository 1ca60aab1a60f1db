"""A function ending in an `if`/`else` whose branches all return: each branch's final `return v;` as its
value `v` (Rust's idiom; clippy's needless_return looks into the arms of a tail `if` too)."""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.rust_syntax import parse


def tail_values(text: str) -> str:
    """`text` (items) with the final returns of each function's tail `if` arms as the arms' values;
    unchanged when it does not parse."""
    src = parse(text)
    if src.root.has_error:
        return text
    edits: list[tuple[int, int, str]] = []
    for item in src.root.named_children:
        body = item.child_by_field_name("body") if item.type == "function_item" else None
        last = _last(body) if body is not None else None
        if last is not None and last.type == "expression_statement" and not last.text.endswith(b";"):
            edits += _arm_edits(src, last.named_children[0])
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _last(block: Node) -> Node | None:
    kids = [c for c in block.named_children if "comment" not in c.type]
    return kids[-1] if kids else None


def _arm_edits(src, node: Node) -> list[tuple[int, int, str]]:
    """For an `if` (else-if chains included) with an `else`: each arm's final `return`, as a value."""
    if node.type != "if_expression" or node.child_by_field_name("alternative") is None:
        return []
    arms = [node.child_by_field_name("consequence")]
    other = node.child_by_field_name("alternative").named_children[0]
    edits: list[tuple[int, int, str]] = []
    if other.type == "if_expression":
        nested = _arm_edits(src, other)
        if not nested:
            return []
        edits += nested
    else:
        arms.append(other)
    for arm in arms:
        stmt = _last(arm)
        ret = stmt.named_children[0] if stmt is not None and stmt.type == "expression_statement" \
            and stmt.named_children else None
        if ret is None or ret.type != "return_expression":
            return []
        value = ret.named_children
        edits.append((*src.span(stmt), f"({src.cut(value[0])})" if value else ""))
    return edits
