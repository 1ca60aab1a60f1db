"""An `Option` parameter tested then used: `if p.is_some() { *p.as_deref_mut().unwrap() = v; }` as
`if let Some(p) = p.as_deref_mut() { *p = v; }` (C's `if (p) *p = v;`, spelled as Rust spells it)."""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.backends.builtin.tails import Edit, rewritten
from llmigrate.rust_syntax import Source, walk

# The unwrapping forms borrows.py writes, by the `if let` scrutinee each one calls for.
_MUT, _REF = ".as_deref_mut().unwrap()", ".unwrap()"
_REBORROW = ".as_deref_mut()"  # the call moved_last drops at a binding's last use


def if_let(text: str) -> str:
    """`text` with each `if p.is_some() { .. }` (no else) whose block only unwraps `p` as an `if let`."""
    if "is_some" not in text:  # no `p.is_some()` to rewrite: not worth a parse and a walk of every `if`
        return text
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


def moved_last(text: str) -> str:
    """`text` with an `Option<&mut T>` local's last use `p.as_deref_mut()` as `p` (clippy's
    needless_option_as_deref: the reborrow keeps `p` for uses that never come). The scrutinee of
    `if let Some(p) = p.as_deref_mut()` is one: the `p` its block names is the new `&mut T`."""
    if _REBORROW not in text:  # nothing to rewrite: skip the parse and the walks per binding
        return text
    return rewritten(text, _last_use_edits)


def _last_use_edits(src: Source) -> list[Edit]:
    edits: list[Edit] = []
    for fn in src.of_type("function_item"):
        body = fn.child_by_field_name("body")
        # only a name reborrowed somewhere in `fn` can be rewritten: each other one cost two walks of it
        text = src.cut(fn)
        names = {src.cut(n) for n in walk(fn) if n.type == "identifier" and _is_binding(n)
                 and f"{src.cut(n)}{_REBORROW}" in text}
        for name in sorted(names) if body is not None else []:
            last = _last_mention(body, name, src)
            if last is not None and _only_option_muts(fn, name, src) and _reborrowed(last, src) and \
                    not _repeats(last, fn):
                edits.append((src.span(last)[1], src.span(last.parent.parent)[1], ""))
    return edits


def _is_binding(ident: Node) -> bool:
    parent = ident.parent
    return parent is not None and parent.type in ("let_declaration", "parameter") and \
        parent.child_by_field_name("pattern") == ident


def _last_mention(node: Node, name: str, src: Source) -> Node | None:
    """The identifier naming `name` that runs last in `node` by the order Rust evaluates it (and clippy
    reads it): an assignment's right side before its left."""
    kids = node.named_children
    if node.type in ("assignment_expression", "compound_assignment_expr"):
        kids = [k for k in (node.child_by_field_name("right"), node.child_by_field_name("left")) if k]
    elif _rebinds(node, name):  # its pattern and block name the new binding, not this `name`
        kids = [k for k in (_let_value(node), node.child_by_field_name("alternative")) if k]
    for kid in reversed(kids):
        found = _last_mention(kid, name, src)
        if found is not None:
            return found
    return node if node.type == "identifier" and src.cut(node) == name else None


def _only_option_muts(fn: Node, name: str, src: Source) -> bool:
    """Every binding of `name` in `fn` is an `Option<&mut T>` parameter or `let` or a `let name = name;`
    of one; no pattern, closure or loop binds it."""
    for n in walk(fn):
        if n.type != "identifier" or src.cut(n) != name or n.parent is None:
            continue
        parent = n.parent
        if _is_binding(n):
            typ, value = parent.child_by_field_name("type"), parent.child_by_field_name("value")
            if not (typ is not None and src.cut(typ).startswith("Option<&mut ") or
                    typ is None and value is not None and src.cut(value) == name):
                return False
        elif "pattern" in parent.type and not _rebinds(_up(n, 3), name) or \
                "closure" in parent.type or parent.type == "for_expression":
            return False
    return True


def _rebinds(node: Node | None, name: str) -> bool:
    """`node` is `if let Some(name) = ..` (`name` of the inner `&mut T` shadows the `Option` in the
    `if` block alone: the scrutinee and an `else` still name the outer one)."""
    if node is None or node.type != "if_expression":
        return False
    test = node.child_by_field_name("condition")
    is_let = test is not None and test.type == "let_condition"
    pattern = test.child_by_field_name("pattern") if is_let else None
    return pattern is not None and pattern.text.decode() == f"Some({name})"


def shadowed(ident: Node, name: str, let: Node) -> bool:
    """`ident` sits in the block of an `if let Some(name) = ..` that comes after `let` in its block: it
    names the `if let`'s binding, not the one `let` made."""
    up, child = ident.parent, ident
    while up is not None and up != let.parent:
        if up.type == "if_expression" and up.start_byte > let.end_byte and _rebinds(up, name) and \
                child == up.child_by_field_name("consequence"):
            return True
        up, child = up.parent, up
    return False


def _let_value(node: Node) -> Node | None:
    test = node.child_by_field_name("condition")
    return test.child_by_field_name("value") if test is not None else None


def _reborrowed(ident: Node, src: Source) -> bool:
    """`ident` is the receiver of `.as_deref_mut()`."""
    method = ident.parent
    call = method.parent if method is not None else None
    return method is not None and method.type == "field_expression" and \
        method.child_by_field_name("value") == ident and call is not None and \
        call.type == "call_expression" and src.cut(call) == f"{src.cut(ident)}{_REBORROW}"


def _repeats(node: Node, fn: Node) -> bool:
    """`node` sits in a loop or a closure of `fn` (it may run again after it moved `p`)."""
    up = node.parent
    while up is not None and up != fn:
        if up.type in ("loop_expression", "while_expression", "for_expression", "closure_expression"):
            return True
        up = up.parent
    return False
