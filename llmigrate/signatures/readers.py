"""Functions whose pointer parameter only reads a fixed number of bytes (for rule byte-cursor, bytecursor.py).

A kernel's `get_unaligned_le64(const void *p) { u64 v; memcpy(&v, p, sizeof v); return v; }` or
`le32_to_cpup(const __le32 *p) { return *p; }` reads exactly K bytes at its argument and keeps nothing of
it: a call `F(q)` reads the window q[0] .. q[K - 1]. The definition read is the one the compiler used: SRC's
own, or a `static inline` one of a header outside SRC at the line analysis recorded
(`Codebase.prototypes`, analyze/outside.py). Its parameter must have exactly one use in it, the source of
`memcpy(&x, p, K)` as a statement (x a scalar local of K bytes, windows.width) or a read `*p` of a pointer to
an integer of K bytes; anything else (a write, a second read, a pass on, a store) gives no width.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.named import functions_named
from llmigrate.signatures.proof import (
    is_write,
    node_text,
    occurrences,
    op,
    parse_c,
    parsed_body,
    unparen,
    up,
    walk,
)


def width(call: Node, codebase: Codebase) -> int | None:
    """K when `call` is `F(q)` of a function whose one parameter only reads K bytes at it; else None."""
    f = unparen(call.child_by_field_name("function"))
    args = call.child_by_field_name("arguments")
    ops = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    if f is None or f.type != "identifier" or len(ops) != 1:
        return None
    fn = definition(node_text(f), codebase)
    if fn is None or len(fn.params) != 1 or not fn.params[0].name:
        return None
    body = parsed_body(fn)[0]
    uses = occurrences(body, fn.params[0].name) if body is not None else None
    if uses is None or len(uses) != 1:
        return None
    return _window(uses[0], fn, body, codebase) or _deref(uses[0], fn, codebase)


def definition(name: str, codebase: Codebase) -> CFunction | None:
    """The definition of `name` the compiler used, with its source: SRC's, or an outside header's."""
    own = [codebase.functions[fid] for fid in functions_named(codebase).get(name, ())]
    if own:
        return own[0] if len(own) == 1 and own[0].source else None
    proto = codebase.prototypes.get(name)
    if proto is None or not proto.file or proto.start_line < 1:
        return None
    text = _header_definition(str(Path(codebase.root) / proto.file), name, proto.start_line)
    return dataclasses.replace(proto, source=text, signature=text[:text.find("{")]) if text else None


@lru_cache(maxsize=256)
def _header_definition(path: str, name: str, line: int) -> str:
    """The text of the definition of `name` starting on `line` of the header at `path`, or ""."""
    try:
        root = parse_c(Path(path).read_bytes())
    except OSError:
        return ""
    for n in walk(root):  # an include guard's `#ifndef` holds them
        d = n.child_by_field_name("declarator") if n.type == "function_definition" else None
        while d is not None and d.type != "function_declarator":
            d = d.child_by_field_name("declarator")
        named = d.child_by_field_name("declarator") if d is not None else None
        if named is not None and node_text(named) == name and n.start_point[0] + 1 == line and \
                not n.has_error:
            return node_text(n)
    return ""


def _window(u: Node, fn: CFunction, body: Node, codebase: Codebase) -> int | None:
    from llmigrate.signatures import windows

    p = up(u)
    return windows.width(u, fn, body, codebase) if p is not None and p.type == "argument_list" else None


def _deref(u: Node, fn: CFunction, codebase: Codebase) -> int | None:
    """sizeof(T) of a read `*p`, p a `T *` parameter, T an integer type."""
    from llmigrate.signatures.kinds import split
    from llmigrate.signatures.mapper import c_type_to_rust
    from llmigrate.signatures.scalarbytes import INTEGERS

    p = up(u)
    q = up(p) if p is not None else None
    if p is None or p.type != "pointer_expression" or op(p) != "*" or is_write(p) or \
            q is not None and q.type == "pointer_expression" and op(q) == "&":
        return None  # `&*p` is the pointer again
    base, depth, _ = split(fn.params[0].type)
    size = INTEGERS.get(c_type_to_rust(base, codebase)) if depth == 1 else None
    if size is None and depth == 1 and fn.name not in {f.name for f in codebase.functions.values()}:
        # a type of the header SRC does not name (`__le32`): its one typedef there, if of an integer
        under = _header_typedef(str(Path(codebase.root) / fn.file), base)
        size = INTEGERS.get(c_type_to_rust(under, codebase)) if under else None
    return size


@lru_cache(maxsize=256)
def _header_typedef(path: str, name: str) -> str:
    """The type the header at `path` defines `name` as, when it has exactly one typedef of it, else ""."""
    try:
        root = parse_c(Path(path).read_bytes())
    except OSError:
        return ""
    found = [node_text(n.child_by_field_name("type")) for n in walk(root) if n.type == "type_definition"
             and any(d.type == "type_identifier" and node_text(d) == name
                     for d in n.children_by_field_name("declarator"))]
    return found[0] if len(found) == 1 else ""


def returned(call: Node, codebase: Codebase) -> int | None:
    """K when `call` is `F(q)` of an outside header's function that returns exactly the K bytes it reads at
    q, as an integer of K bytes in memory order: `{ T v; memcpy(&v, p, sizeof v); return v; }` or
    `{ return *p; }` (rule byte-cursor's builtin reads them as `T::from_ne_bytes`); else None."""
    from llmigrate.signatures.mapper import c_type_to_rust
    from llmigrate.signatures.scalarbytes import INTEGERS

    k = width(call, codebase)
    f = node_text(unparen(call.child_by_field_name("function")))
    fn = definition(f, codebase) if k is not None else None
    if fn is None or any(g.name == f for g in codebase.functions.values()) or \
            INTEGERS.get(c_type_to_rust(fn.return_type, codebase)) != k:
        return None
    body = parsed_body(fn)[0]
    stmts = [s for s in body.named_children if s.type != "comment"] if body is not None else []
    last = stmts[-1] if stmts else None
    value = unparen(last.named_children[0]) if last is not None and last.type == "return_statement" and \
        last.named_children else None
    if value is None:
        return None
    if len(stmts) == 1:  # `return *p;`: width() saw the one use is that read
        return k if value.type == "pointer_expression" and op(value) == "*" else None
    if len(stmts) != 3 or stmts[0].type != "declaration" or stmts[1].type != "expression_statement":
        return None
    declared = [d for d in walk(stmts[0]) if d.type == "identifier"]
    copy = unparen(stmts[1].named_children[0])
    target = copy.child_by_field_name("arguments").named_children[0] if copy.type == "call_expression" \
        else None
    return k if len(declared) == 1 and value.type == "identifier" and target is not None and \
        node_text(target).replace(" ", "") == f"&{node_text(value)}" and \
        node_text(declared[0]) == node_text(value) else None
