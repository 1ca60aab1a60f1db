"""Which memory a pointer parameter may share, by C's types, with other parameters, with globals and with
what its own pointee's pointers lead to: the aliasing side of the borrow proofs (signatures_borrow),
through the kinds of signatures.kinds.
"""

from __future__ import annotations

import re

from llmigrate.core import CFunction, CGlobal, Codebase
from llmigrate.signatures import slots as pointer_slots
from llmigrate.signatures import statics
from llmigrate.signatures.kinds import (
    ANY,
    CHAR,
    atoms,
    deep,
    is_struct,
    kind,
    member_type,
    reach,
    split,
    unsized,
)
from llmigrate.signatures.owned import owned_paths

_STREAMS = {"stdin", "stdout", "stderr"}
# a pointer to a function, `int (*)(int)`: it reaches code, not data (unlike `u8 [4 * (N + 1)]`, an array
# whose size is parenthesised, or `int (*)[4]`, a pointer to arrays, which only split() misreads)
_CODE = re.compile(r"[^()\[\]]*\(\s*\*\s*(?:const\s*)?\)\s*\(.*\)\s*")


def points_at_code(c_type: str) -> bool:
    """`c_type` is a function pointer type (not a pointer or array of data with a parenthesis in it)."""
    return _CODE.fullmatch(c_type) is not None


def _global_kinds(name: str, codebase: Codebase) -> tuple[set[str], set[str]]:
    """(kinds the global's storage is made of, kinds its stored pointers reach) of a global variable."""
    g = statics.lookup(name, codebase)
    if g is None:  # declared outside SRC: the standard streams point at opaque FILEs, the rest is unknown
        return ({"ptr"}, {"FILE"}) if name in _STREAMS else ({ANY}, {ANY})
    gtype = member_type(g.type, codebase)  # a typedef of a pointer (`node_p head;`) is that pointer
    if "(" in unsized(gtype):  # function pointers (an array's size may hold parentheses)
        return {"ptr"}, set()
    base, depth, _ = split(gtype)
    pointers = depth - ("[" in gtype)
    if pointers == 0:
        return atoms(base, codebase), reach(base, codebase)
    return {"ptr"}, {kind(base, codebase)} | reach(base, codebase) if pointers == 1 else {CHAR}


def global_aliased(i: int, fn: CFunction, codebase: Codebase, names: frozenset[str]) -> bool:
    """Parameter `i` may point into a global the call uses, or a pointer stored in one may lead into it."""
    return bool(global_partners(i, fn, codebase, names))


def global_partners(i: int, fn: CFunction, codebase: Codebase, names: frozenset[str]) -> dict[str, bool]:
    """The globals of `names` parameter `i` may share memory with, each with whether only the global's own
    bytes may overlap it (a run-time check of both ranges decides it) rather than memory its stored
    pointers lead to."""
    base, _, const = split(fn.params[i].type)
    kx, dx = _own(fn.params[i].type, codebase)
    slot = pointer_slots.is_slot(fn.params[i].type, codebase)
    const = pointer_slots.element(fn.params[i].type, codebase)[1] if slot else const  # the slot's own
    found: dict[str, bool] = {}
    for name in sorted(names):
        if statics.apart(name):
            continue  # a static local of scalars no pointer reaches
        g = statics.lookup(name, codebase)
        if const and g is not None and g.is_const:
            continue  # two read-only views may overlap
        stored, rg = _global_kinds(name, codebase)
        reached = CHAR in rg or ANY in rg | deep(rg, codebase) or kx in deep(rg, codebase) or \
            bool(dx & rg) or kx == CHAR and bool(rg)
        if slot and ("ptr" in stored or dx & stored):
            stored = stored | {ANY}  # a pointer global (`ptr` of any kind) or a member slot may be it
        if not reached and _read_only(g):
            continue
        if reached or CHAR in {kx, *stored} or ANY in stored or kx in stored:
            found[name] = not reached
    return found


def _read_only(g: CGlobal | None) -> bool:
    """A global of SRC defined as a const object (`static const u8 sbox[256]`), whose own bytes a parameter
    can share harmlessly: nothing writes them (C's writing a const object is undefined), so a read-only
    view may overlap them, and a mutable one never points into them, as its entry's precondition asks for
    writable memory (signatures/safety.py). Only its own bytes: the pointers it stores may lead anywhere;
    not a `volatile` one, whose bytes something outside the program may change."""
    return g is not None and g.is_const and not g.is_extern and not g.by_macro and \
        "volatile" not in g.type.split()


