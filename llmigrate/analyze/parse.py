"""One C file -> FileFacts: its definitions, and the names each of them uses (resolved by analyze_link).

Runs in worker processes, so everything it returns is plain picklable data.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import tree_sitter_c
from tree_sitter import Language, Node, Parser, Query, QueryCursor

from llmigrate.analyze import decl as decl
from llmigrate.analyze import recover as recover
from llmigrate.analyze.blank import Blanks, Skips, blank
from llmigrate.core import CFunction, CGlobal, CMacro, CType, Diagnostic, Inactive, Param

_ITEMS = {"function_definition", "declaration", "type_definition", "struct_specifier", "union_specifier",
          "enum_specifier", "expression_statement"}
_WORD_CALL = re.compile(r"\b([A-Za-z_]\w*)(\s*\()?")
_STRING = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'')
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"\b(struct|union|enum)\s+([A-Za-z_]\w*)")


@dataclass
class Uses:
    """Names one item mentions, by role."""

    values: set[str] = field(default_factory=set)  # identifiers used as values (incl. function addresses)
    calls: set[str] = field(default_factory=set)  # identifiers called: f(...)
    decls: set[str] = field(default_factory=set)  # names it declares: parameters, locals, typedef names
    types: set[str] = field(default_factory=set)  # typedef names used
    tags: set[str] = field(default_factory=set)  # "struct x", "union y", "enum z" used
    parens: set[str] = field(default_factory=set)  # (name)(...): a cast to a typedef, or a call through name
    indirect: bool = False  # calls through an expression: p->op(...), (*fp)(...), table[i](...)


@dataclass
class FileFacts:
    file: str
    functions: list[tuple[CFunction, Uses]] = field(default_factory=list)
    prototypes: list[CFunction] = field(default_factory=list)
    types: list[tuple[CType, Uses]] = field(default_factory=list)
    globals: list[tuple[CGlobal, Uses]] = field(default_factory=list)
    macros: list[tuple[CMacro, Uses]] = field(default_factory=list)
    toplevel: Uses = field(default_factory=Uses)  # top-level statements such as module_init(f);
    includes: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # (function name, start line) -> the #ifdef conditions it is defined under, for functions inside one
    conditions: dict[tuple[str, int], tuple[tuple[str, bool], ...]] = field(default_factory=dict)
    inactive: list[Inactive] = field(default_factory=list)  # definitions in code the preprocessor skips


@cache
def _tools() -> tuple[Parser, Query]:
    lang = Language(tree_sitter_c.language())
    scm = resources.files(__package__).joinpath("uses.scm").read_text(encoding="utf-8")
    return Parser(lang), Query(lang, scm)


@cache
def _pattern(blanks: Blanks) -> re.Pattern[bytes]:
    return blanks.pattern()


def parse_file(root: str, rel: str, blanks: Blanks, skips: Skips | None = None,
               apart: bool = False) -> FileFacts:
    """Parse SRC/rel as the preprocessor leaves it (`skips`: the code it skips; None when unknown, then only
    `#if 0` code is left out); an unreadable file yields only a diagnostic. `apart`: a file with syntax
    errors is parsed definition by definition (recover.parse_apart)."""
    facts = FileFacts(rel)
    try:
        raw = (Path(root) / rel).read_bytes()
    except OSError as e:
        facts.diagnostics.append(Diagnostic(rel, 1, f"cannot read file: {e.strerror or e}", "error"))
        return facts
    facts.diagnostics += recover.check_utf8(rel, raw)
    parser, query = _tools()
    text = decl.Text(rel, raw, blank(raw, blanks, _pattern(blanks), skips))
    tree = parser.parse(text.clean)
    if recover.top_errors(tree.root_node):
        text, tree = recover.first_branches_if_better(parser, text, tree, facts.diagnostics)
    roots = recover.parse_apart(parser.language, text) if apart and tree.root_node.has_error \
        else [tree.root_node]
    items = [n for r in roots for n in decl.flat(r) if n.type in _ITEMS]
    captures: dict[str, list[Node]] = {}
    for r in roots:
        for name, nodes in QueryCursor(query).captures(r).items():
            captures.setdefault(name, []).extend(nodes)
    items, ends = recover.split_unterminated(text, items, _in_order(captures, "nested"), facts.diagnostics)
    uses = [Uses() for _ in items]
    _bucket(captures, text.clean, items, ends, uses)
    for node, end, u in zip(items, ends, uses, strict=True):
        _item(facts, text, blanks, node, end, u)
    for node in _in_order(captures, "preproc"):
        _preproc(facts, text, node)
    _tagged_types(facts, text, _in_order(captures, "body"), items, uses)
    cut = {n.start_byte for n, end in zip(items, ends, strict=True) if end < n.end_byte}
    facts.diagnostics += recover.syntax_errors(text, captures.get("error", []) + captures.get("missing", []),
                                               cut)
    if skips is not None and skips.lines:
        facts.inactive = _inactive(text, blanks, skips, [(n.start_point.row + 1, n.end_point.row + 1)
                                                         for n in items])
    if any(r.has_error for r in roots) and not (facts.functions or facts.types or facts.globals
                                                or facts.prototypes):
        facts.diagnostics.append(Diagnostic(rel, 1, "no declaration could be recovered from this file; it is "
                                            "left out of the analysis", "error"))
    return facts


def _inactive(live: decl.Text, blanks: Blanks, skips: Skips, spans: list[tuple[int, int]]) -> list[Inactive]:
    """Functions and globals defined in the skipped code: that code alone, parsed; a skipped branch inside a
    live item (statements of a function, fields of a struct) defines nothing and is passed over."""
    parser, _ = _tools()
    dead = skips.blank(blank(live.raw, blanks, _pattern(blanks), Skips(frozenset(), ())), keep=True)
    text = decl.Text(live.file, live.raw, dead)
    lines = live.raw.decode("utf-8", "replace").splitlines()
    out = []
    root = parser.parse(dead).root_node
    for node in _definitions(root, whole=root.type != "ERROR"):  # an ERROR root: nothing parsed as a whole
        line = node.start_point.row + 1
        if any(s <= line <= e for s, e in spans):
            continue
        for kind, name in _defined_names(text, node):
            out.append(Inactive(kind, name, live.file, line, skips.removed_by(live.file, lines, line)))
    return out


def _definitions(node: Node, whole: bool = True):
    """Top-level definitions, through preprocessor conditionals but not into what tree-sitter could not
    parse. In a conditional with a parse error, only function definitions: its "declarations" may be the
    statements of a function whose head a macro hides."""
    for child in node.children:
        if child.type in decl.CONTAINERS and child.type != "ERROR":
            yield from _definitions(child, whole and not child.has_error)
        elif child.type == "function_definition" or (child.type == "declaration" and whole):
            yield child


def _defined_names(text: decl.Text, node: Node) -> list[tuple[str, str]]:
    """("function", name) of a function definition; ("global", name) of each variable a declaration
    defines."""
    if node.type == "function_definition":
        name, fdecl = decl.declarator_name(node.child_by_field_name("declarator"))
        return [("function", text.cut(name))] if name is not None and fdecl is not None else []
    if "extern" in decl.storage(node, text) or any(c.type == "type_definition" for c in node.children):
        return []
    out = []
    for d in node.children_by_field_name("declarator"):
        name, fdecl = decl.declarator_name(d.child_by_field_name("declarator") if d.type == "init_declarator"
                                           else d)
        if name is not None and fdecl is None:
            out.append(("global", text.cut(name)))
    return out


def _in_order(captures: dict[str, list[Node]], name: str) -> list[Node]:
    """One capture's nodes in document order (capture lists are not)."""
    return sorted(captures.get(name, ()), key=lambda n: n.start_byte)


