"""Array members indexed in place through a pointer parameter (issue 15): `p->a[i]`, where the struct `p`
points at declares `T a[N]` of one dimension and constant size N > 1, reads or writes one element inside
the pointee, as `p->f` does, so the rules that prove `p` for its other uses prove it for these too; Rust
indexes `p.a[i as usize]`, bounds-checked (a panic where the C would be undefined, as for slices). A member
`a[0]`, `a[1]` or `a[]` is the struct hack, whose elements lie past the struct: it stays raw, as does an array
member that decays to a pointer (`p->a`, `p->a + 1`): where that pointer goes is not followed. The address
of a member (`&p->f`, `&p->a[i]`) passed straight to a callee's proven reference parameter is lent, `&mut
p.f`, when the borrow checker can hold it apart from the other arguments (`lends`); stored, returned or
passed to a raw parameter, it keeps `p` raw.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import kinds
from llmigrate.signatures.proof import (
    is_field,
    macro_mentions,
    node_text,
    occurrences,
    op,
    parsed_body,
    unparen,
    up,
    walk,
)

_REFS = ("ref", "mut_ref", "opt_ref", "opt_mut")
_LENT = {"ref": "ref", "opt_ref": "ref", "mut_ref": "mut_ref", "opt_mut": "mut_ref"}


class Arrays(frozenset):
    """The names of array members of any struct (a `p->a` of one of them decays: the proofs' `array_fields`)
    and the struct type `base` the proven pointer points at, whose sized array members it may index."""

    def __new__(cls, names: set[str], base: str | None, codebase: Codebase,
                views: frozenset[int] = frozenset(), fills: frozenset[int] = frozenset()) -> Arrays:
        made = super().__new__(cls, names)
        made.base, made.codebase = base, codebase
        made.views = views  # member places read only as bytes by byte cursors (rule member-bytes)
        made.fills = fills  # member places only a memcpy's destination (rule member-fill)
        return made

    def holds(self, place: Node) -> bool:
        """The member place `place` (`p->a`, `p->x.a`) is an array: by its declared type where its path
        resolves in the pointee `base` (a member that is no array there is a plain place, whatever other
        structs name an array so), else by name, as any struct's array member (erring on the raw side)."""
        field = place.child_by_field_name("field") if place.type == "field_expression" else None
        if field is None or node_text(field) not in self:
            return False
        path = member_path(place)
        ftype = declared(self.base, path[1], self.codebase) if path is not None and self.base else None
        return ftype is None or "[" in ftype or kinds.typedef_array(ftype, self.codebase)

    def element(self, place: Node) -> Node | None:
        """For `place`, the member place `p->a` (or `p->x.a`) of an array member: the place of the element
        it is indexed at, `p->a[i]` with the `.` members taken of it (`p->s[0].t`), when `a` is sized
        (`size`) in the pointee and `place` is that subscript's array; else None."""
        path = member_path(place)
        sub = up(place)
        if path is None or self.base is None or sub is None or sub.type != "subscript_expression" or \
                not is_field(place, sub, "argument") or size(self.base, path[1], self.codebase) is None:
            return None
        return _dotted(sub)

    def lent(self, n: Node, callee_convs: Callable[[str, int], str | None]) -> str | None:
        """"ref"/"mut_ref" when the use `n` of the pointer is the address of a member place, `&p->f` (or
        `&p->x.f`, `&p->a[i]` of a sized array member), passed straight to a callee's parameter proven a
        reference (or an Option of one: the address is never NULL) and no other argument of the call names
        what that place does (`lends`): the Rust lends `&mut p.f`, as it lends a local's; else None."""
        deref = up(n)
        if deref is None or deref.type != "field_expression" or op(deref) != "->":
            return None
        place = _dotted(deref)
        if self.holds(place):  # an array member: only an element
            place = self.element(place)
        amp = up(place) if place is not None else None
        args = up(amp) if amp is not None and amp.type == "pointer_expression" and op(amp) == "&" else None
        call = args.parent if args is not None and args.type == "argument_list" else None
        f = call.child_by_field_name("function") if call is not None and call.type == "call_expression" \
            else None
        if f is None or f.type != "identifier":
            return None
        listed = [a for a in args.named_children if a.type != "comment"]
        i = next((k for k, a in enumerate(listed) if unparen(a).id == amp.id), None)
        if i is None or not lends(amp, listed, i, lambda name: "param:mut_ref"):
            return None
        return _LENT.get(callee_convs(node_text(f), i) or "")


def lends(a: Node | None, args: list[Node], i: int, kind_of: Callable[[str], str | None],
          mutable: bool = True, against: tuple[CFunction, str, Codebase] | None = None) -> bool:
    """Argument `i`, `a`, is `&p->f` (through `.` members, or `&p->a[i]` of an array member), `p` a
    parameter proven a reference (`kind_of`: a name's kind, "param:<conv>"; a mutable one when the callee's
    is) that no other argument names but as `p->g` of another member (`_apart`): the Rust lends `&mut p.f`,
    which the borrow checker accepts beside the other arguments as it does a local's `&mut x`
    (builtin/borrows.py). `against`: (the function, the C type of the callee's parameter, the codebase),
    whose pointee must be the member's type (`_same`)."""
    if a is None or a.type != "pointer_expression" or op(a) != "&":
        return False
    x = unparen(a.child_by_field_name("argument"))
    element = x is not None and x.type == "subscript_expression"
    if element:
        x = unparen(x.child_by_field_name("argument"))
    found = member_path(x) if x is not None else None
    ok = ("param:mut_ref", "param:opt_mut") if mutable else tuple(f"param:{c}" for c in _REFS)
    if found is None or kind_of(name := node_text(found[0])) not in ok:
        return False
    if against is not None and not _same(against, name, found[1], element):
        return False
    plain = kind_of(name) in ("param:ref", "param:mut_ref")
    return all(_apart(b, name, found[1][0], plain) for j, b in enumerate(args) if j != i)


def local_address(a: Node | None, args: list[Node], i: int, kind_of: Callable[[str], str | None]) -> bool:
    """Argument `i`, `a`, is `&x` of a local variable (or a `.` member of one: `kind_of` says "value" or
    "array") that no other argument mentions: the Rust lends `&mut x` (`&x` for a `const T *`) as it lends
    `&mut p.f` above."""
    if a is None or a.type != "pointer_expression" or op(a) != "&":
        return False
    x = unparen(a.child_by_field_name("argument"))
    while x is not None and x.type == "field_expression" and op(x) == ".":
        x = unparen(x.child_by_field_name("argument"))
    if x is None or x.type != "identifier" or kind_of(node_text(x)) not in ("value", "array"):
        return False
    name = re.compile(rf"\b{re.escape(node_text(x))}\b")
    return not any(name.search(node_text(b)) for j, b in enumerate(args) if j != i)


def _apart(arg: Node, name: str, first: str, plain: bool) -> bool:
    """`arg` names `name` nowhere or, that a plain reference (an Option's unwrap borrows all of it), only
    as `p->g` of another member than `first`: places the borrow checker holds apart from `&mut p.first`."""
    for k in walk(arg):
        if k.type == "identifier" and node_text(k) == name:
            d = up(k)
            if not plain or d is None or d.type != "field_expression" or op(d) != "->" or \
                    node_text(d.child_by_field_name("field")) == first:
                return False
    return True


def _same(against: tuple[CFunction, str, Codebase], name: str, path: list[str], element: bool) -> bool:
    """The member at `path` of parameter `name`'s pointee (its element when `element`) has the type the
    callee's parameter points at (`against`: the function, that parameter's C type, the codebase), as the
    builtin needs to lend it (else it passes the converted pointer)."""
    fn, to, codebase = against
    own = next((p.type for p in fn.params if p.name == name), None)
    elem = kinds.element(own, codebase) if own is not None else None
    ftype = declared(elem[0], path, codebase) if elem is not None else None
    if ftype is None or "*" in ftype.split("[")[0] or ("[" in ftype) != element or ftype.count("[") > 1:
        return False
    base, depth, _ = kinds.split(to)
    return depth == 1 and kinds.resolve(kinds.split(ftype)[0], codebase) == kinds.resolve(base, codebase)


def member_path(place: Node) -> tuple[Node, list[str]] | None:
    """(the pointer, the member names) of `p->x.a` (through parentheses): the identifier `p` and
    ["x", "a"]; None for any other expression."""
    names: list[str] = []
    n = unparen(place)
    while n is not None and n.type == "field_expression":
        field = n.child_by_field_name("field")
        if field is None:
            return None
        names.insert(0, node_text(field))
        base = unparen(n.child_by_field_name("argument"))
        if op(n) == "->":
            return (base, names) if base is not None and base.type == "identifier" else None
        n = base
    return None


def size(base: str, path: list[str], codebase: Codebase) -> int | None:
    """N when the member at `path` (["x", "a"] for `.x.a`) of the struct `base` names (nested structs held
    by value on the way) is an array of one dimension and constant size N > 1; else None."""
    from llmigrate.signatures.mapper import array_dim

    ftype = declared(base, path, codebase)
    if ftype is None or ftype.count("[") != 1 or not ftype.rstrip().endswith("]"):
        return None
    n = array_dim(ftype.split("[", 1)[1].rsplit("]", 1)[0], codebase)
    return n if n is not None and n > 1 else None


def declared(base: str, path: list[str], codebase: Codebase) -> str | None:
    """The C type of the member at `path` of the struct `base` names (through nested structs held by
    value), a typedef of a pointer spelled out; None when a step is no such member."""
    ftype = None
    for k, name in enumerate(path):
        rec = kinds._record(kinds.resolve(base, codebase), codebase)
        found = next((f for f in kinds.fields(rec) if f.name == name), None) if rec is not None else None
        if found is None:
            return None
        ftype = kinds.array_spelled(kinds.member_type(found.type, codebase), codebase)
        if "(" in ftype or k < len(path) - 1 and ("*" in ftype or "[" in ftype):
            return None
        base = kinds.split(ftype)[0]
    return ftype


def proven(place: Node, fn: CFunction, convs: dict[str, str], codebase: Codebase) -> bool:
    """`place[i]` indexes a sized array member (`size`) of the pointee of a parameter of `fn` proven a
    reference (`convs`: parameter name -> conv): the soundness scan's safe, bounds-checked indexing."""
    found = member_path(place)
    if found is None or convs.get(name := node_text(found[0])) not in _REFS:
        return False
    c_type = next((p.type for p in fn.params if p.name == name), None)
    elem = kinds.element(c_type, codebase) if c_type is not None else None
    return elem is not None and size(elem[0], found[1], codebase) is not None


def indexing(fn: CFunction, name: str, codebase: Codebase) -> str:
    """What the SAFETY comment of parameter `name`, proven a reference, adds on the sized array members of
    its pointee the body indexes in place (`p->a[i]`): which indexes need no check (constants below N, and
    those whose range, from the loops around them, stays in [0, N): signatures_loops) and which Rust
    bounds-checks, panicking where the C would go past the array; "" when it indexes none."""
    from llmigrate.signatures.expand import expanded_body
    from llmigrate.signatures.loops import prove_slice
    from llmigrate.signatures.mapper import array_dim

    own = next((p.type for p in fn.params if p.name == name), None)
    elem = kinds.element(own, codebase) if own is not None else None
    body = parsed_body(fn)[0] if elem is not None else None
    if elem is not None and (body is None or macro_mentions(fn, codebase, name)):  # as the proofs read it
        body = expanded_body(fn, codebase) or body
    found: dict[str, int] = {}  # member path -> 0 constant indexes, 1 kept in range, 2 bounds-checked
    for n in (occurrences(body, name) or []) if body is not None else []:
        place = _dotted(up(n))
        path = member_path(place) if place is not None and place.type == "field_expression" else None
        size_ = size(elem[0], path[1], codebase) if path is not None else None
        sub = up(place) if size_ is not None else None
        if sub is None or sub.type != "subscript_expression" or not is_field(place, sub, "argument"):
            continue
        at = array_dim(node_text(sub.child_by_field_name("index")), codebase)
        way = 0 if at is not None and at < size_ else 1 if prove_slice(
            body, [place], set(), size_, lambda text: array_dim(text, codebase)) == str(size_) else 2
        found[".".join(path[1])] = max(way, found.get(".".join(path[1]), 0))
    words = ("at constant indexes below its size", "at indexes whose range stays below its size (no check "
             "needed)", "bounds-checked (a panic where the C would go past it)")
    said = [f"`{', '.join(sorted(m for m, w in found.items() if w == way))}` {words[way]}" for way in range(3)
            if way in found.values()]
    return f"; its array members are indexed in place: {'; '.join(said)}" if said else ""


def _dotted(n: Node | None) -> Node | None:
    """`n` with the `.` members taken of it (`p->x.a` for `p->x`)."""
    while n is not None and (parent := up(n)) is not None and parent.type == "field_expression" and \
            op(parent) == "." and is_field(n, parent, "argument"):
        n = parent
    return n
