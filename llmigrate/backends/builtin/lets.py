"""Deferred `let`: a local whose first value is overwritten before any read is declared without one.

C leaves `int i;` uninitialised and the builtin gives it a zero so that every Rust binding starts with a
value; when the next use of `i` assigns it on every path (`for (i = 0; ...)`, both branches of an if), that
zero is never read (rustc's unused_assignments) and `let mut i: i32;` says what the C says. Rust's own
definite-initialisation check is the proof's backstop: this pass only defers when the assignment is on the
straight path (through plain and unsafe blocks, or both arms of an if/else), which rustc accepts. A scalar
assigned nowhere else loses its `mut` (rustc's unused_mut).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from tree_sitter import Node

from llmigrate.rust_syntax import Source, edited, parse

_PURE_CALLS = ("core::ptr::null_mut", "core::ptr::null", "core::mem::zeroed", "std::mem::zeroed")
_LITERALS = frozenset({"integer_literal", "float_literal", "boolean_literal", "char_literal", "identifier",
                       "scoped_identifier", "primitive_type", "type_identifier"})
_SCALARS = frozenset({"i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
                      "f32", "f64", "bool"})


_PLACES = ("field_expression", "index_expression", "parenthesized_expression")  # `(*p).a[i]` down to `*p`
# The nodes `_mutations` counts: assignments, borrows and macros' tokens.
_MUTATING = ("assignment_expression", "compound_assignment_expr", "reference_expression", "token_tree")


class Names:
    """One function text's locals by where they are named (the identifiers `_names` accepts, by start byte)
    and its nodes of a type by start byte: the passes below ask, per let and per statement, whether a node
    mentions a name or holds an assignment; a lookup by byte range here answers what a walk over the node's
    subtree did (nodes nest, so a node holds exactly those starting inside its span), without the walk."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self._names: dict[str, tuple[list[int], list[Node]]] = {}
        self._kinds: dict[str, tuple[list[int], list[Node]]] = {}
        for n in src.of_type("identifier"):
            parent, text = n.parent, n.text.decode()
            # a lifetime's or a label's identifier: `walk` does not enter those
            if (parent is None or parent.type not in ("lifetime", "label")) and _names(n, text):
                starts, nodes = self._names.setdefault(text, ([], []))
                starts.append(n.start_byte)
                nodes.append(n)

    def first(self, node: Node, name: str) -> Node | None:
        """The first identifier naming the local `name` in `node` (itself included), in document order."""
        starts, nodes = self._names.get(name, ([], []))
        i = bisect_left(starts, node.start_byte)
        return nodes[i] if i < len(starts) and starts[i] < node.end_byte else None

    def mentions(self, node: Node, name: str) -> bool:
        return self.first(node, name) is not None

    def within(self, scope: Node, kinds: tuple[str, ...]) -> Iterator[Node]:
        """The nodes of types `kinds` in `scope` (itself included), a type after another."""
        for kind in kinds:
            if kind not in self._kinds:
                nodes = self.src.of_type(kind)
                self._kinds[kind] = ([n.start_byte for n in nodes], nodes)
            starts, nodes = self._kinds[kind]
            i = bisect_left(starts, scope.start_byte)
            while i < len(starts) and starts[i] < scope.end_byte:
                yield nodes[i]
                i += 1


def defer_lets(text: str) -> str:
    """`text` with the zero values of locals overwritten before any read left out, locals never used
    left out, and each parameter the body never names discarded by `let _ = p;` (C's `(void)p;`, as
    the signature's name is fixed); unchanged when it does not parse."""
    src = parse(text)
    if src.root.has_error:
        return text
    ix = Names(src)
    edits: list[tuple[int, int, str]] = []
    for fn in src.of_type("function_item"):
        body, params = fn.child_by_field_name("body"), fn.child_by_field_name("parameters")
        unused = [n for n in _param_names(params) if body is not None and not ix.mentions(body, n)]
        if unused and body is not None:
            at, margin = src.span(body.children[0])[1], " " * fn.start_point[1]
            close = "" if body.named_children else f"\n{margin}"  # `{}` opens up
            edits.append((at, at, "".join(f"\n{margin}    let _ = {n};" for n in unused) + close))
    for node in src.of_type("let_declaration"):
        edits += [(src.span(n)[0], src.span(n if last is None else last)[1], new)
                  for n, last, new in _deferred(node, ix)]
    done, made = len(text) + 1, []
    for start, end, new in sorted(edits, reverse=True):
        if not new:  # a removed declaration takes its line with it
            line = text.rfind("\n", 0, start) + 1
            start = line if not text[line:start].strip() else start
            end += text[end:].startswith("\n")
        if end <= done:  # one edit inside another's span (a let in an assigned block) waits for no one
            text, done = text[:start] + new + text[end:], start
            made.append((start, end, new))
    return edited(src, made).text if made else text  # the same text, parsed again from this tree


