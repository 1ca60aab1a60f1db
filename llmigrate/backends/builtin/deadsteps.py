"""A local's last step that nothing reads, left out (rustc's unused_assignments: C's `p32++;` ending a block).

    let mut p32: *const u32 = ..;  ..; x = f(p32); p32 = p32.wrapping_offset(1); state.n = 0; }

The statement `x = x.wrapping_offset(k);` (or `wrapping_add`/`wrapping_sub`, `k` a literal or a name) sits
in the very block that declares `x`, and no statement after it in that block names `x`: every path from it
leaves that block before reading `x` again, and `x` ends with the block (a loop around the block declares
it afresh). The step is a function of `x` and `k` alone, with no effect (a wrapping method never panics), so
leaving it out changes nothing the program does; unless the function takes a reference to `x`, which could
read it later, or names it in a macro or closure.

A constant stored the same way, `x = core::ptr::null_mut::<T>();` or a literal (C's `p = NULL;` after
`free(p)` ending a function), goes by the same proof: it has no effect either. So does such a constant
store anywhere when the very next statement stores `x` again from a value that names no `x` and cannot
jump (C's `p = NULL; p = malloc(n);`): no path reads the constant."""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.rust_syntax import Source, edited, parse, walk

_CONST = r"core::ptr::null(?:_mut)?::<[\w:<> *]+>\(\)|-?\d[\w.]*|true|false"
_WRAPPING = r"(?P=x)\.wrapping_(?:offset|add|sub)\((?:[\w.]+|-\d+\w*)\)"
_STEP = re.compile(rf"(?P<x>[A-Za-z_]\w*) = (?:{_WRAPPING}|{_CONST})")
_STORE = re.compile(rf"(?P<x>[A-Za-z_]\w*) = (?:{_CONST})")
_JUMPS = ("return_expression", "break_expression", "continue_expression", "try_expression",
          "macro_invocation")
_BORROWING = ("reference_expression", "macro_invocation", "closure_expression")


def dead_steps(text: str) -> str:
    """`text` without the statements of such last steps."""
    src = parse(text)
    if src.root.has_error:
        return text
    cuts = [_line(src, s) for s in src.of_type("expression_statement") if _dead(s) or _overwritten(s)]
    cuts += [cut for let in src.of_type("let_declaration") for cut in _merged(src, let) + _late(src, let)]
    return edited(src, sorted(cuts, reverse=True)).text if cuts else text


def _dead(stmt: Node) -> bool:
    m = _STEP.fullmatch(stmt.text.decode().removesuffix(";").strip())
    block = stmt.parent
    if m is None or block is None or block.type != "block":
        return False
    name, later, declared = m.group("x"), False, False
    for sib in block.named_children:
        if sib.type == "let_declaration" and _binds(sib, name):
            declared = True
        elif later and _names(sib, name):
            return False
        later = later or sib.id == stmt.id
    return declared and not _borrowed(block, name)


def _overwritten(stmt: Node) -> bool:
    """`x = constant;` whose next statement is `x = e;`, `e` naming no `x` and holding no jump."""
    m = _STORE.fullmatch(stmt.text.decode().removesuffix(";").strip())
    if m is None or stmt.parent is None or stmt.parent.type != "block":
        return False
    name, (left, right) = m.group("x"), _next_store(stmt)
    if left is None or right is None or left.type != "identifier" or left.text.decode() != name:
        return False
    return any(k.type == "let_declaration" and _binds(k, name) for k in walk(_function(stmt))) and \
        _fresh(right, name, stmt.parent)  # a `let`: `x` is no static a call in `e` could read


