"""C's integer types as signatures/flow.py needs them: which variables it follows (integer locals declared
once per scope, whose address is never taken), the usual arithmetic conversions, and when a conversion
keeps every value."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from tree_sitter import Node

from llmigrate.signatures.proof import address_taken_or_sizeof, node_text, walk, within
from llmigrate.signatures.zones import ZERO


class Int(NamedTuple):
    signed: bool
    width: int

    @property
    def min(self) -> int:
        return -(1 << (self.width - 1)) if self.signed else 0

    @property
    def max(self) -> int:
        return (1 << (self.width - 1 if self.signed else self.width)) - 1

    def promoted(self) -> Int:
        """The type C computes with: narrower than int becomes int."""
        return Int(True, 32) if self.width < 32 else self


class Form(NamedTuple):
    """A value `var + k`, k in [lo, hi] (None: unbounded), of C type `typ`; var ZERO for a constant."""

    var: str
    lo: int | None
    hi: int | None
    typ: Int


def rust_int(rust: str) -> Int | None:
    """The Int of a Rust integer type's name (`i32`, `usize`), else None."""
    m = re.fullmatch(r"([iu])(8|16|32|64|size)", rust)
    return Int(m.group(1) == "i", 64 if m.group(2) == "size" else int(m.group(2))) if m else None


def convertible(a: Int, b: Int) -> bool:
    """Every value of `a` is one of `b`."""
    return a.signed == b.signed and a.width <= b.width or not a.signed and b.signed and a.width < b.width


def usual(a: Int, b: Int) -> Int:
    """The type C's usual arithmetic conversions give two operands of types `a` and `b`."""
    a, b = a.promoted(), b.promoted()
    if a.signed == b.signed:
        return a if a.width >= b.width else b
    u, s = (a, b) if not a.signed else (b, a)
    return u if u.width >= s.width else s


def literal_type(text: str) -> Form | None:
    """The Form of an integer literal (decimal or hex, with its suffix's type), else None."""
    m = re.fullmatch(r"(0[xX][0-9a-fA-F]+|[1-9]\d*|0)([uUlL]*)", text)
    if m is None:
        return None
    v, suffix = int(m.group(1), 0), m.group(2).lower()
    unsigned = "u" in suffix or m.group(1)[:2].lower() == "0x" and 2**31 <= v < 2**32
    wide = "l" in suffix or v >= 2**32 or not unsigned and v >= 2**31
    if v >= 2**63:
        return None
    return Form(ZERO, v, v, Int(not unsigned, 64 if wide else 32))


def declared_ints(body: Node, params: dict[str, Int], int_type: Callable[[str], Int | None],
                  hidden: Callable[[str], bool]) -> dict[str, Int]:
    """The integer variables the analysis may follow, by name: the parameters in `params` and the locals of
    one integer type, each declared as a plain name, never static, never in a scope inside another
    declaration of the name nor shadowing a parameter; none whose address is taken, nor one a macro may
    touch unseen (`hidden`)."""
    decls: dict[str, list[Node]] = {}
    bad: set[str] = set()
    for d in walk(body):
        if d.type != "declaration":
            continue
        t = d.child_by_field_name("type")
        typ = int_type(node_text(t)) if t is not None else None
        odd = any(c.type == "storage_class_specifier" or c.type == "type_qualifier" and
                  node_text(c) == "volatile" for c in d.children)
        for k in d.children_by_field_name("declarator"):
            var = k.child_by_field_name("declarator") if k.type == "init_declarator" else k
            if var is not None and var.type == "identifier":
                decls.setdefault(node_text(var), []).append(d)
                if typ is None or odd:
                    bad.add(node_text(var))
            else:
                bad.update(node_text(i) for i in walk(k) if i.type == "identifier" and i.parent is not None
                           and i.parent.type.endswith("declarator") and i.parent.type != "init_declarator")
    found: dict[str, Int] = dict(params)
    for name, ds in sorted(decls.items()):
        types = {int_type(node_text(d.child_by_field_name("type"))) for d in ds}
        nested = any(a.id != b.id and within(b, _scope(a)) for a in ds for b in ds)
        if name in bad or name in params or len(types) != 1 or nested:
            found.pop(name, None)
            continue
        found[name] = types.pop()
    taken = {node_text(n) for n in walk(body) if n.type == "identifier" and address_taken_or_sizeof(n)
             and n.parent is not None and n.parent.type != "sizeof_expression"}
    return {k: v for k, v in sorted(found.items()) if k not in taken and not hidden(k)}


def _scope(decl: Node) -> Node:
    """The block (or `for` statement) a declaration's names live in."""
    p = decl.parent
    while p is not None and p.type not in ("compound_statement", "for_statement"):
        p = p.parent
    return p if p is not None else decl