def _deferred(let: Node, ix: Names) -> list[tuple[Node, Node | None, str]]:
    """Replacements (from a node, to the end of another or of itself) deferring `let` (a `let [mut] x: T
    = zero;`): the statement of the same block giving it its first value becomes its declaration (`x =
    e;`, or an if/else assigning it in every arm as `let x = if ..`; clippy's needless_late_init), the C
    comment after the `let` going with it; else `let mut x: T;` when it is reassigned later."""
    pattern, value, typ = (let.child_by_field_name(f) for f in ("pattern", "value", "type"))
    if pattern is not None and value is not None and typ is not None and not _pure(value):
        return _unmuted(let, pattern, typ, ix)
    if pattern is None or value is None or typ is None or pattern.type != "identifier":
        return []
    name, rust_type = pattern.text.decode(), typ.text.decode()
    after = _siblings_after(let)
    note = let.next_sibling
    note = note if note is not None and note.type == "line_comment" and \
        note.start_point[0] == let.end_point[0] else None
    if not any(ix.mentions(s, name) for s in after):  # never used (rustc's unused_variables)
        return [(let, note, note.text.decode() if note is not None else "")]
    inits = _first_assignment(after, name, ix)
    scalar = rust_type in _SCALARS or typ.type == "pointer_type"
    if not inits:
        if _entry_value(after, name, ix) == "read":
            return []
        once = scalar and _mutations(let.parent, name, ix) == 1 and not _in_loop(let.parent, name, ix)
        return [(let, None, f"let {'' if once else 'mut '}{name}: {rust_type};")]
    mutable = "mut " if not scalar or _mutations(let.parent, name, ix) > len(inits) or \
        _in_loop(let.parent, name, ix) else ""
    statement = _own_statement(inits, let)
    value = _value_of(statement, name)
    if value is not None:
        moved = f"  {note.text.decode()}" if note is not None else ""
        return [(let, note, ""), (statement, None, f"let {mutable}{name}: {rust_type} = {value};{moved}")]
    return [(let, None, f"let {mutable}{name}: {rust_type};")]


def _unmuted(let: Node, pattern: Node, typ: Node, ix: Names) -> list[tuple[Node, Node | None, str]]:
    """`let mut p: *mut T = e;` with `p` never assigned, `&mut`-borrowed or named by a macro afterwards
    (its address lent as a shared reference, `&p`, once needed `addr_of_mut!`): `let p` (unused_mut). Raw
    pointers only: their methods take `self` by value, so no call needs the binding mutable."""
    mutable = next((c for c in let.children if c.type == "mutable_specifier"), None)
    if mutable is None or pattern.type != "identifier" or typ.type != "pointer_type" or \
            _mutations(let.parent, pattern.text.decode(), ix):
        return []
    text = let.text.decode()
    at = mutable.start_byte - let.start_byte
    return [(let, None, text[:at] + text[at + len("mut "):])]


def _param_names(params: Node | None) -> list[str]:
    """The names a function's parameters bind (plain identifiers only)."""
    names = []
    for p in params.named_children if params is not None else []:
        pattern = p.child_by_field_name("pattern") if p.type == "parameter" else None
        if pattern is not None and pattern.type == "identifier" and not pattern.text.startswith(b"_"):
            names.append(pattern.text.decode())
    return names


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


def _first_assignment(stmts: list[Node], name: str, ix: Names) -> list[Node] | None:
    """The assignments that give `name` its value on every path through `stmts` before anything reads it."""
    for s in stmts:
        if ix.mentions(s, name):
            return _assigns(s, name, ix)
    return None


def _entry_value(stmts: list[Node], name: str, ix: Names) -> str:
    """What `stmts` do with the value `name` has before them: "assigned" (a new one on every path before
    any read), "unread" (every read follows an assignment on its path; one may be missing at the end: a
    branch or loop assigning it for its own reads, a labelled block left early), else "read". Rust's
    definite-initialisation check accepts a `let` without a value in the first two cases."""
    for s in stmts:
        if not ix.mentions(s, name):
            continue
        if _assigns(s, name, ix):
            return "assigned"
        if not _unread_inside(s, name, ix):
            return "read"
    return "unread"


def _unread_inside(s: Node, name: str, ix: Names) -> bool:
    """Statement `s` never reads the value `name` has when it starts (it may assign it, or not)."""
    e = s.named_children[0] if s.type == "expression_statement" and s.named_children else s
    if e.type == "unsafe_block":
        e = next((c for c in e.named_children if c.type == "block"), e)
    if e.type == "block":
        return _entry_value([c for c in e.named_children if "comment" not in c.type and c.type != "label"],
                            name, ix) != "read"
    cond = e.child_by_field_name("condition")
    if cond is not None and ix.mentions(cond, name):
        return False
    if e.type == "if_expression":
        arms = [e.child_by_field_name("consequence"), e.child_by_field_name("alternative")]
        return all(_unread_inside(c, name, ix) for arm in arms if arm is not None
                   for c in ([arm] if arm.type == "block" else arm.named_children))
    if e.type in ("while_expression", "loop_expression"):  # each iteration assigns it before its reads
        body = e.child_by_field_name("body")
        return body is not None and _unread_inside(body, name, ix)
    return False


