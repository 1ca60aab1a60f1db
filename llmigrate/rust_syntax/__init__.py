"""Rust text through tree-sitter-rust: comments and literals, top-level items, unsafe code, tokens, errors.

The one place that reads Rust syntax: the laziness guard, verify's code metrics and the report's highlighting
all see Rust through here, so a `//` inside a string, a lifetime beside a char literal or a nested block
comment means the same to each of them. C goes through the same functions (`lang="c"`, tree-sitter-c)
where a stage compares a translation with its C or shows both: the guard and the report.

Offsets are str offsets into the text given (tree-sitter counts bytes: `Source.at` converts); rows from 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tree_sitter import Node

from llmigrate.rust_syntax.tree import ATOMIC, COMMENTS, LITERALS, Source, parse, walk
from llmigrate.rust_syntax.tree import edited as edited  # a text parsed again after a pass's edits
from llmigrate.rust_syntax.tree import parsed as parsed  # the cache, for the tests that look into it

# Top-level nodes that belong to the item after them.
_ATTACHED = frozenset({"line_comment", "block_comment", "attribute_item", "inner_attribute_item"})
_ITEM_KINDS = {"function_item": "fn", "function_signature_item": "fn", "struct_item": "struct",
               "enum_item": "enum", "union_item": "union", "type_item": "type", "const_item": "const",
               "static_item": "static", "trait_item": "trait", "impl_item": "impl", "mod_item": "mod",
               "use_declaration": "use", "macro_definition": "macro_rules!"}
_KIND_WORDS = {"fn", "struct", "enum", "union", "type", "const", "static", "trait", "impl", "mod", "use"}
_NAMES = ("identifier", "type_identifier")
_PTR_FNS = frozenset({"read", "write", "read_volatile", "write_volatile", "read_unaligned",
                      "write_unaligned"})
_BLANK = re.compile(r"[^\n]")
C_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_C_LEAD = re.compile(r"^\s*\*(?!/) ?")  # the ` * ` that starts each line inside a C block comment
# A C file's opening comments, up to the first blank line: its license header and its description.
_C_HEADER = re.compile(r"\s*(?:(?://[^\n]*|/\*.*?\*/)[ \t]*\n?[ \t]*)*", re.S)
# Preprocessor lines a license header may follow (`#include`s first, then the header comment).
_C_DIRECTIVES = re.compile(r"(?:\s*#[^\n]*(?:\\\n[^\n]*)*)+")
_LICENSE = re.compile(r"copyright|license|spdx", re.I)


def blank(text: str, lang: str = "rust", literals: bool = True) -> str:
    """`text` with comments (and string and char literals, if `literals`) made spaces, newlines kept."""
    src = parse(text, lang)
    parts, pos = [], 0
    for node in src.of_types(COMMENTS[lang] + (LITERALS[lang] if literals else ())):
        start, end = src.span(node)
        if start >= pos:
            parts += [text[pos:start], _BLANK.sub(" ", text[start:end])]
            pos = end
    return "".join(parts) + text[pos:]


def comments(text: str, lang: str = "rust") -> list[str]:
    """The text of every comment, without its `//`, `/*` and `*/`."""
    src = parse(text, lang)
    return [src.cut(n).removesuffix("\n")[2:].removesuffix("*/") for n in src.of_types(COMMENTS[lang])]


def c_comment_lines(comment: str) -> list[str]:
    """One C comment as Rust `//` lines: block-comment frames and leading ` * ` dropped, blank edges
    trimmed (as `//` lines, a `/*` inside it cannot open a nested Rust comment)."""
    if comment.startswith("//"):
        return ["//" + comment[2:].rstrip()]
    body = [_C_LEAD.sub("", ln).rstrip() for ln in comment[2:-2].splitlines()]
    while body and not body[0].strip():
        body.pop(0)
    while body and not body[-1].strip():
        body.pop()
    return [f"// {ln.strip() if i == 0 else ln}".rstrip() for i, ln in enumerate(body)]


@lru_cache(maxsize=64)
def c_header_span(text: str) -> tuple[int, int]:
    """Where the comments that open a C file (license header, description) start and end (end at least 1);
    a file opening with preprocessor lines has the comments after them when they name a license."""
    end = _C_HEADER.match(text).end()
    if not C_COMMENT.search(text, 0, end) and (pre := _C_DIRECTIVES.match(text)) is not None:
        after = _C_HEADER.match(text, pre.end()).end()
        if _LICENSE.search(text, pre.end(), after):
            return pre.end(), after
    return 0, max(end, 1)


def c_header(text: str) -> list[str]:
    """The comments that open a C file, as Rust `//` lines."""
    return [ln for m in C_COMMENT.finditer(text, *c_header_span(text)) for ln in c_comment_lines(m.group())]


@dataclass
class Item:
    """One top-level item of Rust text, with the comments and attributes before it."""

    text: str
    kind: str | None  # "fn", "struct", ... or None when unrecognised
    name: str | None


def items(text: str) -> list[Item]:
    """The top-level items of Rust text; each runs from the end of the one before it (newlines stripped)."""
    src = parse(text)
    found, start = [], 0
    for group in _groups(src.root):
        end = src.at(group.nodes[-1].end_byte)
        found.append(Item(text[start:end].strip("\n"), *_kind_and_name(src, group)))
        start = end
    found.append(Item(text[start:].strip("\n"), None, None))
    return [it for it in found if it.text.strip()]


@dataclass
class _Group:
    """The top-level nodes of one item: one node, or the loose pieces of an item cut short."""

    nodes: list[Node]
    whole: bool

    @property
    def pieces(self) -> list[Node]:
        return self.nodes[0].children if self.whole else self.nodes


def _groups(root: Node) -> list[_Group]:
    """Top-level nodes by item; comments and attributes belong to the next one. A text cut short (a
    truncated reply) parses as an ERROR root: its whole items stand alone, the pieces between make one."""
    groups: list[_Group] = []
    for node in root.children:
        if node.type in _ATTACHED:
            continue
        if root.type != "ERROR" or node.type in _ITEM_KINDS:
            groups.append(_Group([node], True))
        elif groups and not groups[-1].whole:
            groups[-1].nodes.append(node)
        else:
            groups.append(_Group([node], False))
    return groups


def _kind_and_name(src: Source, group: _Group) -> tuple[str | None, str | None]:
    node = group.nodes[0]
    if group.whole and node.type != "ERROR":
        name = node.child_by_field_name("name")
        if node.type == "impl_item":  # `impl Trait for T` is named Trait; `impl T` is named T
            name = node.child_by_field_name("trait") or node.child_by_field_name("type")
        return _ITEM_KINDS.get(node.type), src.cut(name) if name is not None and name.type in _NAMES else None
    pieces = group.pieces  # an item that does not parse: read it from its first keyword
    for i, k in enumerate(pieces):
        if not k.is_named and k.type in _KIND_WORDS:
            name = pieces[i + 1] if i + 1 < len(pieces) and pieces[i + 1].type in _NAMES else None
            return k.type, src.cut(name) if name is not None else None
    return None, None


def fn_header(text: str) -> str | None:
    """The first top-level `fn` of Rust text from its start (after attributes) to its body, comments blank."""
    src = parse(text)
    for group in _groups(src.root):
        if _kind_and_name(src, group)[0] == "fn":
            ends = [p for p in group.pieces if p.type in ("block", "{", ";")]
            end = ends[0].start_byte if ends else group.nodes[-1].end_byte
            return blank(text, literals=False)[src.at(group.nodes[0].start_byte):src.at(end)]
    return None


@dataclass(frozen=True)
class UnsafeRegion:
    """Code under `unsafe`: rows from the keyword to the closing brace, and its raw dereferences."""

    first_row: int
    last_row: int
    derefs: int


def unsafe_regions(text: str) -> list[UnsafeRegion]:
    """The outermost unsafe blocks, unsafe fns, impls and extern blocks with a body, in document order.
    `derefs` counts unary `*` and calls of the ptr read/write family (`ptr::read(p)`, `p.write(v)`), which
    may include dereferences of references inside the unsafe code."""
    src = parse(text)
    regions, covered = [], -1
    for tok in walk(src.root):
        if tok.type != "unsafe" or tok.start_byte < covered:
            continue  # not the keyword, or nested in a region already counted
        owner = _unsafe_owner(tok)
        body = owner.child_by_field_name("body") if owner is not None and owner.type != "unsafe_block" \
            else owner
        if owner is not None and body is not None:  # `unsafe fn f();` has no body
            regions.append(UnsafeRegion(tok.start_point.row, owner.end_point.row, _derefs(src, body)))
            covered = owner.end_byte
    return regions


def _unsafe_owner(tok: Node) -> Node | None:
    parent = tok.parent
    if parent is not None and parent.type == "function_modifiers":
        parent = parent.parent
    ok = {"unsafe_block", "function_item", "impl_item", "trait_item", "foreign_mod_item"}
    return parent if parent is not None and parent.type in ok else None


def _derefs(src: Source, node: Node) -> int:
    n = 0
    for d in walk(node):
        if d.type == "unary_expression" and d.child(0).type == "*":
            n += 1
        elif d.type == "call_expression" and _callee_name(src, d.child_by_field_name("function")) in _PTR_FNS:
            n += 1
        elif d.type == "token_tree" and d.parent is not None and d.parent.type == "macro_invocation":
            n += _macro_derefs(src.cut(d))
    return n


def _macro_derefs(args: str) -> int:
    """Dereferences in a macro's arguments (`addr_of_mut!((*p))`, `assert!(*p == 1, "{}", *q)`): the parser
    keeps them as tokens, so they are read again as the expression they nearly always are."""
    wrapped = parse(f"fn f() {{ let _ = {args}; }}")
    return _derefs(wrapped, wrapped.root)


def _callee_name(src: Source, fn: Node | None) -> str | None:
    """The last name of a call's function: `read` of `read`, `core::ptr::read`, `p.read`, `ptr::read::<T>`."""
    while fn is not None and fn.type == "generic_function":
        fn = fn.child_by_field_name("function")
    if fn is not None and fn.type in ("scoped_identifier", "field_expression"):
        fn = fn.child_by_field_name("name" if fn.type == "scoped_identifier" else "field")
    return src.cut(fn) if fn is not None else None


