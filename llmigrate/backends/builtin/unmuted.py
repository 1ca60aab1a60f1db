"""`let mut x = v;` as `let x = v;` when the function never changes `x` (rustc's unused_mut).

cursors.mutated marks `mut` from the C: every local whose address is taken, since `&x` may become `&mut x`
or `addr_of_mut!(x)`. Where the Rust lends it shared (`&x` to a callee's proven `const T *` reference,
borrows.py) the binding needs no `mut`. This pass reads the finished Rust instead of guessing from the C:
a binding keeps its `mut` when anything after its `let` might change it, counted generously (a miss is a
compile error, an extra `mut` only a warning): an assignment whose left side names it, a `&mut` or a macro
naming it, a method called on a place rooted in it (`x.f.as_mut_ptr()` may take `&mut self`; not one of
the few known to read, `_READING`), a closure naming it, or a `ref mut` binding anywhere in the function.
Writing through it, `*x = v`, changes the pointee, not the binding, when `x` is a raw pointer or a
reference (a `Box` needs `mut`: kept).
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.backends.builtin.lets import Names
from llmigrate.backends.builtin.options import shadowed
from llmigrate.rust_syntax import Source, edited, parse

_CHANGING = ("assignment_expression", "compound_assignment_expr", "reference_expression", "token_tree",
             "call_expression", "closure_expression", "ref_pattern", "mut_pattern")
_LET_MUT = re.compile(r"\blet\s+mut\b")
_BEHIND = ("pointer_type", "reference_type")  # `*x = v` writes the pointee of these, not `x`
# Methods the builtin calls on numbers, pointers and Options that take `self` by value or `&self`: a place
# they are called on stays as it is (`x.t.wrapping_sub(1)`).
_READING = re.compile(r"(?:wrapping|checked|overflowing|saturating|is|to)_\w+"
                      r"|as_ptr|as_deref|len|unwrap|map_or|abs|pow|add|sub|offset|cast|read|read_unaligned")


def unmuted(text: str) -> str:
    """`text` with `mut` left out of each `let mut x` nothing after it may change (but the one assignment
    that sets a `let mut x: T;`)."""
    if not _LET_MUT.search(text):  # no binding to look at: not worth a parse and an index of its names
        return text
    src = parse(text)
    if src.root.has_error:
        return text
    ix = Names(src)
    cuts = [_cut(src, let, m) for let in src.of_type("let_declaration") if (m := _needless_mut(let, ix))]
    return edited(src, sorted(cuts, reverse=True)).text if cuts else text


def _cut(src: Source, let: Node, mut: Node) -> tuple[int, int, str]:
    """The edit leaving out `mut `; a parameter's rebinding `let mut p = p;` goes as a whole (clippy's
    redundant_locals: the parameter is the same binding)."""
    if _rebinding(let) is None:
        return src.span(mut)[0], src.span(mut.next_sibling)[0], ""
    start, end = src.span(let)
    line = src.text.rfind("\n", 0, start) + 1
    whole = not src.text[line:start].strip() and src.text[end:].startswith("\n")
    return (line, end + 1, "") if whole else (start, end, "")


def _needless_mut(let: Node, ix: Names) -> Node | None:
    """The `mut` of `let mut x: T = v;` when nothing in the let's block may change `x`; else None."""
    mut = next((c for c in let.children if c.type == "mutable_specifier"), None)
    pattern, value, typ = (let.child_by_field_name(f) for f in ("pattern", "value", "type"))
    if mut is None or pattern is None or pattern.type != "identifier" or let.parent is None:
        return None
    typ = _rebinding(let) if typ is None else typ
    name, behind = pattern.text.decode(), typ is not None and typ.type in _BEHIND
    if mut.end_byte + 1 != pattern.start_byte:  # `mut x`: the space goes with the `mut`
        return None
    fn = _function(let)
    if fn is None or any(True for _ in ix.within(fn, ("ref_pattern", "mut_pattern"))):
        return None
    changing = [n for n in ix.within(let.parent, _CHANGING) if _may_change(n, name, behind, ix, let)]
    if value is None:  # `let mut x: T;`: the one assignment that sets it needs no `mut`
        return mut if len(changing) == 1 and _sets_once(changing[0], name, let) else None
    return None if changing else mut


