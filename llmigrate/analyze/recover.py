"""Parse problems: diagnostics with file:line, and recovering definitions tree-sitter lost."""

from __future__ import annotations

import re
from bisect import bisect_right

from tree_sitter import Node, Parser, Tree

from llmigrate.analyze import decl as decl
from llmigrate.analyze.blank import first_branches
from llmigrate.core import Diagnostic

MAX_SYNTAX_DIAGNOSTICS = 20  # per file: a file of garbage should not bury everything else


def check_utf8(file: str, raw: bytes) -> list[Diagnostic]:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        return [Diagnostic(file, line, f"not valid UTF-8 (byte 0x{raw[e.start]:02x}); undecodable bytes are "
                                       "read as U+FFFD in source text", "warning")]
    return []


def top_errors(root: Node) -> int:
    """Errors outside any function: a definition was lost, not just a statement."""
    return sum(1 for c in root.children if c.type == "ERROR" or c.is_missing)


def first_branches_if_better(parser: Parser, text: decl.Text, tree: Tree,
                             diagnostics: list[Diagnostic]) -> tuple[decl.Text, Tree]:
    """Parse again with only the first branch of each #if; keep that if it loses fewer definitions."""
    alt = decl.Text(text.file, text.raw, first_branches(text.clean))
    alt_tree = parser.parse(alt.clean)
    if top_errors(alt_tree.root_node) >= top_errors(tree.root_node):
        return text, tree
    diagnostics.append(Diagnostic(
        text.file, 1, "braces balance only within each #if branch: the file is analysed with the first "
        "branch of every #if/#ifdef (code in #else/#elif branches is left out)", "warning"))
    return alt, alt_tree


def split_unterminated(text: decl.Text, items: list[Node], nested: list[Node],
                       diagnostics: list[Diagnostic]) -> tuple[list[Node], list[int]]:
    """Items in order with their end bytes. A function missing its closing brace swallows the definitions
    after it (tree-sitter nests them): cut it where the next one starts."""
    inside = [n for n in nested if n.has_error or _in_broken_function(n)]
    if not inside:
        return items, [n.end_byte for n in items]
    items = sorted(items + inside, key=lambda n: n.start_byte)
    ends = []
    for node, after in zip(items, items[1:] + [None], strict=True):
        end = node.end_byte
        if after is not None and after.start_byte < end:
            end = len(text.clean[:after.start_byte].rstrip())
            name, _ = decl.declarator_name(node.child_by_field_name("declarator"))
            diagnostics.append(Diagnostic(
                text.file, node.start_point.row + 1, f"'{text.cut(name) if name else '?'}' has no closing "
                f"brace where expected (unbalanced braces across #if branches?); it is cut at line "
                f"{after.start_point.row + 1}, where the next definition starts", "error"))
        ends.append(end)
    return items, ends


def _in_broken_function(node: Node) -> bool:
    parent = node.parent
    while parent is not None and parent.type != "function_definition":
        parent = parent.parent
    return parent is not None and parent.has_error


def syntax_errors(text: decl.Text, nodes: list[Node], spans: list[tuple[int, int, str]]) -> list[Diagnostic]:
    """One diagnostic per line with an ERROR or MISSING node, naming the function (span) it is in."""
    spans = sorted(spans)
    lines: dict[int, str] = {}
    for n in sorted(nodes, key=lambda n: (n.start_byte, -n.end_byte)):  # outermost first
        line = n.start_point.row + 1
        if line in lines:
            continue
        i = bisect_right(spans, (line, 1 << 30)) - 1
        where = f" in function '{spans[i][2]}'" if i >= 0 and spans[i][1] >= line else ""
        lines[line] = _missing(text, n, where) if n.is_missing else _unparsed(text, n, where)
    out = [Diagnostic(text.file, line, msg, "note" if msg.startswith("loop macro") else "error")
           for line, msg in sorted(lines.items())[:MAX_SYNTAX_DIAGNOSTICS]]
    if len(lines) > MAX_SYNTAX_DIAGNOSTICS:
        out.append(Diagnostic(text.file, sorted(lines)[MAX_SYNTAX_DIAGNOSTICS], f"{len(lines) - len(out)} "
                              "more lines with syntax errors not listed", "error"))
    return out


def _unparsed(text: decl.Text, node: Node, where: str) -> str:
    snippet = " ".join(text.raw_text(*node.byte_range).split())
    msg = f"syntax error{where}: cannot parse '{snippet[:60]}{'...' if len(snippet) > 60 else ''}'"
    if re.fullmatch(r"[A-Za-z_]\w*", snippet):
        msg += f" (if {snippet} is an attribute macro, list it in [c] attribute_macros in llmigrate.toml)"
    return msg


def _missing(text: decl.Text, node: Node, where: str) -> str:
    prev = node.prev_sibling
    if node.type == ";" and prev is not None and prev.type == "call_expression":
        name = text.cut(prev.child_by_field_name("function"))
        return (f"loop macro{where}: {name}(...) has no ';' after it, so it is read as a loop header; "
                "the statement after it is analysed as usual")
    return f"syntax error{where}: missing '{node.type}'"