def checked_globals(i: int, fn: CFunction, codebase: Codebase,
                    names: frozenset[str]) -> frozenset[str] | None:
    """The globals of `names` parameter `i` may share bytes with when a C ABI entry can compare those bytes
    with its own (rule disjoint-checked): each overlaps it only by its own bytes, not by what its stored
    pointers lead to, and has a fixed extent at a known Rust path (defined in SRC, not file-static, so that
    its name is its Rust name and the kept C shares it); None when one of them cannot be checked."""
    found = global_partners(i, fn, codebase, names)
    if not all(found.values()) or not all(_fixed(name, codebase) for name in found):
        return None
    return frozenset(found)


def _fixed(name: str, codebase: Codebase) -> bool:
    """The global `name` is one object of SRC, of a fixed size, that shared.rs names by its C name."""
    g = codebase.globals.get(name)
    return g is not None and not (g.is_extern or g.is_static or g.by_macro) and ":" not in name and \
        not any(key.endswith(f":{name}") for key in codebase.globals) and "[]" not in g.type.replace(" ", "")


def self_aliased(i: int, fn: CFunction, codebase: Codebase, owned: frozenset[str],
                 stored: frozenset[int] = frozenset()) -> bool:
    """The pointers stored in parameter `i`'s pointee may lead back into it (but members named in `owned`,
    which hold only buffers from an allocator: signatures_owned); not for a pointer slot in `stored`, one
    the call only stores into (signatures_outslots), whose pointer is never loaded to be followed."""
    c_type = fn.params[i].type
    if pointer_slots.is_slot(c_type, codebase) and i in stored:
        return False
    if pointer_slots.is_slot(c_type, codebase):  # its pointer leads to `T`s, which may hold such slots
        dx = pointer_slots.own_kinds(c_type, codebase)[1]
        rx = pointer_slots.reached(c_type, codebase, owned)
        return bool({CHAR, ANY} & rx) or bool(dx & deep(rx, codebase))
    base = split(c_type)[0]
    dx, rx = atoms(base, codebase), reach(base, codebase, skip=owned)
    return bool({CHAR, ANY} & rx) or ANY in dx or kind(base, codebase) in deep(rx, codebase) or bool(dx & rx)


def conflicts(i: int, fn: CFunction, codebase: Codebase, views: set[int], follows: bool = True,
               unfollowed: frozenset[str] = frozenset(), guarded: bool = False,
               owned: frozenset[str] = frozenset(), slots: frozenset[int] = frozenset()) -> dict[int, bool]:
    """The other parameters whose memory, or what it reaches, parameter `i` may share, each with whether
    only their own bytes may overlap (a run-time check of both ranges decides it) rather than memory their
    stored pointers lead to. `views`: the parameters the function never writes through (shared views),
    which may overlap each other; `follows`: the call may follow pointers stored in parameters' pointees
    (else only their own bytes can conflict), but never through the members named in `unfollowed`;
    `guarded`: `i` is a view in a function that writes only its parameters' pointees (writes_params_only),
    so only the own bytes of a parameter written through can conflict with it; `owned`: members holding only
    fresh buffers of scalars (signatures_owned), skipped when `i` points at a struct, which never lies in one
    (a scalar pointer may point into one: a caller may pass `q->data` beside `q`); `slots`: pointer-to-pointer
    parameters the call only stores into (signatures_outslots), which conflict by their own bytes alone."""
    base, depth, const = split(fn.params[i].type)
    kx, dx = _own(fn.params[i].type, codebase)
    slot = pointer_slots.is_slot(fn.params[i].type, codebase)
    const = pointer_slots.element(fn.params[i].type, codebase)[1] if slot else const  # the slot's own
    # members whose pointers cannot lead to `i`'s memory: owned ones when it is a struct (not a pointer)
    skip = unfollowed | owned if depth == 1 and is_struct(base, codebase) else unfollowed
    found: dict[int, bool] = {}
    for j, q in enumerate(fn.params):
        if j == i or points_at_code(member_type(q.type, codebase)):  # also a typedef of one (`hash_f`)
            continue
        qb, depth, qconst = split(q.type)
        if guarded:  # a pointer to pointers may be written through: what it holds is unknown
            if depth > 1 or depth == 1 and j not in views and _direct(kx, dx, qb, codebase):
                found[j] = depth == 1 or j in slots
            continue
        if not depth:  # a struct by value is a copy, but the pointers it holds may lead into `i`'s memory
            if follows and _reached(kx, dx, reach(qb, codebase, skip=skip), codebase):
                found[j] = False
            continue
        kq, dq, rq = (kind(qb, codebase), atoms(qb, codebase), reach(qb, codebase, skip=skip)) \
            if depth == 1 else _slot_partner(q.type, codebase, skip, j in slots)
        if i in views and j in views:
            if follows and _reached(kx, dx, rq, codebase):
                found[j] = False
            continue  # two views may overlap; only a write through a pointer loaded from `q` may not
        # two read-only views may overlap; anything written through either may not
        if const and qconst and not rq and j not in slots:  # a slot's own pointer is written, const or not
            continue
        direct = CHAR in (kx, kq) or ANY in dq or kx in dq or kq in dx or slot and bool(dx & dq)
        indirect = follows and (CHAR in rq or ANY in rq | deep(rq, codebase) or kx in deep(rq, codebase)
                                or bool(dx & rq))
        if direct or indirect:
            found[j] = (depth == 1 or j in slots or pointer_slots.is_slot(q.type, codebase)) and not indirect
    return found


