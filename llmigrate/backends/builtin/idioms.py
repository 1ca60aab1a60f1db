"""C idioms in their Rust spelling, one syntax node at a time (tidy.py applies them until nothing changes):
`!!x` and `!(a == b)`, a C bool-as-int tested against 0, `x = x & y`, struct fields in shorthand, and
blocks whose braces change nothing."""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.rust_syntax import walk

# Rust's binary operators, tighter binding higher.
BINARY = {"*": 10, "/": 10, "%": 10, "+": 9, "-": 9, "<<": 8, ">>": 8, "&": 7, "^": 6, "|": 5,
           "==": 4, "!=": 4, "<": 4, ">": 4, "<=": 4, ">=": 4, "&&": 3, "||": 2}
COMPARE = {"==", "!=", "<", ">", "<=", ">="}
_FLIPPED = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}
_ZERO = re.compile(r"0(?:[iu](?:8|16|32|64|128|size))?")
# `x = x op y` as `x op= y` (C's `+=` on a float, or C's own `x = x + y`): for a place naming nothing
# twice-evaluated, Rust's compound operators on primitive types are the plain ones, overflow checks alike.
_ASSIGN_OPS = ("&", "|", "^", "+", "-", "*", "/", "%", "<<", ">>")
# Methods of numbers and raw pointers the builtin calls that change nothing; and those of the slices and
# Options its byte reads go through (`s[a..b].try_into().unwrap()`, `m.get(p).copied().expect(..)`).
_PURE_METHODS = re.compile(r"(?:wrapping|checked|overflowing|saturating|rotate|to|is)_\w+|add|sub|offset|read"
                           r"|read_unaligned|abs|pow|count_ones|leading_zeros|trailing_zeros|swap_bytes"
                           r"|try_into|unwrap|expect|get|copied")
# A primitive integer made from its bytes (`u32::from_ne_bytes(..)`): a function of its argument alone.
_PURE_PATHS = re.compile(r"(?:[iu](?:8|16|32|64|128|size))::from_(?:ne|le|be)_bytes")


def simpler(node: Node) -> str | None:
    """`!(!x)` as `(x)` (C's `!!`: the identity on a bool, and on an integer too), `!(a == b)` as
    `(a != b)`, `x = x & y` as `x &= y` (`+`, `*`, .. too) for a plain place `x` (clippy's nonminimal_bool,
    assign_op_pattern), and a plain block statement declaring nothing as its statements."""
    if node.type == "unary_expression" and node.text.startswith(b"!"):
        return _negated(node)
    if node.type == "binary_expression" and operator(node) in ("==", "!="):
        return _bool_test(node)
    if node.type == "binary_expression" and operator(node) in ("&&", "||"):
        return _range_test(node)
    if node.type == "expression_statement" and _swap(node) is not None:  # clippy's manual_swap
        a, b = _swap(node)
        return f"core::mem::swap(&mut {a}, &mut {b});"
    if node.type == "field_initializer" and _shorthand(node):  # clippy's redundant_field_names
        return node.child_by_field_name("field").text.decode()
    inner = _block_in_block(node) if node.type == "unsafe_block" else None
    if inner is not None:  # `unsafe { { .. } }`
        return "unsafe " + inner.text.decode()
    if node.type == "expression_statement" and _flat_block(node):
        first, *rest = node.named_children[0].text[1:-1].decode().strip().split("\n")
        return "\n".join([first, *(ln.removeprefix("    ") for ln in rest)])
    if node.type == "assignment_expression":
        return _assign_op(node)
    return None


def _assign_op(node: Node) -> str | None:
    """`x = x op y` as `x op= y`: `x` a plain place or an element of one at a name or literal, `y` with no
    effect (Rust's `x op= y` on primitives evaluates `y` before it reads `x`; `x op y` after)."""
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    op = operator(right) if right is not None and right.type == "binary_expression" else None
    first = right.child_by_field_name("left") if op is not None else None
    second = right.child_by_field_name("right") if op is not None else None
    if op not in _ASSIGN_OPS or first is None or second is None or left is None or \
            not (_plain_place(left) or _element(left)) or _bare(first).text != _bare(left).text:
        return None
    return f"{_bare(left).text.decode()} {op}= {second.text.decode()}" if _effectless(second) else None


def _element(node: Node) -> bool:
    """`a[i]`, `s.a[3].f`: a field path from an element of a plain place at a name or a literal (evaluated
    twice, the same)."""
    node = _bare(node)
    while node.type == "field_expression":
        node = _bare(node.named_children[0])
    index = node.named_children[1] if node.type == "index_expression" and len(node.named_children) == 2 \
        else None
    return index is not None and index.type in ("identifier", "integer_literal") and \
        (_plain_place(node.named_children[0]) or _element(node.named_children[0]))


