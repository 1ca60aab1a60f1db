"""Pointer slots: a `T **` parameter the C only dereferences once (`*pp`, `*pp = v`, `(*pp)->f`), rule
pointer-slot (issue 15).

Such a parameter points at one pointer object, the slot: the C loads the `T *` it holds or stores a new one
there, as it would an `int` through an `int *`. The reference proofs of signatures_proof then hold for the
slot as for any scalar (a dereference on every call, NULL tests becoming `Option`), and the Rust type is a
reference to the raw pointer (`&mut *mut T`): the reference covers the slot's own bytes only, and what the
loaded `T *` points at stays a raw pointer, every use of which is an unsafe operation of the body
(signatures_soundness counts it unchecked), so no reference is made from it here.

For the aliasing side (signatures/overlaps.py) the slot is an object of kind `ptr:K` (K: what `T *` points
at), or a `void *` slot (`ptr:char`), where generic code keeps `T *` values (as kinds.reach assumes for a
`T **` member); what its loaded pointer leads to is `T` and what `T`'s own pointers reach. An array of such
pointers (`pp[i]`: rows, string tables) indexed only below a count in counted loops, or below a constant
every call reaches, is a slice of pointers (`&[*mut T]`), under the scalar arrays' rules (counted-loop,
constant-extent). Not a slot: a pointer to function pointers, to arrays, to an incomplete type, or three
levels and more.
"""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import dims, flow, reaches
from llmigrate.signatures.kinds import (
    ANY,
    CHAR,
    kind,
    pointer,
    reach,
    spelled,
    split,
    unsized,
)
from llmigrate.signatures.loops import count_params, evaluated, prove_slice
from llmigrate.signatures.members import Arrays
from llmigrate.signatures.proof import (
    Upgrade,
    is_write,
    macro_mentions,
    op,
    ref_or_reason,
    up,
    writes_through,
)
from llmigrate.signatures.stops import may_stop

RULE = "pointer-slot"
WHY = ("the C only uses it as `*pp`, loading or storing the one pointer object it points at, on every call "
       "(or NULL becomes None), never as an array or a cursor, so the reference covers that pointer object's "
       "bytes alone; the pointer it holds stays raw, each use of it an unsafe operation of the body; nothing "
       "else the call reaches may alias that object by C's types")


def element(c_type: str, codebase: Codebase) -> tuple[str, bool] | None:
    """(base C type `T`, slot const) of a `T **` parameter whose slot may be a reference, else None: `T` a
    scalar, `void` or a complete struct; const when the slot itself is (`T *const *`), not when only `T`
    is (`const char **` points at a writable `const char *`)."""
    c_type = spelled(c_type, codebase) or c_type
    if "[" in c_type or "(" in unsized(c_type):
        return None
    base, depth, _ = split(c_type)
    if depth != 2:
        return None
    if kind(base, codebase) == ANY:  # an incomplete struct, a type outside SRC: what would the slot lead to
        return None
    between = c_type.split("*")[1]  # the qualifiers of the slot, between the two stars
    return base, "const" in between.split()


def is_slot(c_type: str, codebase: Codebase) -> bool:
    """`c_type` is a pointer to a pointer slot rule pointer-slot may borrow."""
    return element(c_type, codebase) is not None


def own_kinds(c_type: str, codebase: Codebase) -> tuple[str, set[str]]:
    """(kind, atoms) of the slot a `T **` points at: a `T *` object, or a `void *` one holding a `T *`."""
    base = split(spelled(c_type, codebase) or c_type)[0]
    k = pointer(base, codebase)
    return k, {k, pointer("void", codebase)}


def reached(c_type: str, codebase: Codebase, skip: frozenset[str] = frozenset()) -> set[str]:
    """Kinds the slot's stored pointer leads to: `T` objects and what their pointers reach (for `char`
    or `void` anything)."""
    base = split(spelled(c_type, codebase) or c_type)[0]
    k = kind(base, codebase)
    return {k} | ({CHAR} if k in (CHAR, ANY) else reach(base, codebase, skip=skip))


def prove(fn: CFunction, body: Node, uses: list[Node], const: bool, fields: Arrays,
          callee_convs: Callable[[str, int], str | None], stops: set[str], copied: dict[int, str],
          ro: bool, codebase: Codebase) -> Upgrade | str:
    """The slot's reference when every use dereferences it once (or passes it to a proven reference
    parameter, or tests it for NULL), a slice of pointers when it is only indexed below a count in counted
    loops, else why it stays raw; in a read-only function (`ro`) one only read is a shared reference
    whatever else may point at it."""
    read = {k: v for k, v in copied.items() if v == "read"}  # a view is a copy's source only
    if ro:
        shared = ref_or_reason(body, uses, True, fields, callee_convs, stops, read)
        if shared in ("ref", "opt_ref"):
            return Upgrade(shared, read_only=True, via=RULE)
    if not const and not writes_through(uses, fields, copied):  # never stored into: a shared view
        viewed = ref_or_reason(body, uses, True, fields, callee_convs, stops, read)
        if viewed in ("ref", "opt_ref"):
            return Upgrade(viewed, via=RULE)
    conv = ref_or_reason(body, uses, const, fields, callee_convs, stops, copied)
    if conv in ("ref", "mut_ref", "opt_ref", "opt_mut"):
        return Upgrade(conv, via=RULE)
    if conv == _INDEXED and (rows := _rows(fn, body, uses, codebase)) is not None:
        shared = const or all(_element_read(u) for u in uses)  # rule counted-loop, of pointer elements
        return Upgrade("slice" if shared else "slice_mut", rows[0], via=rows[1])
    return conv


_INDEXED = "indexed outside a counted loop"


def _element_read(n: Node) -> bool:
    """`n` is the array of `n[e]`, an element only read: not assigned, stepped or address-taken."""
    element = up(n)
    if element is None or element.type != "subscript_expression" or is_write(element):
        return False
    holder = up(element)
    return holder is None or not (holder.type == "pointer_expression" and op(holder) == "&")


def _rows(fn: CFunction, body: Node, uses: list[Node], codebase: Codebase) -> tuple[str, str | None] | None:
    """(count, the rule beyond counted-loop that proves it) of an array of pointers (rows, strings) only
    indexed below a count parameter in counted loops (signatures_loops), as a scalar array is: `for (i = 0;
    i < n; i++) f(rows[i]);`, or where a range analysis proves it (index-range), or below a constant its
    every call reaches (rule constant-extent)."""
    name = uses[0].text.decode() if uses else ""
    ints, signed = count_params(fn, codebase, name)
    uses = evaluated(body, uses) or uses
    n = prove_slice(body, uses, ints, None, lambda text: dims.value(text, codebase), signed)
    if n is not None:
        return (n, None) if not macro_mentions(fn, codebase, n) else None
    n = flow.prove_param(fn, body, name, uses, codebase)  # a range analysis of the body (`a && i < n`)
    if n is not None:
        return (n, "index-range") if not macro_mentions(fn, codebase, n) else None
    # no count: element K read on every call, in loops from literals to constants
    n = reaches.prove_param(fn, body, uses, codebase, (ints, signed), may_stop(codebase))
    return (n, reaches.RULE) if n is not None else None
