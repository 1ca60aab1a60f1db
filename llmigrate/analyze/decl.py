"""Declarators, abstract type text and struct/union/enum/typedef records from tree-sitter-c nodes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tree_sitter import Node

from llmigrate.analyze.blank import COMMENT
from llmigrate.core import CType, Param

# Children of a declaration that make up its type (storage classes and attributes are not part of it).
TYPE_PARTS = frozenset({"type_qualifier", "primitive_type", "sized_type_specifier", "type_identifier",
                        "struct_specifier", "union_specifier", "enum_specifier", "macro_type_specifier"})
_SPECIFIERS = {"struct_specifier", "union_specifier", "enum_specifier"}
_WRAPPERS = {"pointer_declarator", "array_declarator", "attributed_declarator", "init_declarator"}
_NAMES = {"identifier", "field_identifier", "type_identifier", "primitive_type"}  # `typedef _Bool bool;`
# Nodes whose children are read as if they stood in the enclosing scope.
CONTAINERS = frozenset({"preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif", "preproc_elifdef",
                        "ERROR", "linkage_specification", "declaration_list"})

_TOKEN = re.compile(r"\{\.\.\.\}|\w+|\.\.\.|\S")


@dataclass
class Text:
    """A file as read (`raw`, for source text) and as parsed (`clean`: attribute macros blanked)."""

    file: str
    raw: bytes
    clean: bytes

    def raw_text(self, start: int, end: int) -> str:
        return self.raw[start:end].decode("utf-8", "replace")

    def cut(self, node: Node, drop: list[tuple[int, int]] = ()) -> str:
        """Parsed text of `node` without the byte ranges in `drop` (names, parameter lists, bodies)."""
        pos, end = node.start_byte, node.end_byte
        if not drop:
            return self.clean[pos:end].decode("utf-8", "replace")
        parts = []
        for ds, de in sorted(drop) if len(drop) > 1 else drop:
            if pos <= ds and de <= end:
                parts.append(self.clean[pos:ds])
                pos = de
        parts.append(self.clean[pos:end])
        return b" ".join(parts).decode("utf-8", "replace")


def flat(node: Node):
    """Children of node, looking through preprocessor conditionals and error recovery nodes."""
    for child in node.children:
        if child.type in CONTAINERS:
            yield from flat(child)
        else:
            yield child


def branch_conditions(text: Text, node: Node) -> tuple[tuple[str, bool], ...]:
    """The `#ifdef`/`#ifndef` conditions a node stands under: (macro, must be defined); `#if EXPR` is not
    evaluated."""
    out, child, parent = [], node, node.parent
    while parent is not None and parent.type != "translation_unit":
        if parent.type in ("preproc_ifdef", "preproc_elifdef"):
            name = parent.child_by_field_name("name")
            positive = parent.children[0].type in ("#ifdef", "#elifdef")
            in_else = child == parent.child_by_field_name("alternative")
            if name is not None:
                out.append((text.cut(name), positive != in_else))
        child, parent = parent, parent.parent
    return tuple(out)


@lru_cache(maxsize=4096)
def normalise_type(text: str) -> str:
    """Whitespace-normalised C type text: 'const u32 *', 'int [16]', 'int (*)(const void *, int)'."""
    out = ""
    for tok in _TOKEN.findall(COMMENT.sub(" ", text)):
        if not out or tok in ")],;" or out[-1] in "([" or (out[-1] == "*" and tok in "*[(") \
                or (out[-1] in ")]" and tok in "(["):
            out += tok
        else:
            out += " " + tok
    return out


def const_object(ctype: str) -> bool:
    """An object of C type `ctype` is read-only: its outermost pointer is `const` (`char *const`), or, with
    no pointer, its type is (`const u16 [N*2]`: an array's size is no pointer, nor are its brackets)."""
    tokens = re.sub(r"\[[^\]]*\]", " ", ctype).replace("*", " * ").split()
    return tokens[-1] == "const" if "*" in tokens else "const" in tokens


def declarator_name(node: Node | None) -> tuple[Node | None, Node | None]:
    """(name node, the function_declarator directly around it or None) of a declarator chain."""
    fdecl = None
    while node is not None:
        t = node.type
        if t in _NAMES:
            return node, fdecl
        if t == "function_declarator":
            inner = node.child_by_field_name("declarator")
            bare = inner
            while bare is not None and bare.type == "parenthesized_declarator" \
                    and bare.named_child_count == 1:
                bare = bare.named_children[0]  # `int (name)(int x)`: kept from macro expansion
            fdecl = node if bare is not None and bare.type in _NAMES else None
            node = inner
        elif t in _WRAPPERS:
            node = node.child_by_field_name("declarator")
        elif t == "parenthesized_declarator":
            node = next((c for c in node.named_children if c.type != "comment"), None)
        else:
            return None, None
    return None, None


def specifiers(node: Node, stop: Node | None) -> list[Node]:
    """The type parts of a declaration-like node, before its (first) declarator `stop`."""
    out = []
    for child in node.children:
        if stop is not None and child.start_byte >= stop.start_byte:
            break
        if child.type in TYPE_PARTS:
            out.append(child)
    return out


def type_text(text: Text, specs: list[Node], declarator: Node | None, drop: list[tuple[int, int]]) -> str:
    """The abstract type: specifiers plus the declarator with its name (and whatever is in drop) cut out."""
    parts = [_spec_text(text, s) for s in specs]
    if declarator is not None and not (declarator.type in _NAMES and declarator.byte_range in drop):
        parts.append(text.cut(declarator, list(drop) + _inner_param_names(declarator, drop)))
    return normalise_type(" ".join(parts))


def _inner_param_names(declarator: Node, drop: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names of the parameters of function pointer types inside a declarator: `int (*)(const void *a)`."""
    if declarator.type in _NAMES:
        return []
    out, stack = [], [declarator]
    while stack:
        node = stack.pop()
        if node.type == "parameter_declaration":
            name, _ = declarator_name(node.child_by_field_name("declarator"))
            if name is not None:
                out.append(name.byte_range)
        elif node.byte_range not in drop:
            stack.extend(node.named_children)
    return out


def _spec_text(text: Text, spec: Node) -> str:
    body = spec.child_by_field_name("body") if spec.type in _SPECIFIERS else None
    if body is None:
        return text.cut(spec)
    name = spec.child_by_field_name("name")
    keyword = spec.type.split("_")[0]
    return f"{keyword} {text.cut(name)}" if name is not None else f"{keyword} {{...}}"


def storage(node: Node, text: Text) -> set[str]:
    return {text.cut(c) for c in node.children if c.type == "storage_class_specifier"}


def fields(text: Text, body: Node) -> list[Param]:
    """Members of a struct/union body, in order; an anonymous member has the name ''."""
    out = []
    for fd in flat(body):
        if fd.type != "field_declaration":
            continue
        decls = fd.children_by_field_name("declarator")
        specs = specifiers(fd, decls[0] if decls else None)
        bits = next((c for c in fd.children if c.type == "bitfield_clause"), None)
        suffix = " " + normalise_type(text.cut(bits)) if bits is not None else ""
        if not decls:  # an anonymous struct/union member: its members are part of the type
            out.append(Param("", normalise_type(" ".join(text.cut(s) for s in specs)) + suffix))
        for d in decls:
            name, _ = declarator_name(d)
            drop = [name.byte_range] if name is not None else []
            out.append(Param(text.cut(name) if name is not None else "",
                             type_text(text, specs, d, drop) + suffix))
    return out


def enumerators(text: Text, body: Node) -> list[tuple[str, str | None]]:
    out = []
    for e in flat(body):
        if e.type == "enumerator":
            value = e.child_by_field_name("value")
            out.append((text.cut(e.child_by_field_name("name")),
                        " ".join(text.raw_text(*value.byte_range).split()) if value is not None else None))
    return out


def _fill(ctype: CType, text: Text, spec: Node) -> None:
    body = spec.child_by_field_name("body")
    if spec.type == "enum_specifier":
        ctype.enumerators = enumerators(text, body)
    else:
        ctype.fields = fields(text, body)


def tagged_type(text: Text, spec: Node) -> CType | None:
    """The CType a struct/union/enum specifier with a body defines, or None (anonymous, typedef'd)."""
    name = spec.child_by_field_name("name")
    kind = spec.type.split("_")[0]
    line = spec.start_point.row + 1
    if name is not None:
        full = f"{kind} {text.cut(name)}"
    elif kind == "enum" and (spec.parent is None or spec.parent.type != "type_definition"):
        full = f"enum (anonymous at {text.file}:{line})"  # its enumerators are still constants
    else:
        return None  # anonymous struct member or the body of `typedef struct {...} name;`
    ctype = CType(full, kind, text.file, line, text.raw_text(*spec.byte_range) + ";")
    _fill(ctype, text, spec)
    return ctype


def forward_type(text: Text, spec: Node) -> CType | None:
    """`struct foo;` on its own: an incomplete type."""
    name = spec.child_by_field_name("name")
    if name is None or spec.child_by_field_name("body") is not None:
        return None
    kind = spec.type.split("_")[0]
    return CType(f"{kind} {text.cut(name)}", kind, text.file, spec.start_point.row + 1,
                 text.raw_text(*spec.byte_range) + ";", complete=False)


def typedefs(text: Text, node: Node) -> list[CType]:
    """Every name a `typedef` declares; an anonymous struct/union/enum body goes on the typedef itself."""
    decls = node.children_by_field_name("declarator")
    specs = specifiers(node, decls[0] if decls else None)
    source = text.raw_text(*node.byte_range)
    out = []
    for d in decls:
        name, _ = declarator_name(d)
        if name is None:
            continue
        ctype = CType(text.cut(name), "typedef", text.file, node.start_point.row + 1, source,
                      target=type_text(text, specs, d, [name.byte_range]))
        for s in specs:
            if s.type in _SPECIFIERS and s.child_by_field_name("body") is not None \
                    and s.child_by_field_name("name") is None:
                _fill(ctype, text, s)
        out.append(ctype)
    return out
