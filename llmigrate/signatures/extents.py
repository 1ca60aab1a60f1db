"""The bytes a raw pointer parameter's own uses may touch, for rule disjoint-checked (signatures_borrow).

A parameter that may overlap another only by its own bytes is borrowed when the C ABI entry can compare the
two byte ranges before making references (reintegrate/overlap.py). A partner that stays raw (for what else
may reach it) still has a range the entry can compute when its own uses are those of a proven reference or
slice: `*p`/`p->f` touch one object, the pointee's size; `p[i]` at indexes proven below a count touch that
many elements (the count's value at entry, none when it is <= 0); or when it is only read or written at
constant indexes, `p[0]`, `p[1]` (`*p`), or masked ones, `p[x & 0xff]`, and NULL-tested: the first K + 1
elements for the largest index K, whichever of them the C reads on a call (a range too wide only sends more
calls to the C original, which behaves as the C does). Not the uses of the other rules: a C string read at
any index (rule c-string bounds it in the Rust by its `&CStr`, which a raw pointer lacks), a last element
read where the count may be <= 0 (before the array), a stream (the C library touches it), nor a `void *`
read as another type (the entry knows only the C type).
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.kinds import element
from llmigrate.signatures.proof import Upgrade, in_macro_call, macro_mentions, node_text, occurrences, op

OBJECTS = ("ref", "mut_ref", "opt_ref", "opt_mut")  # convs of a pointer to one object
SLICES = ("slice", "slice_mut")
_UNBOUNDED = ("opaque-handle", "last-element")


def bounded(found: dict[int, Upgrade | str], viewed: set[int], fn: CFunction, body: Node,
            codebase: Codebase, slots: frozenset[int] = frozenset()) -> dict[int, Upgrade]:
    """The parameters of `found` (their proofs from their own uses, or why they stay raw) whose uses stay
    inside the extent a conv and count give; `viewed`: the `void *` parameters typed by their uses
    (signatures.voids), which are not; `slots`: pointer-to-pointer parameters only stored into
    (signatures_outslots), whose elements are pointers of a known size."""
    proven = {j: u for j, u in found.items() if isinstance(u, Upgrade) and j not in viewed
              and u.conv in OBJECTS + SLICES and u.via not in _UNBOUNDED}
    for j in found.keys() - proven.keys() - viewed:
        if element(fn.params[j].type, codebase) is None and j not in slots:
            continue  # a pointer to pointers, void, an incomplete type: what its elements are is unknown
        top = _top_index(fn, body, codebase, fn.params[j].name)
        if top is not None and not isinstance(found[j], Upgrade):
            proven[j] = Upgrade("slice_mut", str(top + 1), via=CONSTANT)
    return proven


CONSTANT = "constant-index"  # the `via` of an extent made from constant indexes (never a parameter's rule)


def _top_index(fn: CFunction, body: Node, codebase: Codebase, name: str) -> int | None:
    """The largest constant index the parameter `name` is read or written at, when those are its only
    uses (with NULL tests and comparisons); else None."""
    if not name or macro_mentions(fn, codebase, name):
        return None
    uses = occurrences(body, name)
    if not uses or any(in_macro_call(n, codebase) for n in uses):
        return None
    top = 0
    for n in uses:
        k = _index(n)
        if k is None:
            return None
        top = max(top, k)
    return top


def _index(n: Node) -> int | None:
    """The constant index use `n` touches (`p[3]`: 3, `*p`: 0), -1 for a NULL test or comparison, which
    touches nothing, or None."""
    child, p = n, n.parent
    while p is not None and p.type == "parenthesized_expression":
        child, p = p, p.parent
    if p is None:
        return None
    if p.type == "subscript_expression" and p.child_by_field_name("argument") == child and not _lent(p):
        return _top(p.child_by_field_name("index"))
    if p.type == "pointer_expression" and op(p) == "*" and not _lent(p):
        return 0
    if p.type == "binary_expression" and op(p) in ("==", "!=") or \
            p.type == "unary_expression" and op(p) == "!":
        return -1
    return -1 if p.type == "condition_clause" or p.type == "if_statement" and \
        p.child_by_field_name("condition") == child else None


def _top(index: Node | None) -> int | None:
    """The largest value the index expression may have: a constant's, or a mask's (`x & 0xff`: whatever
    `x` is, the bits the constant lacks are clear, so the value lies in [0, 0xff]); else None."""
    while index is not None and index.type == "parenthesized_expression" and index.named_children:
        index = index.named_children[0]
    if index is None:
        return None
    if index.type == "binary_expression" and op(index) == "&":
        tops = [_constant(index.child_by_field_name(side)) for side in ("left", "right")]
        return min((t for t in tops if t is not None), default=None)
    return _constant(index)


def _constant(n: Node | None) -> int | None:
    """The value of an integer literal (no larger than 2**20, the extent of an index table), else None."""
    while n is not None and n.type == "parenthesized_expression" and n.named_children:
        n = n.named_children[0]
    text = node_text(n).strip() if n is not None else ""
    m = re.fullmatch(r"(0|[1-9]\d*|0[xX][0-9a-fA-F]+)[uUlL]*", text)
    return int(m.group(1), 0) if m and int(m.group(1), 0) <= 1 << 20 else None


def _lent(element: Node) -> bool:
    """The element's address is taken (`&p[1]`): what is done with it is not read here."""
    p = element.parent
    while p is not None and p.type == "parenthesized_expression":
        p = p.parent
    return p is not None and p.type == "pointer_expression" and op(p) == "&"
