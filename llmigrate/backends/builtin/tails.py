"""A function ending in an `if`/`else` whose branches all return: each branch's final `return v;` as its
value `v` (Rust's idiom; clippy's needless_return looks into the arms of a tail `if` too). A function ending
in a loop nothing breaks out of (a goto state machine whose every path returns): no value after it, which
rustc would report unreachable."""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from llmigrate.rust_syntax import Source, edited, parse

Edit = tuple[int, int, str]  # replace text[start:end] by the string


def rewritten(text: str, find: Callable[[Source], list[Edit]]) -> str:
    """`text` with the edits `find` makes from its syntax tree; unchanged when it does not parse."""
    src = parse(text)
    if src.root.has_error:
        return text
    edits = sorted(find(src), reverse=True)  # from the last: each edit's offsets are the text's own
    return edited(src, edits).text if edits else text  # parsed again from this tree for the next pass


def tail_values(text: str) -> str:
    """`text` (items) with the final returns of each function's tail `if` arms as the arms' values, no
    `break` right after a `return` (a goto state's end) and no value after a loop nothing leaves."""
    return rewritten(rewritten(text, _dead_breaks), _tail_edits)


def _dead_breaks(src: Source) -> list[Edit]:
    """`break 'l;` statements right after a `return`, `continue` or `break` of the same block, or after an
    if/else whose every arm ends in one (rustc's unreachable_code)."""
    edits: list[Edit] = []
    for block in src.of_type("block"):
        kids = [c for c in block.named_children if "comment" not in c.type]
        for prev, stmt in zip(kids, kids[1:], strict=False):
            if _jump(stmt) == "break_expression" and (_jump(prev) is not None or _arms_jump(prev)):
                start, end = src.span(stmt)
                edits.append((len(src.text[:start].rstrip()), end, ""))
    return edits


def _arms_jump(stmt: Node) -> bool:
    """`stmt` is an if/else (else-ifs included) each of whose arms ends in a return, continue or break."""
    e = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else stmt
    if e.type != "if_expression" or e.child_by_field_name("alternative") is None:
        return False
    other = e.child_by_field_name("alternative").named_children[0]
    for arm in (e.child_by_field_name("consequence"), other):
        last = _last(arm) if arm.type == "block" else arm
        if last is None or (_jump(last) is None and not _arms_jump(last)):
            return False
    return True


def _jump(stmt: Node) -> str | None:
    inner = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
    kinds = ("return_expression", "continue_expression", "break_expression")
    return inner.type if inner is not None and inner.type in kinds else None


def _tail_edits(src: Source) -> list[Edit]:
    text = src.text
    edits: list[Edit] = []
    for item in src.root.named_children:
        body = item.child_by_field_name("body") if item.type == "function_item" else None
        last = _last(body) if body is not None else None
        if last is not None and last.type == "expression_statement" and not last.text.endswith(b";"):
            edits += _arm_edits(src, last.named_children[0])
        elif last is not None and _after_endless_loop(body, last):
            start, end = src.span(last)
            edits.append((len(text[:start].rstrip()), end, ""))
        elif last is not None and _literal(last):
            edits += _after_return(src, body, last)
    return edits


def _after_return(src: Source, body: Node, last: Node) -> list[Edit]:
    """`return v; 0` (a fall-off value after a final return) as the tail `v`."""
    kids = [c for c in body.named_children if "comment" not in c.type]
    prev = kids[-2] if len(kids) >= 2 else None
    if prev is None or _jump(prev) != "return_expression":
        return []
    value = prev.named_children[0].named_children
    return [(src.span(prev)[0], src.span(last)[1], f"({src.cut(value[0])})" if value else "")]


def _after_endless_loop(body: Node, last: Node) -> bool:
    """`last` is a literal tail value right after a loop that no `break` leaves."""
    kids = [c for c in body.named_children if "comment" not in c.type]
    before = kids[-2] if len(kids) >= 2 else None
    loop = before.named_children[0] if before is not None and before.type == "expression_statement" \
        and before.named_children else None
    return _literal(last) and loop is not None and loop.type == "loop_expression" and not _broken(loop)


def _literal(node: Node) -> bool:
    """A constant value (the fall-off value funcs.py writes: `0u32`, `u64::MAX`, a null pointer)."""
    return node.type.endswith("_literal") or node.type == "scoped_identifier" or \
        node.type == "call_expression" and node.text.startswith(b"core::ptr::null")


def _broken(loop: Node) -> bool:
    """Some `break` leaves `loop`: one naming its label, or an unlabelled one not inside an inner loop."""
    label = next((c.text for c in loop.children if c.type == "label"), None)
    stack = [(c, False) for c in loop.named_children]
    while stack:
        node, inner = stack.pop()
        if node.type == "break_expression":
            target = next((c.text for c in node.children if c.type == "label"), None)
            if target == label if target is not None else not inner:
                return True
        nested = inner or node.type in ("loop_expression", "while_expression", "for_expression")
        stack.extend((c, nested) for c in node.named_children)
    return False


def _last(block: Node) -> Node | None:
    kids = [c for c in block.named_children if "comment" not in c.type]
    return kids[-1] if kids else None


def _arm_edits(src, node: Node) -> list[tuple[int, int, str]]:
    """For an `if` (else-if chains included) with an `else`: each arm's final `return`, as a value (in an
    arm ending in such an `if`, that `if`'s)."""
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
        if ret is not None and ret.type == "if_expression" and not stmt.text.endswith(b";"):
            nested = _arm_edits(src, ret)  # an arm ending in an `if` whose arms all return: its value
            if not nested:
                return []
            edits += nested
            continue
        if ret is None or ret.type != "return_expression":
            return []
        value = ret.named_children
        edits.append((*src.span(stmt), f"({src.cut(value[0])})" if value else ""))
    return edits