def _sets_once(n: Node, name: str, let: Node) -> bool:
    """`n` is `name = v`, run at most once per run of `let` (no loop or closure between them): the
    deferred initialisation rustc allows of a binding without `mut`."""
    left = n.child_by_field_name("left")
    if n.type != "assignment_expression" or left is None or left.type != "identifier" or \
            left.text.decode() != name:
        return False
    up = n.parent
    while up is not None and up != let.parent:
        if up.type in ("loop_expression", "while_expression", "for_expression", "closure_expression"):
            return False
        up = up.parent
    return up is not None


def _rebinding(let: Node) -> Node | None:
    """The parameter's type when `let` is `let mut p = p;` of a parameter `p` of its function."""
    pattern, value, fn = let.child_by_field_name("pattern"), let.child_by_field_name("value"), _function(let)
    if let.child_by_field_name("type") is not None or pattern is None or value is None or fn is None or \
            value.type != "identifier" or value.text != pattern.text:
        return None
    if let.parent != fn.child_by_field_name("body"):  # a nested `p` may shadow the parameter
        return None
    params = fn.child_by_field_name("parameters")
    for p in params.named_children if params is not None else []:
        named = p.child_by_field_name("pattern") if p.type == "parameter" else None
        if named is not None and named.text == pattern.text:
            return p.child_by_field_name("type")
    return None


def _may_change(n: Node, name: str, behind: bool, ix: Names, let: Node) -> bool:
    """Node `n` might change the binding `name` (see the module's doc)."""
    if n.type in ("assignment_expression", "compound_assignment_expr"):
        return _names_binding(n.child_by_field_name("left"), name, behind, ix, let)
    if n.type == "reference_expression":
        return any(c.type == "mutable_specifier" for c in n.children) and \
            _names_binding(n.child_by_field_name("value"), name, behind, ix, let)
    if n.type == "call_expression":
        fn = n.child_by_field_name("function")
        field = fn.child_by_field_name("field") if fn is not None and fn.type == "field_expression" else None
        method = field is not None and not _READING.fullmatch(field.text.decode())
        receiver = fn.child_by_field_name("value") if method else None
        return receiver is not None and _names_binding(receiver, name, behind, ix, let)
    return ix.mentions(n, name)  # a macro's tokens, a closure


def _names_binding(place: Node | None, name: str, behind: bool, ix: Names, let: Node) -> bool:
    """`place` names the binding `name` other than as the pointer it writes through (`*name` when
    `behind`; `(*name).f` too), as the receiver of a method that reads it (`*name.offset(k)`) or as
    another binding an `if let Some(name)` after `let` makes."""
    if place is None or not ix.mentions(place, name):
        return False
    stack = [place]
    while stack:
        node = stack.pop()
        if node.type == "identifier" and node.text.decode() == name:
            if not (behind and _dereferenced(node) or _read_by_method(node) or shadowed(node, name, let)):
                return True
        else:
            stack.extend(node.named_children)
    return False


def _dereferenced(ident: Node) -> bool:
    """The identifier is the operand of a `*`: `*x`, `(*x)`."""
    up = ident.parent
    while up is not None and up.type == "parenthesized_expression":
        up = up.parent
    return up is not None and up.type == "unary_expression" and up.children[0].type == "*"


def _read_by_method(ident: Node) -> bool:
    """The identifier is the receiver of a method of `_READING`: `x.offset(k)`."""
    method = ident.parent
    field = method.child_by_field_name("field") if method is not None and method.type == "field_expression" \
        else None
    return field is not None and method.child_by_field_name("value") == ident and method.parent is not None \
        and method.parent.type == "call_expression" and _READING.fullmatch(field.text.decode()) is not None


def _function(node: Node) -> Node | None:
    while node is not None and node.type != "function_item":
        node = node.parent
    return node