def _tagged_types(facts: FileFacts, text: decl.Text, bodies: list[Node], items: list[Node],
                  uses: list[Uses]) -> None:
    """Structs, unions and enums defined with a body outside functions, wherever they stand."""
    starts = [n.start_byte for n in items]
    for body in bodies:
        i = bisect_right(starts, body.start_byte) - 1
        if i >= 0 and items[i].type != "function_definition" and body.end_byte <= items[i].end_byte:
            ctype = decl.tagged_type(text, body)
            if ctype is not None:
                facts.types.append((ctype, uses[i]))


def _bucket(captures: dict[str, list[Node]], clean: bytes, items: list[Node], ends: list[int],
            uses: list[Uses]) -> None:
    """Sort every captured name into the top-level item that contains it (one pass, no tree walking)."""
    starts = [n.start_byte for n in items]
    taken: set[int] = set()  # start bytes of names already given a role (a call is not also a value)

    def add(nodes: list[Node], role: str, prefix: str = "", mark: bool = True) -> None:
        found: list[set[bytes]] = [set() for _ in items]
        for n in nodes:
            s, e = n.byte_range
            if s in taken:
                continue
            i = bisect_right(starts, s) - 1
            if i >= 0 and s < ends[i]:
                if mark:
                    taken.add(s)
                found[i].add(clean[s:e])
        for u, names in zip(uses, found, strict=True):
            if names:
                getattr(u, role).update(prefix + b.decode("utf-8", "replace") for b in names)

    calls, parens = [], []
    for n in captures.get("call", ()):
        if n.type == "identifier":
            calls.append(n)
        elif n.type == "parenthesized_expression" and n.named_child_count == 1 \
                and n.named_children[0].type == "identifier":
            parens.append(n.named_children[0])  # tree-sitter reads `(u8)(x)` as a call: link decides
        else:
            i = bisect_right(starts, n.start_byte) - 1
            if i >= 0 and n.start_byte < ends[i]:
                uses[i].indirect = True
    add(calls, "calls")
    add(parens, "parens")
    add(captures.get("decl", ()), "decls")
    for kind in ("struct", "union", "enum"):
        add(captures.get(kind, ()), "tags", kind + " ")
    add(captures.get("type", ()), "types", mark=False)
    add(captures.get("id", ()), "values", mark=False)


