"""Rule byte-cursor's proof (bytecursor.py) as a signature: the parameter is a `&[u8]` of its count.

The builtin (backends/builtin/bytecursors.py) keeps a usize offset for the cursor and for `end`, and reads
`p[j]` as `s[at + j]`, `memcpy(&x, p, w)` and a reader call `F(p)` as `T::from_ne_bytes(s[at..at + w])`:
every read bounds-checked, so a proof that turned out wrong panics rather than reads outside. Both shapes
are: siphash's (bytecursor.py) and xxhash's (cursorflow.py: cursors and ends, `limit = end - 16` under
`len >= 16`, compared as offsets, `*p` read as `s[at]`). A call is a read only when F is an outside
header's `static inline` that returns exactly the bytes it reads (readers.returned): a function of SRC would
be handed the slice, not the offset, and a function that converts or combines the bytes would not be the
`from_ne_bytes` the builtin writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase, Param
from llmigrate.signatures.bytecursor import RULE, _local_uses, cursor
from llmigrate.signatures.proof import Upgrade, occurrences, up

WHY = "the C reads it only through byte cursors: either `end = p + n - n % K` and a loop " \
      "`for (; p != end; p += K)` reading at most K bytes at p, then at most `n % K` bytes past end under " \
      "`switch (n % K)`; or cursors and ends set from it (`p = input`, `end = p + n`, `limit = end - K`) " \
      "moved by steps and compared with each other, rule index-range's analysis of their offsets putting " \
      "every read (`*p`, `p[j]`, K bytes at p) below n on every path; n its count (an unchanged integer " \
      "parameter): every read lies in its first n bytes; the Rust keeps each cursor and end as a usize " \
      "offset and every read is bounds-checked (NULL with a count of 0 is empty); nothing else the call " \
      "reaches may alias it, or the function writes nothing"
VIEW = "const unsigned char *"


@dataclass(frozen=True)
class Proof:
    """Rule byte-cursor's proof of a parameter: its count and the uses reading through a cursor (`*p`,
    `p[j]`, `F(p)`: their nodes in the body proven)."""

    count: str
    reads: list[Node]


def proven(fn: CFunction, p: Param, body: Node | None, codebase: Codebase) -> Proof | None:
    """Rule byte-cursor's proof of `p` when the builtin translates each of its reads, else None."""
    found = _proof(fn, p, body, codebase) if p.name and body is not None else None
    windows = _unsigned_bytes(p.type)
    return found if found is not None and all(_translated(u, codebase, windows) for u in found.reads) \
        else None


def _unsigned_bytes(c_type: str) -> bool:
    """The slice is of `u8` (a `void *`'s view, `const u8 *`): a window of it converts by `from_ne_bytes`,
    which an `i8` slice (`const char *`) does not."""
    words = [w for w in c_type.replace("*", " ").split() if w not in ("const", "volatile")]
    return " ".join(words) in ("void", "unsigned char", "uint8_t", "u8")


def _proof(fn: CFunction, p: Param, body: Node, codebase: Codebase) -> Proof | None:
    """The siphash shape's proof (bytecursor.py), else the flow analysis's (cursorflow.py), else None."""
    from llmigrate.signatures import cursorflow

    found = cursor(fn, p.name, body, codebase)
    if found is not None:
        uses = (occurrences(body, p.name) or []) + (_local_uses(body, found.end) or [])
        return Proof(found.count, [u for u in uses if u.id in found.reads])
    flowed = cursorflow.proof(fn, p.name, body, codebase)
    return Proof(flowed[0], flowed[1]) if flowed is not None else None


def upgrade(fn: CFunction, p: Param, body: Node | None, codebase: Codebase, ro: bool) -> Upgrade | None:
    """`p` as a shared slice of its count (`ro`: in a function that writes nothing), else None."""
    found = proven(fn, p, body, codebase)
    return Upgrade("slice", found.count, read_only=ro, via=RULE) if found is not None else None


def _translated(u: Node, codebase: Codebase, windows: bool) -> bool:
    """A read the builtin writes: `p[j]`, `*p`, and when `windows` (a `u8` slice) `memcpy(&x, p, w)` or
    `F(p)` of a reader returning its bytes."""
    from llmigrate.signatures import readers

    p = up(u)
    if p is not None and (p.type == "subscript_expression" or p.type == "pointer_expression" and
                          p.child_by_field_name("argument").id == u.id):
        return True
    call = p.parent if p is not None and p.type == "argument_list" else None
    f = call.child_by_field_name("function") if call is not None and windows else None
    if f is None or f.type != "identifier":
        return False
    name = f.text.decode()
    return name in ("memcpy", "memmove", "__builtin_memcpy") or readers.returned(call, codebase) is not None


def checked_reads(fn: CFunction, body: Node, codebase: Codebase) -> set[int]:
    """The ids of the nodes of `body` (subscripts and calls) that read a byte cursor parameter mapper.py
    made a slice by rule byte-cursor: the builtin indexes its slice there, bounds-checked (soundness.py)."""
    from llmigrate.signatures import interproc, memberbytes

    found: set[int] = set()
    for i, u in interproc.proven(fn, codebase).items():
        proof = proven(fn, fn.params[i], body, codebase) if u.via == RULE else None
        member = memberbytes.proof(fn, fn.params[i], body, codebase) if u.via == memberbytes.RULE else None
        for n in proof.reads if proof is not None else member[1] if member is not None else []:
            p = up(n)
            found |= {(p.parent if p.type == "argument_list" else p).id} if p is not None else set()
    return found