def _slot_partner(c_type: str, codebase: Codebase, skip: frozenset[str], stored: bool
                  ) -> tuple[str, set[str], set[str]]:
    """(kind, atoms, reach) of a pointer-to-pointer partner: a `T **` of a known `T` is a pointer object
    (signatures/slots.py) leading to `T`s (a `char **`'s to anything); any other (`T ***`, an incomplete
    `T`) may be anything. Its pointer leads nowhere when the call only stores into it (signatures_outslots:
    never loaded)."""
    if not pointer_slots.is_slot(c_type, codebase):
        return CHAR, {CHAR}, set() if stored else {CHAR}
    kq, dq = pointer_slots.own_kinds(c_type, codebase)
    return kq, dq, set() if stored else pointer_slots.reached(c_type, codebase, skip)


def _own(c_type: str, codebase: Codebase) -> tuple[str, set[str]]:
    """(kind, atoms) of what a parameter of C type `c_type` points at: for a pointer slot
    (signatures/slots.py) the pointer object."""
    if pointer_slots.is_slot(c_type, codebase):
        return pointer_slots.own_kinds(c_type, codebase)
    base = split(c_type)[0]
    return kind(base, codebase), atoms(base, codebase)


def _direct(kx: str, dx: set[str], qb: str, codebase: Codebase) -> bool:
    """An object of kind `kx` made of `dx` may share bytes with one of C type `qb`."""
    kq, dq = kind(qb, codebase), atoms(qb, codebase)
    return CHAR in (kx, kq) or ANY in dq or kx in dq or kq in dx


def _reached(kx: str, dx: set[str], rq: set[str], codebase: Codebase) -> bool:
    """An object of kind `kx` made of `dx` may lie in memory that pointers of kinds `rq` lead to."""
    return bool(rq) and (kx in (CHAR, ANY) or CHAR in rq or ANY in rq | deep(rq, codebase) or
                         kx in deep(rq, codebase) or bool(dx & rq))


def owned_relied(i: int, fn: CFunction, codebase: Codebase, views: set[int], follows: bool,
                 unfollowed: frozenset[str], owned: frozenset[str], guarded: bool,
                 contained: bool) -> tuple[tuple[int, str], ...]:
    """The owned members (parameter index, path from it) parameter `i`'s proof takes to hold only fresh
    buffers, which C outside SRC could fill otherwise: its own when its struct's pointers may lead back
    into it (but for skipped members; neither `contained` nor `guarded`, as self_aliased is asked), and
    those of the parameters that only skipping them keeps from conflicting with it (conflicts)."""
    if not owned:
        return ()
    js = [i] if not contained and not guarded and self_aliased(i, fn, codebase, frozenset()) else []
    js += sorted(set(conflicts(i, fn, codebase, views, follows, unfollowed, guarded)) -
                 set(conflicts(i, fn, codebase, views, follows, unfollowed, guarded, owned)))
    return tuple((j, path) for j in js for path in owned_paths(fn.params[j].type, codebase, owned))