def _effectless(node: Node) -> bool:
    """No assignment, macro, closure or call in `node` but of a method of `_PURE_METHODS` or a function of
    `_PURE_PATHS`. Such a call may panic (a slice index, `unwrap`): `x` is then written by neither form, so
    only the effects that could change `x` between its read and `y`'s matter, and these calls have none."""
    for n in walk(node):
        if n.type in ("assignment_expression", "compound_assignment_expr", "macro_invocation",
                      "closure_expression", "let_declaration"):
            return False
        if n.type == "call_expression" and not _pure_call(n):
            return False
    return True


def _pure_call(call: Node) -> bool:
    fn = call.child_by_field_name("function")
    if fn is not None and fn.type == "scoped_identifier":
        return _PURE_PATHS.fullmatch(fn.text.decode()) is not None
    field = fn.child_by_field_name("field") if fn is not None and fn.type == "field_expression" else None
    return field is not None and _PURE_METHODS.fullmatch(field.text.decode()) is not None



def _negated(node: Node) -> str | None:
    inner = _unwrapped(node.named_children[0]) if node.named_children else None
    if inner is None or not inner.named_children:
        return None
    if inner.type == "unary_expression" and inner.text.startswith(b"!"):
        return f"({inner.named_children[0].text.decode()})"
    flip = {"==": "!=", "!=": "=="}.get(operator(inner) or "") if inner.type == "binary_expression" else None
    if flip is None:
        return None
    left, right = inner.child_by_field_name("left"), inner.child_by_field_name("right")
    return f"({left.text.decode()} {flip} {right.text.decode()})"



def _bool_test(node: Node) -> str | None:
    """`(a < b) as i32 != 0` as `(a < b)`, `== 0` as `(!(a < b))`: C's int-valued comparison tested
    against zero is the comparison itself."""
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if right is None or _ZERO.fullmatch(right.text.decode()) is None or left is None \
            or left.type != "type_cast_expression":
        return None
    inner: Node | None = left
    while inner is not None and inner.type == "type_cast_expression":  # `(a < b) as i32 as i64`
        value = inner.child_by_field_name("value")
        inner = _unwrapped(value) if value is not None else None
    if inner is None or not _is_bool(inner):
        return None
    test = inner.text.decode()
    return f"({test})" if operator(node) == "!=" else f"(!({test}))"



def _is_bool(node: Node) -> bool:
    """A comparison, && / ||, or a call of a bool-valued pointer/Option method."""
    if node.type == "binary_expression":
        return operator(node) in COMPARE | {"&&", "||"}
    method = node.child_by_field_name("function") if node.type == "call_expression" else None
    name = method.child_by_field_name("field") if method is not None and method.type == "field_expression" \
        else None
    return name is not None and name.text in (b"is_null", b"is_some", b"is_none")



def _range_test(node: Node) -> str | None:
    """`x >= 1 && x <= 9` as `(1..=9).contains(&x)` (`< 9`: `1..9`), `x < 1 || x > 9` as
    `!(1..=9).contains(&x)`, for a plain place `x` and literal bounds (clippy's manual_range_contains)."""
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    low, high = _bound(left), _bound(right)
    if low is None or high is None or low[0] != high[0] or low[0] is None:
        return None
    inclusive = {"&&": (">=", "<="), "||": ("<", ">")}[operator(node)]
    exclusive = {"&&": (">=", "<"), "||": ("<", ">=")}[operator(node)]
    if (low[1], high[1]) not in (inclusive, exclusive):
        return None
    dots = "..=" if (low[1], high[1]) == inclusive else ".."
    test = f"({low[2]}{dots}{high[2]}).contains(&{low[0]})"
    return f"({test})" if operator(node) == "&&" else f"(!{test})"


def _bound(node: Node | None) -> tuple[str | None, str, str] | None:
    """(place, operator, literal) of `place op literal`, or None."""
    node = _unwrapped(node) if node is not None else None
    if node is None or node.type != "binary_expression" or operator(node) not in COMPARE:
        return None
    place, value, op = node.child_by_field_name("left"), node.child_by_field_name("right"), operator(node)
    if place is not None and value is not None and place.type == "integer_literal":  # `9 < x` is `x > 9`
        place, value, op = value, place, _FLIPPED.get(op, op)
    if place is None or value is None or value.type != "integer_literal" or not _plain_place(place):
        return None
    return place.text.decode(), op, value.text.decode()


def _swap(node: Node) -> tuple[str, str] | None:
    """`{ let t: T = a; a = b; b = t; }` for plain variables a and b: (a, b)."""
    block = node.named_children[0] if len(node.named_children) == 1 else None
    kids = [c for c in block.named_children if "comment" not in c.type] if block is not None \
        and block.type == "block" else []
    if len(kids) != 3 or kids[0].type != "let_declaration":
        return None
    t, first = kids[0].child_by_field_name("pattern"), kids[0].child_by_field_name("value")
    moves = [_assigned(k) for k in kids[1:]]
    if t is None or first is None or None in moves or first.type != "identifier":
        return None
    (a, b), (b2, t2) = moves
    ok = a == first.text.decode() and b == b2 and t2 == t.text.decode() and a != b
    return (a, b) if ok else None