def _item(facts: FileFacts, text: decl.Text, blanks: Blanks, node: Node, end: int, uses: Uses) -> None:
    t = node.type
    if t == "function_definition":
        fn = _function(text, blanks, node, end)
        if fn is not None:
            uses.decls.discard(fn.name)  # its own name is declared here, yet a call to it is recursion
            facts.functions.append((fn, uses))
            if node.parent is not None and node.parent.type != "translation_unit":
                facts.conditions[(fn.name, fn.start_line)] = decl.branch_conditions(text, node)
    elif t == "declaration":
        _declaration(facts, text, blanks, node, uses)
    elif t == "type_definition":
        facts.types.extend((ct, uses) for ct in decl.typedefs(text, node))
    elif t == "expression_statement":
        for role in ("values", "calls", "types", "tags"):
            getattr(facts.toplevel, role).update(getattr(uses, role))
    else:
        ctype = decl.forward_type(text, node)
        if ctype is not None:
            facts.types.append((ctype, uses))


def _function(text: decl.Text, blanks: Blanks, node: Node, end: int) -> CFunction | None:
    declarator, body = node.child_by_field_name("declarator"), node.child_by_field_name("body")
    name, fdecl = decl.declarator_name(declarator)
    if name is None or fdecl is None or body is None:
        return None
    start = _extend_start(text, node.start_byte)
    plist = fdecl.child_by_field_name("parameters")
    params, variadic = _params(text, plist)
    signature = " ".join(decl.COMMENT.sub(" ", text.raw_text(start, body.start_byte)).split())
    store = decl.storage(node, text)
    source = text.raw_text(start, end)
    line = node.start_point.row + 1 if start == node.start_byte else text.raw.count(b"\n", 0, start) + 1
    end_line = node.end_point.row + 1 if end == node.end_byte else text.raw.count(b"\n", 0, end) + 1
    return CFunction(
        id=text.cut(name), name=text.cut(name), file=text.file, start_line=line,
        end_line=end_line, signature=signature,
        return_type=decl.type_text(text, decl.specifiers(node, declarator), declarator,
                                   [name.byte_range, plist.byte_range]),
        params=params, is_static="static" in store, is_variadic=variadic,
        is_inline=bool(store & blanks.inline or set(_WORD.findall(signature)) & blanks.inline),
        source=source, hash=hashlib.sha256(source.encode("utf-8")).hexdigest())