@dataclass(frozen=True)
class Token:
    """A highlighted token: str offsets and what it is."""

    start: int
    end: int
    kind: str  # "comment" | "string" | "number" | "keyword" | "type" | "macro"


_KIND_OF = {"line_comment": "comment", "block_comment": "comment", "comment": "comment",
            "string_literal": "string", "raw_string_literal": "string", "char_literal": "string",
            "system_lib_string": "string", "integer_literal": "number", "float_literal": "number",
            "number_literal": "number", "primitive_type": "type", "type_identifier": "type",
            "lifetime": "macro", "label": "macro", "self": "keyword", "crate": "keyword", "super": "keyword",
            "mutable_specifier": "keyword", "true": "keyword", "false": "keyword", "null": "keyword"}


def tokens(text: str, lang: str = "rust") -> list[Token]:
    """The tokens worth highlighting, in order: comments, literals, numbers, keywords, types, macros."""
    src = parse(text, lang)
    out: list[Token] = []
    for node in walk(src.root):
        kind = _token_kind(node) if node.child_count == 0 or node.type in ATOMIC else None
        if kind is not None:
            start, end = src.span(node)
            end -= text[start:end].endswith("\n")  # a line comment's newline is not part of it
            name = _macro_name(node)  # `name!` is one token: the name and its bang
            out.append(Token(start if name is None else src.at(name.start_byte), end, kind))
    return out


