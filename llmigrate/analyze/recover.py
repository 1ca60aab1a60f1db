"""Parse problems: diagnostics with file:line, and recovering definitions tree-sitter lost."""

from __future__ import annotations

import re

from tree_sitter import Language, Node, Parser, Point, Range, Tree

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


def parse_apart(language: Language, text: decl.Text) -> list[Node]:
    """The file parsed piece by piece, each piece ending with a line that starts with '}' (where a definition
    ends in conventionally indented C), so that a syntax error cannot swallow the definitions after it.
    For C the compiler rejects: on valid C a '}' in column 0 may close something else (an #if'd brace)."""
    ends = [m.end() for m in re.finditer(rb"^\}[^\n]*\n?", text.clean, re.M)]
    roots = []
    for start, end in zip([0, *ends], [*ends, len(text.clean)], strict=True):
        if text.clean[start:end].strip():
            parser = Parser(language)
            parser.included_ranges = [Range(_point(text.clean, start), _point(text.clean, end), start, end)]
            roots.append(parser.parse(text.clean).root_node)
    return roots


def _point(data: bytes, pos: int) -> Point:
    return Point(data.count(b"\n", 0, pos), pos - (data.rfind(b"\n", 0, pos) + 1))


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
            line, what = _unterminated(text, node, end)
            diagnostics.append(Diagnostic(text.file, line, f"{what}; it is cut at line "
                                          f"{after.start_point.row + 1}, where the next definition starts",
                                          "error"))
        ends.append(end)
    return items, ends


def _unterminated(text: decl.Text, node: Node, end: int) -> tuple[int, str]:
    """(line, message) for a function lacking a '}': at the '{' that lost it, when the indentation tells."""
    name, _ = decl.declarator_name(node.child_by_field_name("declarator"))
    what = f"'{text.cut(name) if name else '?'}' has no closing brace where expected"
    line = _unclosed_brace(text, node, end)
    if line is not None:
        return line, f"{what}: the '{{' on line {line} lacks its '}}' (the one closing it is indented less)"
    return node.start_point.row + 1, f"{what} (a '}}' missing, or braces unbalanced across #if branches)"


def _unclosed_brace(text: decl.Text, node: Node, end: int) -> int | None:
    """The line of the last '{' before `end` whose '}' sits at a smaller indentation than the '{' line's:
    in indented code, the brace that lost its own '}' (the next one closes it instead)."""
    found, todo = None, [node]
    while todo:
        n = todo.pop()
        todo += [c for c in n.children if c.start_byte < end]
        close = n.parent.children[-1] if n.type == "{" and n.parent is not None else None
        if close is not None and close.type == "}" and not close.is_missing and close.start_byte < end \
                and _indent(text, close.start_byte) < _indent(text, n.start_byte):
            if found is None or n.start_byte > found.start_byte:
                found = n
    return None if found is None else found.start_point.row + 1


def _indent(text: decl.Text, pos: int) -> int:
    start = text.clean.rfind(b"\n", 0, pos) + 1
    line = text.clean[start:pos].decode("utf-8", "replace").expandtabs(8)
    return len(line) - len(line.lstrip())


def _enclosing_function(node: Node) -> Node | None:
    parent = node.parent
    while parent is not None and parent.type != "function_definition":
        parent = parent.parent
    return parent


def _in_broken_function(node: Node) -> bool:
    fn = _enclosing_function(node)
    return fn is not None and fn.has_error


def syntax_errors(text: decl.Text, nodes: list[Node], cut: set[int]) -> list[Diagnostic]:
    """One diagnostic per line with an ERROR or MISSING node, naming the function it is in. `cut`: start
    bytes of the functions split_unterminated cut (and reported): the '}' missing at their end is theirs."""
    lines: dict[int, str] = {}
    for n in sorted(nodes, key=lambda n: (n.start_byte, -n.end_byte)):  # outermost first
        line = n.start_point.row + 1
        fn = _function_of(n)
        if n.is_missing and n.type == "}" and fn is not None and n.parent.type == "compound_statement":
            # a block's '}': report where it went missing (the '{' it belongs to), not where parsing ended
            if fn.start_byte not in cut:
                lines.setdefault(*_unterminated(text, fn, fn.end_byte))
            continue
        if line in lines:
            continue
        name = decl.declarator_name(fn.child_by_field_name("declarator"))[0] if fn is not None else None
        where = f" in function '{text.cut(name)}'" if name is not None else ""
        lines[line] = _missing(text, n, where) if n.is_missing else _unparsed(text, n, where)
    out = [Diagnostic(text.file, line, msg, "note" if msg.startswith("loop macro") else "error")
           for line, msg in sorted(lines.items())[:MAX_SYNTAX_DIAGNOSTICS]]
    if len(lines) > MAX_SYNTAX_DIAGNOSTICS:
        out.append(Diagnostic(text.file, sorted(lines)[MAX_SYNTAX_DIAGNOSTICS], f"{len(lines) - len(out)} "
                              "more lines with syntax errors not listed", "error"))
    return out


def _function_of(node: Node) -> Node | None:
    """The definition whose body (or parameter list) holds `node`: not one whose return type swallowed
    the broken code before it."""
    fn = _enclosing_function(node)
    declarator = fn.child_by_field_name("declarator") if fn is not None else None
    return fn if declarator is not None and declarator.start_byte <= node.start_byte else None


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
