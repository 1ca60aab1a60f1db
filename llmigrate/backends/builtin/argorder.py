"""Arguments read through a raw pointer after a reference made from one: read first.

Rust evaluates a call's arguments left to right. In `put2(&mut *addr_of_mut!((*s).w), 1, (*s).w.pos)` the
`&mut` to `(*s).w` is live while the third argument reads `(*s).w.pos` through the raw `s`: a read through
the raw pointer under a live unique reference invalidates that reference (Stacked Borrows), so the callee
would write through a dead one. C leaves the order of argument evaluation unspecified, so evaluating such
arguments into temporaries before any reference is made keeps the C's meaning and removes the overlap.
"""

from __future__ import annotations

import re

from llmigrate.backends.builtin.context import FnCtx

# a dereference `*p` or `(*p)`: not a product, which has an operand before its `*`
_DEREF = re.compile(r"(?<![\w)\].\s])\s*\*\s*[\w(]|^\s*\*|\(\*")
_PLAIN = re.compile(r"-?[\w.]+")  # a literal or a name: reads nothing through a pointer


def made_from_raw(code: str) -> bool:
    """`code` is a reference made by dereferencing a pointer (`&*p`, `&mut *addr_of_mut!(..)`)."""
    return re.match(r"&(?:mut\s+)?\*", code) is not None


def read_first(codes: list[str], refs: set[int], ctx: FnCtx) -> tuple[str, list[str]]:
    """`let` statements evaluating, before the call, each argument after the first reference made from a
    raw pointer (`refs`: the arguments that are references) that reads through a pointer; and the arguments
    with those replaced by the temporaries' names."""
    first = next((i for i in sorted(refs) if made_from_raw(codes[i])), None)
    if first is None:
        return "", codes
    setup, out = "", list(codes)
    for i in range(first + 1, len(codes)):
        if i in refs or _PLAIN.fullmatch(codes[i]) or not _DEREF.search(codes[i]):
            continue
        name = ctx.fresh("arg")
        setup += f"let {name} = {codes[i]}; "
        out[i] = name
    return setup, out
