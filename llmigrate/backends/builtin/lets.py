"""Deferred `let`: a local whose first value is overwritten before any read is declared without one.

C leaves `int i;` uninitialised and the builtin gives it a zero so that every Rust binding starts with a
value; when the next use of `i` assigns it on every path (`for (i = 0; ...)`, both branches of an if), that
zero is never read (rustc's unused_assignments) and `let mut i: i32;` says what the C says. Rust's own
definite-initialisation check is the proof's backstop: this pass only defers when the assignment is on the
straight path (through plain and unsafe blocks, or both arms of an if/else), which rustc accepts. A scalar
assigned nowhere else loses its `mut` (rustc's unused_mut).
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.rust_syntax import parse, walk

_PURE_CALLS = ("core::ptr::null_mut", "core::ptr::null", "core::mem::zeroed", "std::mem::zeroed")
_LITERALS = frozenset({"integer_literal", "float_literal", "boolean_literal", "char_literal", "identifier",
                       "scoped_identifier", "primitive_type", "type_identifier"})
_SCALARS = frozenset({"i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
                      "f32", "f64", "bool"})


def defer_lets(text: str) -> str:
    """`text` with the zero values of locals overwritten before any read left out; unchanged when it does
    not parse."""
    src = parse(text)
    if src.root.has_error:
        return text
    edits: list[tuple[int, int, str]] = []
    for node in src.of_type("let_declaration"):
        edits += [(*src.span(n), new) for n, new in _deferred(node)]
    done = len(text) + 1
    for start, end, new in sorted(edits, reverse=True):
        if not new:  # a removed declaration takes its line with it
            line = text.rfind("\n", 0, start) + 1
            start = line if not text[line:start].strip() else start
            end += text[end:].startswith("\n")
        if end <= done:  # one edit inside another's span (a let in an assigned block) waits for no one
            text, done = text[:start] + new + text[end:], start
    return text


def _deferred(let: Node) -> list[tuple[Node, str]]:
    """Replacements deferring `let` (a `let [mut] x: T = zero;`): the statement of the same block giving
    it its first value becomes its declaration (`x = e;`, or an if/else assigning it in every arm as
    `let x = if ..`; clippy's needless_late_init); else `let mut x: T;` when it is reassigned later."""
    pattern, value, typ = (let.child_by_field_name(f) for f in ("pattern", "value", "type"))
    if pattern is None or value is None or typ is None or pattern.type != "identifier" or not _pure(value):
        return []
    name, rust_type = pattern.text.decode(), typ.text.decode()
    after = _siblings_after(let)
    inits = _first_assignment(after, name)
    if not inits:
        return [(let, f"let mut {name}: {rust_type};")] if _loop_local(after, name) else []
    scalar = rust_type in _SCALARS or typ.type == "pointer_type"
    mutable = "mut " if not scalar or _mutations(let.parent, name) > len(inits) else ""
    statement = _own_statement(inits, let)
    value = _value_of(statement, name)
    if value is not None:
        return [(let, ""), (statement, f"let {mutable}{name}: {rust_type} = {value};")]
    return [(let, f"let mut {name}: {rust_type};")] if mutable else []


def _own_statement(inits: list[Node], let: Node) -> Node | None:
    """The statement of the let's own block holding every initialising assignment, if there is one."""
    node: Node | None = inits[0]
    while node is not None and node.parent != let.parent:
        node = node.parent
    return node


def _value_of(statement: Node | None, name: str) -> str | None:
    """The value `statement` gives `name` as an expression: `x = e;` gives `e`; an if/else whose every arm
    is only `x = e;` gives `if c { e1 } else { e2 }`."""
    if statement is None or not statement.named_children:
        return None
    e = statement.named_children[0] if statement.type == "expression_statement" else statement
    if e.type == "assignment_expression":
        left, right = e.child_by_field_name("left"), e.child_by_field_name("right")
        mine = left is not None and left.text.decode() == name and e.parent == statement
        return right.text.decode() if mine and right is not None else None
    if e.type != "if_expression":
        return None
    cond, then, other = (e.child_by_field_name(f) for f in ("condition", "consequence", "alternative"))
    arm = next((c for c in other.named_children if c.type in ("block", "if_expression")), None) \
        if other is not None else None
    values = [_value_of(_only(then), name) if then is not None else None,
              _value_of(_only(arm) if arm.type == "block" else arm, name) if arm is not None else None]
    if cond is None or None in values:
        return None
    rest = f"{{ {values[1]} }}" if arm.type == "block" else values[1]
    return f"if {cond.text.decode()} {{ {values[0]} }} else {rest}"


def _only(block: Node) -> Node | None:
    body = [c for c in block.named_children if "comment" not in c.type]
    return body[0] if len(body) == 1 and body[0].type == "expression_statement" else None


def _siblings_after(node: Node) -> list[Node]:
    out, sib = [], node.next_named_sibling
    while sib is not None:
        if sib.type not in ("line_comment", "block_comment"):
            out.append(sib)
        sib = sib.next_named_sibling
    return out


def _first_assignment(stmts: list[Node], name: str) -> list[Node] | None:
    """The assignments that give `name` its value on every path through `stmts` before anything reads it."""
    for s in stmts:
        if _mentions(s, name):
            return _assigns(s, name)
    return None


def _loop_local(stmts: list[Node], name: str) -> bool:
    """`name` is first used by a loop whose body assigns it before reading it, and never after that loop:
    each iteration gives it its own value (a C `int j;` serving an inner `for (j = 0; ...)`)."""
    users = [i for i, s in enumerate(stmts) if _mentions(s, name)]
    if not users or len(users) > 1:
        return False
    loop = stmts[users[0]]
    loop = loop.named_children[0] if loop.type == "expression_statement" and loop.named_children else loop
    if loop.type == "unsafe_block":
        loop = next((c for c in loop.named_children if c.type == "block"), loop)
    if loop.type == "block" and not any(c.type == "label" for c in loop.children):
        return _loop_local([c for c in loop.named_children if "comment" not in c.type], name)
    cond, body = loop.child_by_field_name("condition"), loop.child_by_field_name("body")
    if loop.type not in ("while_expression", "loop_expression") or body is None or \
            (cond is not None and _mentions(cond, name)):
        return False
    return bool(_first_assignment([c for c in body.named_children if "comment" not in c.type], name))


def _assigns(s: Node, name: str) -> list[Node] | None:
    e = s.named_children[0] if s.type == "expression_statement" and s.named_children else s
    if e.type == "assignment_expression":
        left, right = e.child_by_field_name("left"), e.child_by_field_name("right")
        ok = left is not None and left.type == "identifier" and left.text.decode() == name and \
            right is not None and not _mentions(right, name)
        return [e] if ok else None
    if e.type == "unsafe_block":
        e = next((c for c in e.named_children if c.type == "block"), e)
    if e.type == "block" and not any(c.type == "label" for c in e.children):  # `break 'l` skips the rest
        return _first_assignment([c for c in e.named_children if "comment" not in c.type], name)
    if e.type == "if_expression":
        return _both_arms(e, name)
    return None


def _both_arms(e: Node, name: str) -> list[Node] | None:
    cond, then, other = (e.child_by_field_name(f) for f in ("condition", "consequence", "alternative"))
    if cond is None or then is None or other is None or _mentions(cond, name):
        return None
    arm = next((c for c in other.named_children if c.type in ("block", "if_expression")), None)
    first, second = _assigns(then, name), _assigns(arm, name) if arm is not None else None
    return first + second if first and second else None


def _mutations(scope: Node | None, name: str) -> int:
    """Places in `scope` that may change `name`: assignments to it (or its parts), `&mut` and raw
    borrows of it, macros naming it (`addr_of_mut!`)."""
    count = 0
    for n in walk(scope) if scope is not None else []:
        if n.type in ("assignment_expression", "compound_assignment_expr"):
            count += _root_name(n.child_by_field_name("left")) == name
        elif n.type in ("reference_expression", "token_tree") and _mentions(n, name):
            count += n.type == "token_tree" or any(c.type in ("mutable_specifier", "mut") for c in n.children)
    return count


def _root_name(node: Node | None) -> str | None:
    while node is not None and node.type in ("field_expression", "index_expression"):
        node = node.named_children[0] if node.named_children else None
    return node.text.decode() if node is not None and node.type == "identifier" else None


def _mentions(node: Node, name: str) -> bool:
    if node.type == "identifier":
        return node.text.decode() == name
    if name.encode() not in node.text:  # no identifier below can spell it: skip the walk (hot: per let)
        return False
    return any(n.type == "identifier" and n.text.decode() == name for n in walk(node))


def _pure(node: Node) -> bool:
    """A value whose evaluation has no effect (literals, null pointers, zeroed memory, casts of those)."""
    if node.type in _LITERALS:
        return True
    if node.type == "call_expression":
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        return fn is not None and fn.text.decode().startswith(_PURE_CALLS) and args is not None and \
            not args.named_children
    if node.type in ("unary_expression", "type_cast_expression", "parenthesized_expression",
                     "array_expression", "unsafe_block", "block", "struct_expression",
                     "field_initializer_list", "field_initializer", "generic_function"):
        parts = [c for c in node.named_children if c.type != "field_identifier" and "type" not in c.type]
        return all(_pure(c) for c in parts)
    return False