def _merged(src: Source, let: Node) -> list[tuple[int, int, str]]:
    """`let mut x: T = constant;` then `x = e;` as `let mut x: T = e;` when the store overwrites it (as
    `_overwritten`; on the next line: a comment line between may speak of `e`, and would end up below it)."""
    value, pattern = let.child_by_field_name("value"), let.child_by_field_name("pattern")
    if let.child_by_field_name("type") is None:  # the constant may be what settles `x`'s type
        return []
    if value is None or pattern is None or pattern.type != "identifier" or let.parent is None or \
            let.parent.type != "block" or not re.fullmatch(_CONST, value.text.decode()):
        return []
    name, (left, right) = pattern.text.decode(), _next_store(let, comments=False)
    if left is None or right is None or left.type != "identifier" or left.text.decode() != name or \
            re.fullmatch(_CONST, right.text.decode()) or not _fresh(right, name, let.parent):
        return []
    return [(*src.span(value), src.cut(right)), _line(src, right.parent.parent)]


def _late(src: Source, let: Node) -> list[tuple[int, int, str]]:
    """`let x: T;` then, past statements that neither name `x` nor declare anything, `x = e;` as
    `let x: T = e;` in the store's place (clippy's needless_late_init); no other local's drop moves."""
    pattern, typ = let.child_by_field_name("pattern"), let.child_by_field_name("type")
    if let.child_by_field_name("value") is not None or pattern is None or pattern.type != "identifier" or \
            typ is None or let.parent is None or let.parent.type != "block":
        return []
    name, after = pattern.text.decode(), let.next_named_sibling
    while after is not None and after.type != "let_declaration" and not _names(after, name):
        after = after.next_named_sibling
    store = after.named_children[0] if after is not None and after.type == "expression_statement" and \
        after.named_children else None
    left = store.child_by_field_name("left") if store is not None and store.type == "assignment_expression" \
        else None
    right = store.child_by_field_name("right") if left is not None else None
    if left is None or right is None or left.type != "identifier" or left.text.decode() != name or \
            _names(right, name) or not src.cut(after).endswith(";") or re.fullmatch(_CONST, src.cut(right)):
        return []  # a constant: the rules above may leave the store out
    head = src.cut(let).removesuffix(";").rstrip()
    return [_line(src, let), (*src.span(after), f"{head} = {src.cut(right)};")]


def _fresh(right: Node, name: str, block: Node) -> bool:
    """`right` neither names `name` nor jumps, and no reference, macro or closure may read `name`."""
    return not _names(right, name) and not any(k.type in _JUMPS for k in walk(right)) and \
        not _borrowed(block, name)


def _next_store(stmt: Node, comments: bool = True) -> tuple[Node | None, Node | None]:
    """The left and right sides of the assignment that is the statement after `stmt` (past comments)."""
    after = stmt.next_named_sibling
    while after is not None and after.type in ("line_comment", "block_comment") and \
            (comments or after.start_point[0] == stmt.end_point[0]):  # else only one ending its line
        after = after.next_named_sibling
    store = after.named_children[0] if after is not None and after.type == "expression_statement" and \
        after.named_children else None
    if store is None or store.type != "assignment_expression":
        return None, None
    return store.child_by_field_name("left"), store.child_by_field_name("right")


def _binds(let: Node, name: str) -> bool:
    pattern = let.child_by_field_name("pattern")
    return pattern is not None and pattern.type == "identifier" and pattern.text.decode() == name


def _names(n: Node, name: str) -> bool:
    return any(k.type == "identifier" and k.text.decode() == name for k in walk(n)) or \
        name in n.text.decode() and any(k.type == "token_tree" for k in walk(n))


def _borrowed(block: Node, name: str) -> bool:
    """The function holding `block` names `name` under a `&`, in a macro or a closure."""
    return any(k.type in _BORROWING and name in k.text.decode() for k in walk(_function(block)))


def _function(node: Node) -> Node:
    while node.parent is not None and node.type != "function_item":
        node = node.parent
    return node


def _line(src: Source, stmt: Node) -> tuple[int, int, str]:
    """The edit removing `stmt` with its line when it has the line to itself."""
    start, end = src.span(stmt)
    line = src.text.rfind("\n", 0, start) + 1
    if not src.text[line:start].strip() and src.text[end:].startswith("\n"):
        return line, end + 1, ""
    rest = src.text[end:]
    if rest.lstrip(" ").startswith("//"):  # a comment after it keeps its place on the line
        return start, end + len(rest) - len(rest.lstrip(" ")), ""
    return start, end, ""
