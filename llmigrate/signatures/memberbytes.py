"""Rule member-bytes (issue 15): byte cursors over the bytes of a scalar-array member of a read-only struct
parameter, the parameter staying a shared reference.

    const u8 *p = (const u8 *)state->mem32;  const u8 *const b_end = (const u8 *)state->mem32 + state->n;
    while (p + 4 <= b_end) { h += get_unaligned_le32(p); p += 4; }  while (p < b_end) { h += *p; p++; }

The member (`T m[N]`, T an integer type: no padding, every byte a value's) is cast to a byte pointer only to
start cursors, each declared in the function's outermost block: the body is read again with that cast as
a byte pointer of its own, and rule byte-cursor's cursor shapes (cursorflow.py: cursors and ends as
offsets, steps, comparisons of two of them, reads `*p`, `p[j]`, a reader `F(p)`) must account for every use
of every cursor. The parameter's other uses are the usual reference proof's; the pointee is `const` and
the function reads only, so the member's bytes do not change while the call runs.

The builtin (backends/builtin/memberbytes.py) copies the member's bytes in memory order (each element's
`to_ne_bytes()`, as C reads them through the byte pointer) into a local where the first cursor starts,
then walks it as a byte cursor's slice: every read bounds-checked. No count bounds the end (`state->n` is
a member: an invariant across calls, not a fact of this one), so a read past the member's N * sizeof(T)
bytes panics where C would read outside the array (undefined in C)."""

from __future__ import annotations

import dataclasses

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase, Param
from llmigrate.signatures.proof import node_text, occurrences, op, parsed_body, unparen, up, walk

RULE = "member-bytes"
WHY = ("the C dereferences it (NULL, where it tests for it, becomes None), never writes through it, and "
       "casts its integer-array member to a byte pointer only to start byte cursors over it (rule "
       "byte-cursor's shapes: offsets, steps, comparisons, reads); the Rust copies the member's bytes "
       "(to_ne_bytes, memory order) and reads them bounds-checked, so a read past the member, undefined in "
       "C, panics; nothing else the call reaches may alias it")