def _params(text: decl.Text, plist: Node | None) -> tuple[list[Param], bool]:
    params, variadic = [], False
    for p in plist.named_children if plist is not None else ():
        if p.type == "variadic_parameter":
            variadic = True
        elif p.type == "parameter_declaration":
            d = p.child_by_field_name("declarator")
            name, _ = decl.declarator_name(d)
            drop = [name.byte_range] if name is not None else []
            params.append(Param(text.cut(name) if name is not None else "",
                                decl.type_text(text, decl.specifiers(p, d), d, drop)))
    if len(params) == 1 and params[0] == Param("", "void"):
        params = []
    return params, variadic


def _extend_start(text: decl.Text, start: int) -> int:
    """Move a definition's start back over blanked attribute macros on the lines before it (not over a
    blanked conditional directive, nor the skipped code behind one)."""
    j, best = start - 1, start
    while j >= 0 and text.clean[j] in b" \t\r\n":
        if text.clean[j] == 10 and text.raw[text.raw.rfind(b"\n", 0, j) + 1:j].lstrip().startswith(b"#"):
            break
        if text.raw[j] not in b" \t\r\n":
            best = j
        j -= 1
    return best


def _declaration(facts: FileFacts, text: decl.Text, blanks: Blanks, node: Node, uses: Uses) -> None:
    """Prototypes and global variables of a top-level declaration."""
    decls = node.children_by_field_name("declarator")
    specs = decl.specifiers(node, decls[0] if decls else None)
    store = decl.storage(node, text)
    source = text.raw_text(*node.byte_range)
    for d in decls:
        value = d.child_by_field_name("value") if d.type == "init_declarator" else None
        inner = d.child_by_field_name("declarator") if d.type == "init_declarator" else d
        name, fdecl = decl.declarator_name(inner)
        if name is None:
            continue
        ctype = decl.type_text(text, specs, inner, [name.byte_range])
        line = d.start_point.row + 1
        if fdecl is not None:
            plist = fdecl.child_by_field_name("parameters")
            params, variadic = _params(text, plist)
            facts.prototypes.append(CFunction(
                id=text.cut(name), name=text.cut(name), file=text.file, start_line=line,
                end_line=node.end_point.row + 1, signature=" ".join(source.rstrip(";").split()),
                return_type=decl.type_text(text, specs, inner, [name.byte_range, plist.byte_range]),
                params=params, is_static="static" in store, is_inline=bool(store & blanks.inline),
                is_variadic=variadic, source=source))
            continue
        facts.globals.append((CGlobal(
            name=text.cut(name), file=text.file, line=line, type=ctype, is_static="static" in store,
            is_extern="extern" in store and value is None,
            is_const=decl.const_object(ctype),
            init=" ".join(text.raw_text(*value.byte_range).split()) if value is not None else None,
            source=source), uses))


def _preproc(facts: FileFacts, text: decl.Text, node: Node) -> None:
    if node.type == "preproc_include":
        path = node.child_by_field_name("path")
        if path is not None:
            facts.includes.append(text.raw_text(*path.byte_range))
    elif node.type in ("preproc_def", "preproc_function_def"):
        name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
        params = None
        if node.type == "preproc_function_def":
            plist = node.child_by_field_name("parameters")
            params = [text.cut(c) for c in plist.children if c.type in ("identifier", "...")]
        body = text.raw_text(*value.byte_range).strip() if value is not None else ""
        facts.macros.append((CMacro(text.cut(name), text.file, node.start_point.row + 1, params, body),
                             macro_uses(body, params or [])))


def macro_uses(body: str, params: list[str]) -> Uses:
    """Names a macro body mentions, by a scan of its tokens (macro bodies are not parsed as C)."""
    uses, code = Uses(), _STRING.sub(" ", decl.COMMENT.sub(" ", body))
    for m in _WORD_CALL.finditer(code):
        name = m.group(1)
        if name not in params and not name[0].isdigit():
            (uses.calls if m.group(2) else uses.values).add(name)
    uses.tags = {f"{m.group(1)} {m.group(2)}" for m in _TAG.finditer(code)}
    return uses
