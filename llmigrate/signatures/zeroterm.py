"""Zero-terminated arrays of wider integers: `const u16 *s` read as `s[i]` up to its zero element on
every call (rule zero-terminated).

What rule c-string is to a `char *`, this is to a pointer to 16-, 32- or 64-bit integers (a UCS-2 string, a
zero-ended table of ids): no Rust type stands for it as `CStr` does for bytes, so it crosses as a slice
whose length the C ABI entry takes by scanning to the zero element, that element included. The C reads up
to that element on every call (a loop whose whole condition tests a read for zero and that ends only there,
scans.py, reached on every path), so a
valid caller passes elements up to a zero, and the scan reads no element the C would not. Every other use
(written, stepped, passed on, stored, its address taken, a NULL test) leaves it to the other rules: the
slice's bounds check then panics past the zero where C would read out of bounds.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.signatures.cstr import anchor
from llmigrate.signatures.cwalk import move
from llmigrate.signatures.proof import (
    Upgrade,
    _always,
    address_taken_or_sizeof,
    is_field,
    is_write,
    up,
)
from llmigrate.signatures.scans import nul_scan

RULE = "zero-terminated"
WHY = ("the C only reads its integer elements, and on every call up to a zero element (a loop condition "
       "tests a read for zero): a valid caller passes elements up to and including a zero, and the C ABI "
       "entry makes the slice of exactly those, scanning to the zero as the C reads them; nothing the call "
       "writes may lie in it")
TO_ZERO = "..0"  # `RustParam.len_param` of such a slice: its length is found by the scan, no parameter's
_WIDE = re.compile(r"\*(?:const|mut) [iu](?:16|32|64)")


def is_wide_integer_pointer(rust_type: str) -> bool:
    """`*const u16`, `*mut i32`...: a pointer to integers wider than a byte (bytes are rule c-string's)."""
    return _WIDE.fullmatch(rust_type) is not None


def prove(body: Node, uses: list[Node], stops: set[str]) -> Upgrade | None:
    """`Upgrade("slice", TO_ZERO)` when every use reads an element (`s[i]`) and one read, tested for
    zero by a loop's condition, runs on every call (before any call of a function in `stops`); else None."""
    evidence = []
    for n in uses:
        read = _read(n)
        if read is None:
            return None
        if nul_scan(read, stops) is not None:
            evidence.append(anchor(read))
    if not evidence or not _always(list(body.named_children), evidence, stops):
        return None
    return Upgrade("slice", TO_ZERO, via=RULE)


def _read(n: Node) -> Node | None:
    """The read `s[i]` of which the identifier `n` is the pointer, when only its value is read."""
    if move(n) is not None:
        return None
    p = up(n)
    if p is None or not (p.type == "subscript_expression" and is_field(n, p, "argument")):  # `*s` is no
        # slice operation (soundness.py)
        return None
    if is_write(p) or address_taken_or_sizeof(p):
        return None
    return p


def scan_count(ptr: str) -> str:
    """Rust counting the elements from the raw pointer `ptr` up to and including the first zero one (in an
    unsafe context: the entry's precondition says they are there)."""
    # read unaligned: a C caller may pass a byte buffer cast to its type (reintegrate.unaligned copies it)
    return f"{{ let mut n = 0usize; while {ptr}.add(n).read_unaligned() != 0 {{ n += 1; }} n + 1 }}"