def _assigns(s: Node, name: str, ix: Names) -> list[Node] | None:
    e = s.named_children[0] if s.type == "expression_statement" and s.named_children else s
    if e.type == "assignment_expression":
        left, right = e.child_by_field_name("left"), e.child_by_field_name("right")
        ok = left is not None and left.type == "identifier" and left.text.decode() == name and \
            right is not None and not ix.mentions(right, name)
        return [e] if ok else None
    if e.type == "unsafe_block":
        e = next((c for c in e.named_children if c.type == "block"), e)
    if e.type == "block" and not any(c.type == "label" for c in e.children):  # `break 'l` skips the rest
        return _first_assignment([c for c in e.named_children if "comment" not in c.type], name, ix)
    if e.type == "if_expression" and (arms := _both_arms(e, name, ix)):
        return arms
    return _in_passing(e, name, ix)


# Where an expression is evaluated whenever its parent is (operands, arguments, a plain block's statements).
_STRAIGHT = frozenset({"expression_statement", "block", "unsafe_block", "parenthesized_expression",
                       "field_expression", "call_expression", "arguments", "type_cast_expression",
                       "unary_expression", "reference_expression", "index_expression", "let_declaration",
                       "assignment_expression", "return_expression"})


def _in_passing(e: Node, name: str, ix: Names) -> list[Node] | None:
    """The assignment to `name` that `e` evaluates before anything else in it mentions `name`, on every
    path through `e` (a C assignment used as a value: `if ((p = malloc(n)) == NULL)`), else None."""
    first = ix.first(e, name)
    a = first.parent if first is not None else None
    if a is None or a.type != "assignment_expression" or a.child_by_field_name("left") != first:
        return None
    right = a.child_by_field_name("right")
    if right is None or ix.mentions(right, name):
        return None
    node = a
    while node != e:
        parent = node.parent
        if parent is None or parent.type == "block" and any(c.type == "label" for c in parent.children):
            return None
        if parent.type in ("if_expression", "while_expression"):
            ok = parent.child_by_field_name("condition") == node
        elif parent.type == "binary_expression":
            ok = parent.child_by_field_name("left") == node or \
                parent.child_by_field_name("operator").type not in ("&&", "||")
        else:
            ok = parent.type in _STRAIGHT
        if not ok:
            return None
        node = parent
    return [a]


def _both_arms(e: Node, name: str, ix: Names) -> list[Node] | None:
    cond, then, other = (e.child_by_field_name(f) for f in ("condition", "consequence", "alternative"))
    if cond is None or then is None or other is None or ix.mentions(cond, name):
        return None
    arm = next((c for c in other.named_children if c.type in ("block", "if_expression")), None)
    first, second = _assigns(then, name, ix), _assigns(arm, name, ix) if arm is not None else None
    return first + second if first and second else None


def _mutations(scope: Node | None, name: str, ix: Names) -> int:
    """Places in `scope` that may change `name`: assignments to it (or its parts), `&mut` and raw
    borrows of it, macros naming it (`addr_of_mut!`)."""
    count = 0
    for n in ix.within(scope, _MUTATING) if scope is not None else []:
        if n.type in ("assignment_expression", "compound_assignment_expr"):
            count += _root_name(n.child_by_field_name("left")) == name
        elif n.type in ("reference_expression", "token_tree") and ix.mentions(n, name) and \
                not _through(n.child_by_field_name("value"), name):
            count += n.type == "token_tree" or any(c.type in ("mutable_specifier", "mut") for c in n.children)
    return count


def _through(place: Node | None, name: str) -> bool:
    """`place` lies behind the pointer `name` (`*name`, `(*name).f`, `(*name).a[i]`): borrowing it, `&mut
    *res` lending a raw pointer's pointee, changes the pointee, not the binding `name` (unused_mut)."""
    while place is not None and place.type in _PLACES:
        place = place.named_children[0] if place.named_children else None
    if place is None or place.type != "unary_expression" or place.children[0].type != "*":
        return False
    inner = place.named_children[0] if place.named_children else None
    return inner is not None and inner.type == "identifier" and inner.text.decode() == name


def _in_loop(scope: Node, name: str, ix: Names) -> bool:
    """An assignment to `name` in `scope` sits in a loop (it may run twice)."""
    for n in ix.within(scope, ("assignment_expression",)):
        if _root_name(n.child_by_field_name("left")) == name:
            up = n.parent
            while up is not None and up != scope:
                if up.type in ("loop_expression", "while_expression", "for_expression"):
                    return True
                up = up.parent
    return False


def _root_name(node: Node | None) -> str | None:
    while node is not None and node.type in ("field_expression", "index_expression"):
        node = node.named_children[0] if node.named_children else None
    return node.text.decode() if node is not None and node.type == "identifier" else None


def _names(node: Node, name: str) -> bool:
    """`node` is the local `name`: an identifier, not a segment of a path (`core::ptr::null` names no
    local `ptr`), in code or in a macro's tokens."""
    if node.type != "identifier" or node.text.decode() != name:
        return False
    parent, prev = node.parent, node.prev_sibling
    return not (parent is not None and parent.type in ("scoped_identifier", "scoped_type_identifier")) and \
        not (prev is not None and prev.type == "::")


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
