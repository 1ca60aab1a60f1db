"""Redundant parentheses out of the builtin's Rust, on the syntax tree.

The construct modules parenthesise every operand so that each piece is self-delimiting; once a function is
whole, a pair of parentheses that Rust's precedence makes unnecessary is removed (rustc's unused_parens,
clippy's double_parens). Pairs a reader needs stay: `(x as u32) < y` (else `<` opens generics), `(a << b) + c`
and `a & (b + c)` (clippy's precedence lint), `(a & b) == c` (C readers expect `&` below `==`).
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.backends.builtin.idioms import BINARY, COMPARE, operator, ref_swap, simpler
from llmigrate.rust_syntax import Source, edited, parse, walk

_ARITH = {"*", "/", "%", "+", "-"}
_BITS = {"<<", ">>", "&", "^", "|"}
_UNARY, _CAST = 12, 11
# Expressions that delimit themselves: never need parentheses around them.
_ATOMS = frozenset({"identifier", "integer_literal", "float_literal", "boolean_literal", "string_literal",
                    "char_literal", "raw_string_literal", "scoped_identifier", "field_expression",
                    "call_expression", "index_expression", "macro_invocation", "parenthesized_expression",
                    "tuple_expression", "array_expression", "self", "unit_expression", "try_expression",
                    "generic_function"})
# Expressions starting with a block: as the first thing of a statement, they would end there.
_BLOCKY = frozenset({"block", "unsafe_block", "if_expression", "match_expression", "loop_expression",
                     "while_expression", "for_expression"})
# Positions where any expression but an assignment stands alone: (parent type, field name or None).
_DELIMITED = frozenset({("let_declaration", "value"), ("arguments", None), ("array_expression", None),
                        ("tuple_expression", None), ("return_expression", None),
                        ("assignment_expression", "right"), ("compound_assignment_expr", "right"),
                        ("field_initializer", "value"), ("parenthesized_expression", None)})
_CONDITION = frozenset({"if_expression", "while_expression"})
_MAX_ROUNDS = 8
_SETTLED: dict[str, None] = {}  # texts without removable parentheses (_settled)
# A C string literal decayed to `char *` then converted to `const char *`: `c"..".as_ptr()` already is one.
_C_STRING_CASTS = re.compile(r'(\bc"(?:[^"\\]|\\.)*"\.as_ptr\(\)) as \*mut i8 as \*const i8\b')
_LABELLED = frozenset({"loop_expression", "while_expression", "for_expression", "block"})
# The nodes _leftovers looks at, found by tree-sitter's query engine (rust_syntax.tree._INDEXED lists them;
# idioms.simpler's kinds among them: keep the lists together).
_LEFTOVERS = ("label", "unary_expression", "binary_expression", "assignment_expression", "empty_statement",
              "expression_statement", "field_initializer", "unsafe_block")


def tidy(text: str) -> str:
    """`text` with the parentheses, labels and semicolons Rust does not need removed, and a few C idioms in
    their Rust spelling (idioms.py); unchanged when it does not parse."""
    # a block freed of its parentheses may leave a `;` behind, a simpler form parentheses, an edit inside
    # another one waits for the next round
    text = _C_STRING_CASTS.sub(r"\1", _parentheses(text))
    for _ in range(3):
        new = _parentheses(_leftovers(text))
        if new == text:
            break
        text = new
    return text


def _leftovers(text: str) -> str:
    """Loop and block labels nothing breaks to (rustc's unused_labels), and the `;` after a plain block
    used as a statement (clippy's unnecessary_operation)."""
    src = parse(text)
    if src.root.has_error:
        return text
    nodes = src.of_types(_LEFTOVERS)
    used = {src.cut(n) for n in nodes if n.type == "label" and n.parent is not None
            and n.parent.type in ("break_expression", "continue_expression")}
    cuts: list[tuple[int, int]] = []
    swaps: list[tuple[int, int, str]] = []
    for node in nodes:
        swap = simpler(node)
        if swap is not None:
            swaps.append((*src.span(node), swap))
        if node.type == "label" and node.parent is not None and node.parent.type in _LABELLED \
                and src.cut(node) not in used:
            start, end = src.span(node)
            cuts.append((start, end + len(text[end:]) - len(text[end:].lstrip(": "))))
        elif node.type == "empty_statement" and _after_plain_block(node):
            cuts.append(src.span(node))
    for let in src.of_type("let_declaration"):
        found = ref_swap(let)
        if found is not None:
            swaps.append((src.span(let)[0], src.span(found[0])[1], found[1]))
    edits = [(s, e, "") for s, e in cuts] + swaps
    done, made = len(text) + 1, []
    for start, end, new in sorted(edits, reverse=True):
        if end <= done:  # an edit inside another one's span waits for the next translation
            made.append((start, end, new))
            done = start
    return edited(src, made).text if made else text  # parsed again for _parentheses to find


def _after_plain_block(node: Node) -> bool:
    """`;` right after `{ ... }` (a block as a statement, no label)."""
    prev = node.prev_sibling
    kids = prev.children if prev is not None and prev.type == "expression_statement" else []
    if len(kids) != 1 or kids[0].type != "block":
        return False
    return not any(c.type == "label" for c in kids[0].children) and _unit(kids[0])


def _unit(node: Node) -> bool:
    """A block-like expression whose value is `()` on every path (it may stand as a statement without `;`)."""
    if node.type in ("while_expression", "for_expression"):
        return True
    if node.type == "unsafe_block":
        return all(_unit(c) for c in node.named_children if c.type == "block")
    if node.type == "if_expression":
        arms = [node.child_by_field_name("consequence"), node.child_by_field_name("alternative")]
        return all(_unit(c) for arm in arms if arm is not None
                   for c in ([arm] if arm.type == "block" else arm.named_children))
    if node.type != "block":
        return False
    body = [c for c in node.named_children if "comment" not in c.type and c.type != "label"]
    last = body[-1] if body else None
    if last is None or last.type in ("let_declaration", "empty_statement") or last.text.endswith(b";"):
        return True
    inner = last.named_children
    return last.type == "expression_statement" and len(inner) == 1 and _unit(inner[0])


def _parentheses(text: str) -> str:
    if text in _SETTLED:
        return text
    src = parse(text)
    for _ in range(_MAX_ROUNDS):
        if src.root.has_error:
            return src.text
        cuts = _removable(src, src.text.encode("utf-8"))
        if not cuts:
            return _settled(src.text)
        # the next round reads the tree parsed again from this one (rust_syntax.edited)
        src = edited(src, _unwrapped(src, cuts))
    return src.text


def _unwrapped(src: Source, cuts: list[Node]) -> list[tuple[int, int, str]]:
    """The edits taking the parentheses of `cuts` away, from the last: each one's offsets are the text's."""
    return [edit for node in sorted(cuts, key=lambda n: n.start_byte, reverse=True)
            for start, end in [src.span(node)] for edit in ((end - 1, end, ""), (start, start + 1, ""))]


def _settled(text: str) -> str:
    """`text`, remembered as one `_parentheses` returns unchanged: tidy's next round and the final tidy of
    a function ask again of the text the last round left, which then costs no parse and no query."""
    if len(_SETTLED) >= 64:  # the recent texts only; clear() is one step for the translate workers' threads
        _SETTLED.clear()
    _SETTLED[text] = None
    return text


def _removable(src: Source, data: bytes) -> list[Node]:
    """Parenthesised expressions whose parentheses can go, none inside another (one layer per round)."""
    found: list[Node] = []
    end = -1
    for node in src.of_type("parenthesized_expression"):  # by tree-sitter: a walk in Python cost more
        if node.start_byte >= end and _redundant(node) and not _cast_before_less(node, data):
            found.append(node)
            end = node.end_byte
    return found


def _redundant(paren: Node) -> bool:
    inner, parent = paren.named_children, paren.parent
    if len(inner) != 1 or paren.child_count != 3 or parent is None or inner[0].type == "ERROR":
        return False
    field, inner_node = _field(parent, paren), inner[0]
    index = parent.type == "index_expression" and paren != parent.children[0]  # `a[(i)]`
    if (parent.type, field) in _DELIMITED or index:
        return inner_node.type not in ("assignment_expression", "compound_assignment_expr",
                                       "range_expression", "closure_expression")
    if parent.type in _CONDITION and field == "condition":
        return _plain(inner_node) and not _has(inner_node, "struct_expression")
    if parent.type == "expression_statement" or _is_tail(parent, paren):
        return _plain(inner_node) and (inner_node.type in _BLOCKY or not _starts_blocky(inner_node))
    if parent.type == "binary_expression":
        return _plain(inner_node) and _binary_ok(parent, field, inner_node)
    if parent.type == "type_cast_expression" and field == "value":
        return _precedence(inner_node) >= _CAST and not _starts_blocky(inner_node)
    return _receiver_ok(parent, field, inner_node)


def _receiver_ok(parent: Node, field: str | None, inner: Node) -> bool:
    """An operand of a unary operator, a field access, a call or an index: only an atom goes bare."""
    if inner.type not in _ATOMS:
        return False
    if parent.type == "call_expression" and field == "function" and inner.type == "field_expression":
        return False  # `(s.f)(x)` calls a field; `s.f(x)` would call a method
    if inner.type == "float_literal" and parent.type == "field_expression":
        return False  # `(1.).x`
    return parent.type in ("unary_expression", "reference_expression", "field_expression",
                           "index_expression", "try_expression") or \
        (parent.type == "call_expression" and field == "function")


def _binary_ok(parent: Node, field: str | None, inner: Node) -> bool:
    outer = operator(parent)
    mine = _precedence(inner)
    if outer is None or mine <= BINARY[outer] and not (mine == BINARY[outer] and field == "left"
                                                        and outer not in COMPARE):
        return False
    if inner.type == "binary_expression":
        op = operator(inner)
        mixed = op != outer and ({op, outer} & _BITS) and ({op, outer} - COMPARE - {"&&", "||"})
        return not mixed
    return True


def _cast_before_less(paren: Node, data: bytes) -> bool:
    """`(x as u32) < y` must keep its parentheses: bare, `u32<` would open generic arguments."""
    return _ends_with_cast(paren.named_children[0]) and data[paren.end_byte:].lstrip().startswith(b"<")


def _precedence(node: Node) -> int:
    if node.type in _ATOMS:
        return 100
    if node.type in ("unary_expression", "reference_expression"):
        return _UNARY
    if node.type == "type_cast_expression":
        return _CAST
    if node.type == "binary_expression":
        op = operator(node)
        return BINARY.get(op or "", 0)
    return 0


def _plain(node: Node) -> bool:
    """Not an assignment, range or closure: those read differently without their parentheses."""
    return node.type not in ("assignment_expression", "compound_assignment_expr", "range_expression",
                             "closure_expression", "let_condition")


def _field(parent: Node, child: Node) -> str | None:
    for i, c in enumerate(parent.children):
        if c.id == child.id:
            return parent.field_name_for_child(i)
    return None


def _is_tail(parent: Node, node: Node) -> bool:
    """`node` is the value of the block `parent` (its last child before `}`)."""
    kids = parent.children
    return parent.type == "block" and len(kids) >= 2 and kids[-2].id == node.id


def _starts_blocky(node: Node) -> bool:
    while node is not None:
        if node.type in _BLOCKY:
            return True
        node = node.children[0] if node.children and node.type != "parenthesized_expression" else None
    return False


def _ends_with_cast(node: Node) -> bool:
    while node is not None and node.type != "parenthesized_expression":
        if node.type == "type_cast_expression":
            return True
        node = node.children[-1] if node.children else None
    return False


def _has(node: Node, kind: str) -> bool:
    return any(n.type == kind for n in walk(node))
