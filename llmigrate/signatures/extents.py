"""The bytes a raw pointer parameter's own uses may touch, for rule disjoint-checked (signatures_borrow).

A parameter that may overlap another only by its own bytes is borrowed when the C ABI entry can compare the
two byte ranges before making references (reintegrate/overlap.py). A partner that stays raw (for what else
may reach it) still has a range the entry can compute when its own uses are those of a proven reference or
slice: `*p`/`p->f` touch one object, the pointee's size; `p[i]` at indexes proven below a count touch that
many elements (the count's value at entry, none when it is <= 0). Not the uses of the other rules: a C string
read at any index (rule c-string bounds it in the Rust by its `&CStr`, which a raw pointer lacks), a last
element read where the count may be <= 0 (before the array), a stream (the C library touches it), nor a
`void *` read as another type (the entry knows only the C type).
"""

from __future__ import annotations

from llmigrate.signatures.proof import Upgrade

OBJECTS = ("ref", "mut_ref", "opt_ref", "opt_mut")  # convs of a pointer to one object
SLICES = ("slice", "slice_mut")
_UNBOUNDED = ("opaque-handle", "last-element")


def bounded(found: dict[int, Upgrade | str], viewed: set[int]) -> dict[int, Upgrade]:
    """The parameters of `found` (their proofs from their own uses) whose uses stay inside the extent their
    conv and count give; `viewed`: the `void *` parameters typed by their uses (signatures.voids)."""
    return {j: u for j, u in found.items() if isinstance(u, Upgrade) and j not in viewed
            and u.conv in OBJECTS + SLICES and u.via not in _UNBOUNDED}
