"""A local's last step that nothing reads, left out (rustc's unused_assignments: C's `p32++;` ending a block).

    let mut p32: *const u32 = ..;  ..; x = f(p32); p32 = p32.wrapping_offset(1); state.n = 0; }

The statement `x = x.wrapping_offset(k);` (or `wrapping_add`/`wrapping_sub`, `k` a literal or a name) sits
in the very block that declares `x`, and no statement after it in that block names `x`: every path from it
leaves that block before reading `x` again, and `x` ends with the block (a loop around the block declares
it afresh). The step is a function of `x` and `k` alone, with no effect (a wrapping method never panics), so
leaving it out changes nothing the program does; unless the function takes a reference to `x`, which could
read it later, or names it in a macro or closure."""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.rust_syntax import Source, edited, parse, walk

_STEP = re.compile(r"(?P<x>[a-z_]\w*) = (?P=x)\.wrapping_(?:offset|add|sub)\((?:[\w.]+|-\d+\w*)\)")
_BORROWING = ("reference_expression", "macro_invocation", "closure_expression")


def dead_steps(text: str) -> str:
    """`text` without the statements of such last steps."""
    src = parse(text)
    if src.root.has_error:
        return text
    cuts = [_line(src, s) for s in src.of_type("expression_statement") if _dead(s)]
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


def _binds(let: Node, name: str) -> bool:
    pattern = let.child_by_field_name("pattern")
    return pattern is not None and pattern.type == "identifier" and pattern.text.decode() == name


def _names(n: Node, name: str) -> bool:
    return any(k.type == "identifier" and k.text.decode() == name for k in walk(n)) or \
        name in n.text.decode() and any(k.type == "token_tree" for k in walk(n))


def _borrowed(block: Node, name: str) -> bool:
    """The function holding `block` names `name` under a `&`, in a macro or a closure."""
    fn = block
    while fn.parent is not None and fn.type != "function_item":
        fn = fn.parent
    return any(k.type in _BORROWING and name in k.text.decode() for k in walk(fn))


def _line(src: Source, stmt: Node) -> tuple[int, int, str]:
    """The edit removing `stmt` with its line when it has the line to itself."""
    start, end = src.span(stmt)
    line = src.text.rfind("\n", 0, start) + 1
    if not src.text[line:start].strip() and src.text[end:].startswith("\n"):
        return line, end + 1, ""
    return start, end, ""