# The Rust's panic on a read past the member's bytes (backends/builtin/memberbytes.py); the differential
# (verify/difftest/judge.py) tells it C undefined behaviour: the C reads outside the array, inside its
# struct, where its sanitizers see nothing.
PAST = "read past the bytes of an array member (C: undefined)"
_UNSIGNED = ("unsigned char", "uint8_t", "u8")
_INTEGERS = ("i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "isize", "usize", "i128", "u128")


def views(fn: CFunction, p: Param, body: Node | None, codebase: Codebase) -> frozenset[int]:
    """The ids of the member places `p->m` in `body` the rule proves (`m` one integer-array member), or
    an empty set. Only of a `const` pointee: the proof then makes it a shared reference, whose pointee
    nothing changes while the call runs, so the bytes copied where the first cursor starts stay the
    member's."""
    found = proof(fn, p, body, codebase)
    return found[0] if found is not None else frozenset()


def proof(fn: CFunction, p: Param, body: Node | None, codebase: Codebase) \
        -> tuple[frozenset[int], list[Node]] | None:
    """(the member places' ids, the cursor uses in `body` that read: `*c`, `c[j]`, `F(c)`) when the rule
    proves `p`, else None."""
    from llmigrate.signatures.kinds import element

    elem = element(p.type, codebase) if p.name and body is not None else None
    if elem is None or not elem[1]:
        return None
    casts = _casts(body, p.name, elem[0], codebase)
    if not casts or len({node_text(m.child_by_field_name("field")) for m, _ in casts}) != 1:
        return None
    reads = _walked(fn, body, [c for _, c in casts], codebase)
    return (frozenset(m.id for m, _ in casts), reads) if reads is not None else None


def _casts(body: Node, name: str, base: str, codebase: Codebase) -> list[tuple[Node, Node]]:
    """(member place, the cast around it) for each `(const u8 *)name->m` whose `m` is an integer array
    member of `base`."""
    found = []
    for u in occurrences(body, name) or []:
        place = up(u)
        if place is None or place.type != "field_expression" or op(place) != "->":
            continue
        cast = up(place)
        if cast is not None and cast.type == "cast_expression" and _byte_cast(cast) and \
                integer_array(base, node_text(place.child_by_field_name("field")), codebase):
            found.append((place, cast))
    return found


def _byte_cast(cast: Node) -> bool:
    """`(const unsigned char *)`, `(const uint8_t *)`, `(const u8 *)`: a read-only view of unsigned bytes."""
    t = node_text(cast.child_by_field_name("type")).replace(" ", "")
    return any(t in (f"const{b.replace(' ', '')}*", f"{b.replace(' ', '')}const*") for b in _UNSIGNED)


def integer_array(base: str, field: str, codebase: Codebase) -> bool:
    """Member `field` of struct `base` is `T m[N]`, T an integer type (its bytes all value bytes)."""
    from llmigrate.signatures.kinds import resolve
    from llmigrate.signatures.mapper import SCALARS
    from llmigrate.signatures.members import declared, size

    ftype = declared(base, [field], codebase)
    if ftype is None or size(base, [field], codebase) is None or "*" in ftype:
        return False
    words = " ".join(w for w in resolve(ftype.split("[", 1)[0].strip(), codebase).split() if w != "const")
    return SCALARS.get(words) in _INTEGERS


def _walked(fn: CFunction, body: Node, casts: list[Node], codebase: Codebase) -> list[Node] | None:
    """With each cast a byte pointer of its own, that pointer only starts cursors declared in the outermost
    block, and rule byte-cursor's shapes (cursorflow._offsets) account for every use of each cursor, every
    read one the builtin writes: the uses of `body` reading through a cursor, else None."""
    from llmigrate.signatures import cursorflow, cursorslice

    view = "member__bytes"
    if any(n.type == "identifier" and node_text(n) == view for n in walk(body)):
        return None
    edits = [(c.start_byte, c.end_byte, view) for c in casts]
    text = cursorflow._apply(node_text(body), body.start_byte, edits)
    start = fn.source.find("{", max(len(fn.signature) - 1, 0))
    if text is None or start < 0:
        return None
    params = [*fn.params, Param(name=view, type="const unsigned char *")]
    new_body = parsed_body(dataclasses.replace(fn, source=fn.source[:start] + text, params=params))[0]
    starts = occurrences(new_body, view) if new_body is not None else None
    if not starts or not all(_outermost_start(u, new_body) for u in starts):
        return None
    reads: list[Node] = []
    if cursorflow._offsets(fn, view, new_body, codebase, reads) is None or \
            not all(cursorslice._translated(u, codebase, True) for u in reads):
        return None
    return _originals(body, new_body, edits, reads)


def _originals(body: Node, new_body: Node, edits: list[tuple[int, int, str]],
               found: list[Node]) -> list[Node]:
    """The identifiers of `body` that `found`'s (of `new_body`, `body` with `edits` made) were."""
    def before(at: int) -> int:  # a byte of new_body's text back to body's
        shift = 0
        for start, end, new in sorted(edits):
            moved = start - body.start_byte + shift
            if moved >= at:
                break
            shift += len(new.encode()) - (end - start)
        return at - shift + body.start_byte

    wanted = {before(u.start_byte - new_body.start_byte) for u in found}
    return [n for n in walk(body) if n.type == "identifier" and n.start_byte in wanted]


def _outermost_start(u: Node, body: Node) -> bool:
    """`u` is a declaration's initialiser `u` or `u + e` in the outermost block (where the builtin copies
    the member's bytes, in scope for every cursor)."""
    v = u
    if up(v) is not None and up(v).type == "binary_expression" and op(up(v)) == "+" and \
            unparen(up(v).child_by_field_name("left")).id == u.id:
        v = up(v)
    d = up(v)
    decl = d.parent if d is not None and d.type == "init_declarator" else None
    return decl is not None and decl.type == "declaration" and decl.parent is not None and \
        decl.parent.id == body.id