def ref_swap(let: Node) -> tuple[Node, str] | None:
    """`let t: T = *a; *a = *b; *b = t;` for `&mut` parameters a and b (never the same object), `t` not
    used after: (the last of the three statements, `core::mem::swap(a, b);`) (clippy's manual_swap)."""
    t, value = let.child_by_field_name("pattern"), let.child_by_field_name("value")
    first, second = let.next_named_sibling, None
    second = first.next_named_sibling if first is not None else None
    if t is None or value is None or second is None or t.type != "identifier" or _deref(value) is None:
        return None
    moves = [_assigned(k, deref=True) for k in (first, second)]
    if None in moves:
        return None
    a, ((a2, b), (b2, t2)) = _deref(value), moves
    if a != a2 or b != b2 or t2 != f"*{t.text.decode()}" or a == b or \
            not {a, b} <= _mut_ref_params(let) or _used_after(second, t.text.decode()):
        return None
    return second, f"core::mem::swap({a[1:]}, {b[1:]});"


def _deref(node: Node) -> str | None:
    """`*x` for a plain identifier x, as text."""
    ok = node.type == "unary_expression" and node.text.startswith(b"*") and len(node.named_children) == 1 \
        and node.named_children[0].type == "identifier"
    return f"*{node.named_children[0].text.decode()}" if ok else None


def _mut_ref_params(node: Node) -> set[str]:
    """`*p` for each `&mut` parameter p of the function holding `node`."""
    while node is not None and node.type != "function_item":
        node = node.parent
    params = node.child_by_field_name("parameters") if node is not None else None
    out = set()
    for p in params.named_children if params is not None else []:
        pattern, typ = p.child_by_field_name("pattern"), p.child_by_field_name("type")
        if pattern is not None and typ is not None and pattern.type == "identifier" and \
                typ.type == "reference_type" and any(c.type == "mutable_specifier" for c in typ.children):
            out.add(f"*{pattern.text.decode()}")
    return out


def _used_after(stmt: Node, name: str) -> bool:
    sib = stmt.next_named_sibling
    while sib is not None:
        if re.search(rf"\b{re.escape(name)}\b", sib.text.decode()):
            return True
        sib = sib.next_named_sibling
    return False


def _assigned(stmt: Node, deref: bool = False) -> tuple[str, str] | None:
    """(left, right) of `x = y;` between plain variables (with `deref`: `*x = *y;` or `*x = y;`)."""
    inner = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
    if inner is None or inner.type != "assignment_expression":
        return None
    left, right = inner.child_by_field_name("left"), inner.child_by_field_name("right")
    if deref and left is not None and right is not None and _deref(left) is not None:
        value = _deref(right) or (f"*{right.text.decode()}" if right.type == "identifier" else None)
        return (_deref(left), value) if value is not None else None
    if left is None or right is None or left.type != "identifier" or right.type != "identifier":
        return None
    return left.text.decode(), right.text.decode()


def _shorthand(node: Node) -> bool:
    name, value = node.child_by_field_name("field"), node.child_by_field_name("value")
    return name is not None and value is not None and value.type == "identifier" and name.text == value.text



def _flat_block(node: Node) -> bool:
    """A `{ ... }` statement inside a block that declares nothing and has no label: its braces change
    nothing (a C compound statement or a discarded statement expression)."""
    kids = node.named_children
    if len(kids) != 1 or kids[0].type != "block" or node.parent is None or node.parent.type != "block":
        return False
    return all(c.type in ("expression_statement", "empty_statement", "line_comment", "block_comment")
               for c in kids[0].named_children) and not _has_label(kids[0])



def _block_in_block(node: Node) -> Node | None:
    """The one plain block that is all of `node`'s block."""
    outer = node.named_children[0] if node.named_children else None
    inner = outer.named_children if outer is not None and outer.type == "block" else []
    if len(inner) == 1 and inner[0].type == "expression_statement" and not inner[0].text.endswith(b";"):
        inner = inner[0].named_children
    plain = len(inner) == 1 and inner[0].type == "block" and not _has_label(inner[0])
    return inner[0] if plain else None



def _has_label(block: Node) -> bool:
    return any(c.type == "label" for c in block.children)



def _unwrapped(node: Node) -> Node:
    while node.type == "parenthesized_expression" and len(node.named_children) == 1:
        node = node.named_children[0]
    return node



def _plain_place(node: Node) -> bool:
    """A variable, what a variable points to, or a field path of those: naming it twice or once evaluates
    the same."""
    node = _bare(node)
    while node.type == "field_expression":
        node = _bare(node.named_children[0])
    if node.type == "unary_expression" and node.text.startswith(b"*") and node.named_children:
        node = node.named_children[0]
    return node.type == "identifier"


def _bare(node: Node) -> Node:
    """`node` without the parentheses around it."""
    while node.type == "parenthesized_expression" and len(node.named_children) == 1:
        node = node.named_children[0]
    return node



def operator(node: Node) -> str | None:
    op = node.child_by_field_name("operator")
    return op.type if op is not None and op.type in BINARY else None
