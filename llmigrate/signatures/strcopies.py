"""Copies out of a NUL-terminated string that never read past its NUL (issue 15), for rule c-string.

`strncpy(d, s, n)` and `strncat(d, s, n)` read their source up to its NUL or n bytes, whichever comes
first: within a C string whatever n is. `memcpy(d, s, n)` / `memmove` read exactly n bytes, which lie within
the string `s` when n is its length (`strlen(s)`) or its length with the NUL (`strlen(s) + 1`), written
there or in a local of the body assigned that value once (`size_t len = strlen(s) + 1; ... memcpy(d, s,
len)`): a string parameter is never assigned (rule c-string allows no write of it), and the local is
written nowhere else, so the count is the length of the string the copy reads. Such a pass is a string read
(`True`), never evidence that the string is read to its NUL on every call: that stays the strlen's, or
another read's, to show. The destination is written, and stays raw unless another rule proves it.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.signatures.cformat import call_args
from llmigrate.signatures.proof import declares, is_write, node_text, op, unparen, up
from llmigrate.signatures.treewalk import identifiers

RULE_NOTE = "reads the string only up to its NUL"
# functions copying from a string argument at most n bytes and stopping at its NUL: (position, arity)
BOUNDED_SOURCES = {"strncpy": (1, 3), "strncat": (1, 3)}
# functions reading exactly their count of bytes from an argument: (position, count's position, arity)
COUNTED_SOURCES = {"memcpy": (1, 2, 3), "memmove": (1, 2, 3)}
# the declared type of a local holding a length: size_t keeps any strlen (an int may wrap negative, which
# converts to a huge count)
_LENGTH_TYPES = ("size_t", "unsigned long", "unsigned long int", "long unsigned int")


def reads_within(name: str, at: int, call: Node, string: str) -> bool:
    """Argument `at` of the C library call `call` of `name` is the C string `string`, read only up to its
    NUL."""
    args = call_args(call)
    if name in BOUNDED_SOURCES:
        return BOUNDED_SOURCES[name] == (at, len(args))
    spec = COUNTED_SOURCES.get(name)
    if spec is None or (spec[0], spec[2]) != (at, len(args)):
        return False
    count = unparen(args[spec[1]])
    if count is not None and count.type == "identifier":
        count = _only_value(count, call)
    return count is not None and _length_of(count, string)


def _length_of(n: Node, string: str) -> bool:
    """`n` is `strlen(string)`, `strlen(string) + 1` or `1 + strlen(string)`."""
    n = unparen(n)
    if n is not None and n.type == "binary_expression" and op(n) == "+":
        left, right = (unparen(n.child_by_field_name(f)) for f in ("left", "right"))
        one = next((x for x in (left, right) if x is not None and node_text(x) == "1"), None)
        return one is not None and _strlen_of(right if one is left else left, string)
    return _strlen_of(n, string)


def _strlen_of(n: Node | None, string: str) -> bool:
    f = n.child_by_field_name("function") if n is not None and n.type == "call_expression" else None
    args = call_args(n) if f is not None else []
    return f is not None and node_text(f) == "strlen" and len(args) == 1 and \
        unparen(args[0]).type == "identifier" and node_text(unparen(args[0])) == string


def _body(n: Node) -> Node | None:
    """The body of the function definition `n` lies in."""
    while n is not None and n.type != "function_definition":
        n = n.parent
    return n.child_by_field_name("body") if n is not None else None


def _only_value(count: Node, call: Node) -> Node | None:
    """The one value the local `count` of `call` is ever given: it is declared once in the function's body,
    in a block holding the call (so the name is that local there, never a parameter or global it shadows),
    not static, of a length type, and written once (its initialiser or one plain assignment), its address
    never taken."""
    name, body = node_text(count), _body(call)
    found = identifiers(body).get(name, ()) if body is not None else ()
    decls = [n for n in found if declares(n)]
    if len(decls) != 1 or not _length_declaration(decls[0]) or not _encloses(_block(decls[0]), call):
        return None
    values = [v for n in found if (v := _written(n)) is not False]
    return values[0] if len(values) == 1 and isinstance(values[0], Node) else None


def _block(n: Node) -> Node | None:
    while n is not None and n.type != "compound_statement":
        n = n.parent
    return n


def _encloses(outer: Node | None, n: Node) -> bool:
    return outer is not None and outer.start_byte <= n.start_byte and n.end_byte <= outer.end_byte


def _length_declaration(name: Node) -> bool:
    decl = name.parent
    while decl is not None and decl.type != "declaration":
        decl = decl.parent
    if decl is None or decl.parent is None or decl.parent.type != "compound_statement" or \
            any(c.type == "storage_class_specifier" for c in decl.children):
        return False  # a `for` initialiser's scope is the loop alone; a static keeps its last call's value
    t = decl.child_by_field_name("type")
    return t is not None and re.sub(r"\s+", " ", node_text(t)) in _LENGTH_TYPES and \
        name.parent.type in ("init_declarator", "declaration")


def _written(n: Node) -> Node | bool | None:
    """What an occurrence of the local gives it: the value (`T n = v`, `n = v`), None for another write
    (`n += 1`, `n++`, `&n`), False for a read or a declaration without a value."""
    p = n.parent
    if declares(n):
        return p.child_by_field_name("value") if p.type == "init_declarator" else False
    q = up(n)
    if q is not None and q.type == "pointer_expression" and op(q) == "&":
        return None
    if not is_write(n):
        return False
    return q.child_by_field_name("right") if q.type == "assignment_expression" and op(q) == "=" else None
