"""Out-slots: pointer-to-pointer parameters the call only stores a pointer into (`*out = buf;`), for rule
disjoint-checked (signatures_borrow, issue 15).

A `T **` parameter may lead, through the pointer its pointee holds, anywhere (overlaps.conflicts counts it
as reaching any memory). That matters only when the call loads that pointer to follow it. A parameter whose
every use is a plain store into its first element (`*out = v`, `out[0] = v`) or a NULL test never has it
loaded: no memory is reached through it, so it may overlap another parameter only by its own bytes, the
one pointer object it points at, which the C ABI entry can compare at run time (its extent: one element,
signatures/extents.py). Not a compound assignment (`*out += 1` loads it), nor one passed on, stored, cast,
stepped, a later element (`out[1]`), named by a macro or in a macro's arguments in the body as written (what
is done there is not read here; bodies.proof_body reads the expanded body then, whose store counts).
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.kinds import split
from llmigrate.signatures.overlaps import points_at_code
from llmigrate.signatures.proof import _null_test, in_macro_call, macro_mentions, occurrences, op, unparen, up


def out_slots(fn: CFunction, body: Node, codebase: Codebase) -> frozenset[int]:
    """Indexes of the pointer-to-pointer parameters whose pointee the body only overwrites."""
    return frozenset(i for i, p in enumerate(fn.params)
                     if p.name and split(p.type)[1] > 1 and not points_at_code(p.type) and
                     _only_stored(fn, body, codebase, p.name))


def _only_stored(fn: CFunction, body: Node, codebase: Codebase, name: str) -> bool:
    """Every use of `name` stores into its first element or tests it for NULL, and some use stores."""
    if macro_mentions(fn, codebase, name):
        return False
    uses = occurrences(body, name)
    if not uses or any(in_macro_call(n, codebase) for n in uses):
        return False
    stores = [n for n in uses if _store_target(n)]
    return bool(stores) and all(n in stores or _null_test(n) for n in uses)


def _store_target(n: Node) -> bool:
    """`n` is the pointer of `*n = v` or `n[0] = v`: its first element is overwritten, never read."""
    target = up(n)
    if target is None or unparen(_argument(target)) is None or unparen(_argument(target)).id != n.id:
        return False
    if target.type == "subscript_expression":
        index = unparen(target.child_by_field_name("index"))
        if index is None or index.type != "number_literal" or index.text.decode().rstrip("uUlL") not in \
                ("0", "0x0", "0X0"):
            return False
    elif not (target.type == "pointer_expression" and op(target) == "*"):
        return False
    assign = up(target)
    return assign is not None and assign.type == "assignment_expression" and op(assign) == "=" and \
        unparen(assign.child_by_field_name("left")).id == target.id


def _argument(n: Node) -> Node | None:
    """What a dereference dereferences: the argument of `*p`, the array of `p[i]`."""
    return n.child_by_field_name("argument") if n.type in ("pointer_expression", "subscript_expression") \
        else None