def _token_kind(leaf: Node) -> str | None:
    kind = _KIND_OF.get(leaf.type)
    if kind is not None:
        return kind
    parent = leaf.parent.type if leaf.parent is not None else ""
    if (leaf.type == "!" and parent == "macro_invocation") or leaf.type == "macro_rules!":
        return "macro"
    if leaf.type.startswith("#") and len(leaf.type) > 1:
        return "macro"  # a C preprocessor directive (Rust's attribute `#` is not one)
    if not leaf.is_named and leaf.type.isidentifier() and leaf.type != "_":
        return "type" if parent == "sized_type_specifier" else "keyword"
    return None


def _macro_name(leaf: Node) -> Node | None:
    """The name before a macro's `!` (`assert` of `assert!`, `println` of `std::println!`)."""
    name = leaf.prev_sibling if leaf.type == "!" and leaf.parent is not None \
        and leaf.parent.type == "macro_invocation" else None
    if name is not None and name.type == "scoped_identifier":
        name = name.child_by_field_name("name")
    return name


def parse_errors(text: str, lang: str = "rust") -> list[tuple[int, str]]:
    """Syntax errors of `text`: (1-based line, message), one per line, for ERROR and MISSING nodes."""
    src = parse(text, lang)
    if not src.root.has_error:  # the common case, without visiting every node in Python
        return []
    errors: dict[int, str] = {}
    for node in walk(src.root):
        line = node.start_point.row + 1
        if node.is_missing and line not in errors:
            errors[line] = f"missing `{node.type}`"
        elif node.type == "ERROR" and line not in errors:
            snippet = " ".join(src.cut(node).split())
            errors[line] = f"cannot parse `{snippet[:60]}{'...' if len(snippet) > 60 else ''}`"
    return sorted(errors.items())


@dataclass
class CodeMetrics:
    rust_lines: int
    unsafe_lines: int
    raw_derefs: int


def code_metrics(lines: list[str]) -> CodeMetrics:
    """Metrics of one function's Rust lines: non-blank code lines, those in unsafe code, and the raw
    dereferences there (`unsafe_regions`)."""
    text = "\n".join(lines)
    code = blank(text).split("\n")
    regions = unsafe_regions(text)
    unsafe_rows = {r for g in regions for r in range(g.first_row, g.last_row + 1)}
    rust = sum(1 for ln in code if ln.strip())
    unsafe = sum(1 for r in unsafe_rows if code[r].strip())
    return CodeMetrics(rust, unsafe, sum(g.derefs for g in regions))
