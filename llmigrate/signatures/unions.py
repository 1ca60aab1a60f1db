"""Union members (issue 15): which uses of a member read the union, and which reads are checked.

Rust reads a union field only where C reads the member's value: a store into it (`u.f = v`, also into a `.`
member of it) and its address (`&u.f`, an array member decaying to a pointer) read nothing (as the builtin
emits them, places.py). A read is checked, rule plain-union-read, when every union declaring a member of
that name is plain: each member an integer, float, enum, bool or raw pointer, or an array of them (no
padding: a write of any member initializes all of its bytes), none narrower than the member read, itself an
integer, float or enum or an array of them (valid for any initialized bytes). Whichever member was written
last, and however safe Rust built the union (`U { narrow: x }` leaves the bytes past `narrow`
uninitialized), the bytes read are initialized and form a valid value.

Members are known by name, conservatively: a name some union declares is a union member wherever it is used.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.core import Codebase, Param
from llmigrate.signatures.kinds import _anonymous_members
from llmigrate.signatures.memo import per_codebase
from llmigrate.signatures.proof import is_field, node_text, op

RULE = "plain-union-read"
WHY = ("every member of the union is an integer, float, enum, bool or raw pointer (or an array of them: no "
       "padding) at least as wide as this integer or float member, so whichever member was written last, the "
       "bytes read are initialized and valid for its type")
_SIZES = {"i8": 1, "u8": 1, "i16": 2, "u16": 2, "i32": 4, "u32": 4, "f32": 4, "i64": 8, "u64": 8, "f64": 8,
          "isize": 8, "usize": 8}
_DIMS = re.compile(r"\s*\[([^\[\]]*)\]\s*$")


@per_codebase
def names(codebase: Codebase) -> set[str]:
    """Names of union members anywhere, anonymous unions' included (and any name a union's source text
    declares, should its members not parse)."""
    found = set(_declaring(codebase))
    for t in codebase.types.values():  # an anonymous union inside a struct: its members by the source text
        for m in re.finditer(r"\bunion\s*\{([^{}]*)\}", t.source if t.kind == "struct" else ""):
            found |= set(re.findall(r"(\w+)\s*(?:\[[^\]]*\]\s*)*(?::\s*\d+\s*)?;", m.group(1)))
    return found


@per_codebase
def _declaring(codebase: Codebase) -> dict[str, list[tuple[Param, ...]]]:
    """Member name -> the member lists of the unions declaring it (named, typedef'd, anonymous or nested)."""
    found: dict[str, list[tuple[Param, ...]]] = {}

    def visit(is_union: bool, members: tuple[Param, ...]) -> None:
        for f in members:
            inner = _anonymous_members(f.type)
            if inner is not None:
                visit(f.type.startswith("union"), inner)
            if is_union:  # an anonymous struct's members are the union's too (not plain: it is a struct)
                for name in [f.name] if f.name else [g.name for g in _flat(inner or ())]:
                    found.setdefault(name, []).append(members)

    for t in codebase.types.values():
        union = t.kind == "union" or t.kind == "typedef" and (t.target or "").startswith("union")
        if t.kind in ("struct", "union") or union:
            visit(union, tuple(t.fields))
    return found


def _flat(members: tuple[Param, ...]) -> list[Param]:
    out: list[Param] = []
    for f in members:
        inner = _anonymous_members(f.type) if not f.name else None
        out += _flat(inner) if inner else [f]
    return out


def plain_read(n: Node, codebase: Codebase, declared: dict[str, str]) -> bool:
    """Reading the member access `n` is checked (rule plain-union-read): in the union the type of its base
    shows (`declared`: variable -> C type), or else in every union declaring a member of its name."""
    name = node_text(n.child_by_field_name("field"))
    own = _union_in(_record(n.child_by_field_name("argument"), codebase, declared, 0), name)
    unions = [own] if own is not None else _declaring(codebase).get(name)
    if not unions:
        return False
    for members in unions:
        read = [_plain(f.type, codebase) for f in members if f.name == name]
        every = [_plain(f.type, codebase) for f in members]
        if not read or any(r is None or not r[1] for r in read) or any(m is None for m in every):
            return False
        if min(m[0] for m in every if m is not None) < max(r[0] for r in read if r is not None):
            return False
    return True


def _record(base: Node | None, codebase: Codebase, declared: dict[str, str], depth: int
            ) -> tuple[bool, tuple[Param, ...]] | None:
    """(is a union, members) of the struct or union `base` is (or points at), when the declarations tell."""
    while base is not None and base.type == "parenthesized_expression" and base.named_children:
        base = base.named_children[0]
    if base is None or depth > 8:
        return None
    if base.type == "identifier" and node_text(base) in declared:
        return _record_type(declared[node_text(base)], codebase)
    if base.type == "field_expression":
        outer = _record(base.child_by_field_name("argument"), codebase, declared, depth + 1)
        name = node_text(base.child_by_field_name("field"))
        found = [f.type for f in _flat(outer[1]) if f.name == name] if outer is not None else []
        return _record_type(found[0], codebase) if len(found) == 1 else None
    return None


def _record_type(c_type: str, codebase: Codebase) -> tuple[bool, tuple[Param, ...]] | None:
    words = [w for w in c_type.replace("*", " ").split() if w not in ("const", "volatile")]
    if c_type.strip().startswith(("struct {", "union {")):
        inner = _anonymous_members(c_type.replace("*", " ").strip())
        return (c_type.strip().startswith("union"), inner) if inner is not None else None
    ct = codebase.types.get(" ".join(words))
    if ct is not None and ct.kind == "typedef" and not ct.fields and ct.target:
        ct = codebase.types.get(" ".join(w for w in ct.target.split() if w not in ("const", "volatile")))
    if ct is None or not ct.fields:
        return None
    return ct.kind == "union" or ct.kind == "typedef" and (ct.target or "").startswith("union"), \
        tuple(ct.fields)


def _union_in(record: tuple[bool, tuple[Param, ...]] | None, name: str) -> tuple[Param, ...] | None:
    """The members of the union in `record` (itself, or an anonymous union inside it) declaring `name`."""
    if record is None:
        return None
    is_union, members = record
    for f in members:
        inner = _anonymous_members(f.type) if not f.name else None
        if inner is not None and (found := _union_in((f.type.startswith("union"), inner), name)) is not None:
            return found
        if is_union and (f.name == name or inner is not None and any(g.name == name for g in _flat(inner))):
            return members
    return None


def _plain(c_type: str, codebase: Codebase) -> tuple[int, bool] | None:
    """(size in bytes, valid for any initialized bytes) of a plain member type, or None for another type."""
    from llmigrate.signatures.mapper import array_dim, c_type_to_rust

    count, text = 1, c_type
    while (m := _DIMS.search(text)) is not None:
        dim = array_dim(m.group(1), codebase)
        if dim is None:
            return None
        count, text = count * dim, text[:m.start()]
    rust = c_type_to_rust(text, codebase)
    if rust in _SIZES:
        return count * _SIZES[rust], True
    if rust == "bool":
        return count, False
    return (count * 8, False) if rust.startswith(("*mut ", "*const ")) else None


def unread(n: Node, codebase: Codebase) -> bool:
    """The member access `n` reads no member: it is stored into (`n = v`, `n.f = v`), its address is taken
    (`&n`, `&n.f`), or it is an array member that decays to a pointer."""
    top = n
    while (p := _up(top)) is not None and p.type == "field_expression" and op(p) == "." and \
            is_field(_down(top, p), p, "argument"):
        top = p
    p = _up(top)
    if p is None:
        return False
    if p.type == "assignment_expression" and op(p) == "=" and is_field(_down(top, p), p, "left"):
        return True
    if p.type == "pointer_expression" and op(p) == "&":
        return True
    indexed = p.type == "subscript_expression" and is_field(_down(top, p), p, "argument")
    return top.id == n.id and not indexed and _array_everywhere(node_text(n.child_by_field_name("field")),
                                                                codebase)


def _array_everywhere(name: str, codebase: Codebase) -> bool:
    """Every union declaring the member `name` declares it an array."""
    unions = _declaring(codebase).get(name)
    return bool(unions) and all(_DIMS.search(f.type) for members in unions for f in members if f.name == name)


def _up(n: Node) -> Node | None:
    p = n.parent
    while p is not None and p.type == "parenthesized_expression":
        p = p.parent
    return p


def _down(top: Node, p: Node) -> Node:
    """The child of `p` that holds `top` (a parenthesized expression around it, or `top`)."""
    while top.parent is not None and top.parent.id != p.id:
        top = top.parent
    return top
