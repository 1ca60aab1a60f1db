"""Rule element-at (issue 15): a pointer parameter used only as `p[k]`, `k` one integer parameter the body
never changes, an element read or written on every call, crosses as a reference to that one element.

    void step(double dt, size_t i, const Vec *acc, Vec *vel) { vel[i].x += acc[i].x * dt; }

Every call dereferences `vel[i]`, so a valid C caller passes a pointer whose element `i` is valid: the Rust
takes `vel: &mut Vec` (the index parameter stays in the signature), its body reads `vel.x`, and the C ABI
entry makes the reference from `vel.add(i)` (`RustParam.at` names `i`). Where two such parameters may be one
array, the usual run-time overlap check (rule disjoint-checked) compares the elements' own bytes.

Only for a function no Rust code of SRC calls by name (its callers are C outside SRC, through its entry, or
SRC through its address, the same entry): a caller in SRC would have to lend the element, which the builtin's
call sites do not do yet, so such a function's pointer stays raw.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.checked import macro_may_call
from llmigrate.signatures.proof import (
    Upgrade,
    _always,
    _array_member,
    _member_place,
    address_taken_or_sizeof,
    is_field,
    is_write,
    node_text,
    occurrences,
    unparen,
    up,
)

RULE = "element-at"
WHY = "the C reads or writes only its element `p[k]`, `k` an integer parameter the function never changes, " \
      "on every call, so a valid caller passes a pointer whose element `k` is valid, and the reference is " \
      "made from `p + k` (one element); nothing else the call reaches may alias that element"


def prove(fn: CFunction, body: Node, uses: list[Node], ints: set[str], const: bool, fields, stops: set[str],
          codebase: Codebase) -> Upgrade | None:
    """A reference to element `k` of the parameter whose uses are `uses`, or None when some use is not
    `p[k]` of one unchanged integer parameter `k` (or no such element is reached on every call)."""
    if fn.is_variadic:
        return None  # its C shim (reintegrate/va_shim.py) passes the pointer on as it is, not `p + k`
    subs, index, written = [], None, False
    for n in uses:
        sub = up(n)
        if sub is None or sub.type != "subscript_expression" or not is_field(n, sub, "argument"):
            return None
        k = unparen(sub.child_by_field_name("index"))
        if k is None or k.type != "identifier" or index not in (None, node_text(k)):
            return None
        index, top = node_text(k), _member_place(sub)
        if _array_member(top, fields) or address_taken_or_sizeof(top):
            return None  # an array member decays to a pointer, `&p[k]` escapes: no longer one element
        written = written or is_write(top)
        subs.append(sub)
    if index is None or index not in ints or not _unchanged(body, index) or not uncalled(fn, codebase):
        return None
    if not _always(body.named_children, subs, stops):
        return None  # on some path no element is touched: the C caller may pass anything there
    return Upgrade("ref" if const or not written else "mut_ref", via=RULE, at=index)


def _unchanged(body: Node, name: str) -> bool:
    """The parameter `name` is never assigned, stepped nor has its address taken (nor is redeclared)."""
    uses = occurrences(body, name)
    return uses is not None and not any(is_write(u) or address_taken_or_sizeof(u) for u in uses)


def uncalled(fn: CFunction, codebase: Codebase) -> bool:
    """No function or macro of SRC names `fn` followed by a call's parenthesis (its body's own text aside):
    no Rust caller in SRC passes the pointer, which would have to lend the element instead."""
    call = re.compile(rf"\b{re.escape(fn.name)}\s*\)?\s*\(")
    bodies = [g.source if g.id != fn.id else g.source[max(g.source.find("{"), 0):]
              for g in codebase.functions.values()]
    return not any(call.search(text) for text in bodies + [m.body for m in codebase.macros.values()]) \
        and not macro_may_call(fn, codebase)
