"""Rule member-fill (issue 15; member-bytes' writing side): bytes copied into an integer-array member of a
struct parameter, the parameter a `&mut` reference.

    memcpy((u8 *)state->mem32 + state->memsize, src, n);    memcpy(state->mem32, src, n);

The destination is the member (`T m[N]`, T an integer type: no padding, every byte a value's), decayed, or
cast to a byte pointer and moved `e` bytes on; the call a statement, its other operands and `e` free of
effects, the source naming no other place of the struct. That member place is a write of the parameter, so
the usual reference proof goes on (`&mut T`, nothing else the call reaches aliasing it).

The builtin (backends/builtin/memberfills.py) reads the member's bytes in memory order (each element's
`to_ne_bytes()`, what C's byte pointer sees), copies the source's n bytes over those at `e`, bounds-checked,
and writes every element back from its bytes: the member ends as C leaves it. The source must then be a
byte slice (`&src[..n]`, checked) for such a call to be checked (soundness.py through `checked`); from another
source the call stays the C library's, an unchecked one at the member's address. No bound on `e`
or n is proven (`state->memsize` is a member: an invariant across calls), so a copy past the member panics
with PAST where C would write outside the array (undefined in C); the differential judges it so."""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase, Param
from llmigrate.signatures.proof import node_text, occurrences, op, unparen, up, walk

RULE = "member-fill"
WHY = ("the C dereferences it and writes an integer-array member's bytes only by statement memcpy calls "
       "(the member decayed, or a byte pointer at an offset into it): from a byte slice the Rust copies into "
       "the member's bytes bounds-checked and writes the elements back (from_ne_bytes, memory order), so a "
       "copy past the member, undefined in C, panics; from another source it keeps the C library's memcpy, "
       "in an unsafe fn, at the member's address as the C's; nothing else the call reaches may alias it")
# The Rust's panic on a copy past the member's bytes; the differential (verify/difftest/judge.py) tells it
# C undefined behaviour, as member-bytes' reads past it.
PAST = "write past the bytes of an array member (C: undefined)"
_BYTES = ("unsignedchar*", "uint8_t*", "u8*", "void*", "char*")
_EFFECTS = ("call_expression", "assignment_expression", "update_expression", "comma_expression")


def places(fn: CFunction, p: Param, body: Node | None, codebase: Codebase) -> frozenset[int]:
    """The ids of the member places `p->m` in `body` that are such a copy's destination (`m` an integer-array
    member of `p`'s pointee, which is not `const`), else an empty set."""
    from llmigrate.signatures.kinds import element
    from llmigrate.signatures.memberbytes import integer_array

    elem = element(p.type, codebase) if p.name and body is not None else None
    if elem is None or elem[1]:
        return frozenset()
    found = set()
    for u in occurrences(body, p.name) or []:
        place = up(u)
        if place is None or place.type != "field_expression" or op(place) != "->" or \
                not integer_array(elem[0], node_text(place.child_by_field_name("field")), codebase):
            continue
        call = destination(place)
        if call is not None and not _names(call_source(call), p.name):
            found.add(place.id)
    return frozenset(found)


def via(fields: frozenset[str]) -> str | None:
    """This rule's name when it proved member places of `fields` (members.Arrays) writes, else None."""
    return RULE if getattr(fields, "fills", None) else None


def destination(place: Node) -> Node | None:
    """The statement `memcpy` call whose destination is `place` (`p->m`), decayed or `(u8 *)p->m + e`,
    its source, count and `e` free of effects; else None."""
    from llmigrate.signatures.cformat import call_args

    at, offset = place, None
    cast = up(at)
    if cast is not None and cast.type == "cast_expression" and _byte_pointer(cast):
        at = cast
        plus = up(at)
        if plus is not None and plus.type == "binary_expression" and op(plus) == "+" and \
                unparen(plus.child_by_field_name("left")).id == at.id:
            at, offset = plus, plus.child_by_field_name("right")
    args_node = up(at)
    call = args_node.parent if args_node is not None and args_node.type == "argument_list" else None
    f = call.child_by_field_name("function") if call is not None else None
    args = call_args(call) if f is not None else []
    if f is None or node_text(f) != "memcpy" or len(args) != 3 or unparen(args[0]).id != at.id or \
            call.parent is None or call.parent.type != "expression_statement":
        return None
    return call if all(_effectless(x) for x in (args[1], args[2], offset)) else None


def call_source(call: Node) -> Node:
    from llmigrate.signatures.cformat import call_args

    return call_args(call)[1]


def checked(call: Node, fn: CFunction, kind: Callable[[str], str | None], codebase: Codebase) -> bool:
    """`call` is a copy of this rule into a member of a `&mut` parameter from a `u8` slice parameter,
    which the builtin makes bounds-checked (soundness.py)."""
    from llmigrate.signatures.cformat import call_args
    from llmigrate.signatures.kinds import split
    from llmigrate.signatures.mapper import c_type_to_rust

    args = call_args(call) if node_text(call.child_by_field_name("function")) == "memcpy" else []
    place = _place(args[0]) if len(args) == 3 else None
    base = unparen(place.child_by_field_name("argument")) if place is not None else None
    mine = destination(place) if place is not None else None
    if base is None or base.type != "identifier" or mine is None or mine.id != call.id or \
            kind(node_text(base)) not in ("param:mut_ref", "param:opt_mut"):
        return False
    src = unparen(args[1])
    name = node_text(src) if src.type == "identifier" else ""
    at = next((i for i, q in enumerate(fn.params) if q.name == name), None)
    return at is not None and kind(node_text(src)) in ("param:slice", "param:slice_mut") and \
        c_type_to_rust(split(fn.params[at].type)[0], codebase) == "u8"


def _place(dst: Node) -> Node | None:
    """The `p->m` a destination operand starts from."""
    for n in walk(dst):
        if n.type == "field_expression" and op(n) == "->":
            return n
    return None


def _byte_pointer(cast: Node) -> bool:
    t = node_text(cast.child_by_field_name("type")).replace(" ", "")
    return t in _BYTES


def _effectless(n: Node | None) -> bool:
    return n is None or not any(k.type in _EFFECTS for k in walk(n))


def _names(n: Node, name: str) -> bool:
    return any(k.type == "identifier" and node_text(k) == name for k in walk(n))
