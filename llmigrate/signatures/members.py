"""Array members indexed in place through a pointer parameter (issue 15): `p->a[i]`, where the struct `p`
points at declares `T a[N]` of one dimension and constant size N > 1, reads or writes one element inside
the pointee, as `p->f` does, so the rules that prove `p` for its other uses prove it for these too; Rust
indexes `p.a[i as usize]`, bounds-checked (a panic where the C would be undefined, as for slices). A member
`a[0]`, `a[1]` or `a[]` is the struct hack, whose elements lie past the struct: it stays raw, as does an array
member that decays to a pointer (`p->a`, `&p->a[i]`, `p->a + 1`): where that pointer goes is not followed.
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import kinds
from llmigrate.signatures.proof import is_field, node_text, op, unparen, up

_REFS = ("ref", "mut_ref", "opt_ref", "opt_mut")


class Arrays(frozenset):
    """The names of array members of any struct (a `p->a` of one of them decays: the proofs' `array_fields`)
    and the struct type `base` the proven pointer points at, whose sized array members it may index."""

    def __new__(cls, names: set[str], base: str | None, codebase: Codebase) -> Arrays:
        made = super().__new__(cls, names)
        made.base, made.codebase = base, codebase
        return made

    def element(self, place: Node) -> Node | None:
        """For `place`, the member place `p->a` (or `p->x.a`) of an array member: the place of the element
        it is indexed at, `p->a[i]` with the `.` members taken of it (`p->s[0].t`), when `a` is sized
        (`size`) in the pointee and `place` is that subscript's array; else None."""
        path = member_path(place)
        sub = up(place)
        if path is None or self.base is None or sub is None or sub.type != "subscript_expression" or \
                not is_field(place, sub, "argument") or size(self.base, path[1], self.codebase) is None:
            return None
        while (parent := up(sub)) is not None and parent.type == "field_expression" and op(parent) == "." \
                and is_field(sub, parent, "argument"):
            sub = parent
        return sub


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

    for k, name in enumerate(path):
        rec = kinds._record(kinds.resolve(base, codebase), codebase)
        found = next((f for f in kinds.fields(rec) if f.name == name), None) if rec is not None else None
        if found is None:
            return None
        ftype = kinds.member_type(found.type, codebase)
        if "(" in ftype or k < len(path) - 1 and ("*" in ftype or "[" in ftype):
            return None
        base = kinds.split(ftype)[0]
    if ftype.count("[") != 1 or not ftype.rstrip().endswith("]"):
        return None
    n = array_dim(ftype.split("[", 1)[1].rsplit("]", 1)[0], codebase)
    return n if n is not None and n > 1 else None


def proven(place: Node, fn: CFunction, convs: dict[str, str], codebase: Codebase) -> bool:
    """`place[i]` indexes a sized array member (`size`) of the pointee of a parameter of `fn` proven a
    reference (`convs`: parameter name -> conv): the soundness scan's safe, bounds-checked indexing."""
    found = member_path(place)
    if found is None or convs.get(name := node_text(found[0])) not in _REFS:
        return False
    c_type = next((p.type for p in fn.params if p.name == name), None)
    elem = kinds.element(c_type, codebase) if c_type is not None else None
    return elem is not None and size(elem[0], found[1], codebase) is not None
