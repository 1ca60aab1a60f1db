"""Rule byte-cursor's proof (bytecursor.py) as a signature: the parameter is a `&[u8]` of its count.

The builtin (backends/builtin/bytecursors.py) keeps a usize offset for the cursor and for `end`, and reads
`p[j]` as `s[at + j]`, `memcpy(&x, p, w)` and a reader call `F(p)` as `T::from_ne_bytes(s[at..at + w])`:
every read bounds-checked, so a proof that turned out wrong panics rather than reads outside. Only the
siphash shape is translated (bytecursor.py; cursorflow.py's xxhash shape stays raw), and a call is a read
only when F is an outside header's `static inline` that returns exactly the bytes it reads
(readers.returned): a function of SRC would be handed the slice, not the offset, and a function that
converts or combines the bytes would not be the `from_ne_bytes` the builtin writes.
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase, Param
from llmigrate.signatures.bytecursor import RULE, Cursor, _local_uses, cursor
from llmigrate.signatures.proof import Upgrade, occurrences, up

WHY = "the C reads it only through a byte cursor: `end = p + n - n % K` and a loop " \
      "`for (; p != end; p += K)` reading at most K bytes at p, then at most `n % K` bytes past end under " \
      "`switch (n % K)`, n its count (an unchanged unsigned parameter): every read lies in its first n " \
      "bytes; the Rust keeps the cursor as a usize offset and every read is bounds-checked (NULL with a " \
      "count of 0 is empty); nothing else the call reaches may alias it, or the function writes nothing"
VIEW = "const unsigned char *"


def proven(fn: CFunction, p: Param, body: Node | None, codebase: Codebase) -> Cursor | None:
    """Rule byte-cursor's proof of `p` when the builtin translates each of its reads, else None."""
    found = cursor(fn, p.name, body, codebase) if p.name and body is not None else None
    if found is None:
        return None
    uses = (occurrences(body, p.name) or []) + (_local_uses(body, found.end) or [])
    reads = [u for u in uses if u.id in found.reads]
    return found if all(_translated(u, codebase) for u in reads) else None


def upgrade(fn: CFunction, p: Param, body: Node | None, codebase: Codebase, ro: bool) -> Upgrade | None:
    """`p` as a shared slice of its count (`ro`: in a function that writes nothing), else None."""
    found = proven(fn, p, body, codebase)
    return Upgrade("slice", found.count, read_only=ro, via=RULE) if found is not None else None


def _translated(u: Node, codebase: Codebase) -> bool:
    """A read the builtin writes: `p[j]`, `memcpy(&x, p, w)`, or `F(p)` of a reader returning its bytes."""
    from llmigrate.signatures import readers

    p = up(u)
    if p is not None and p.type == "subscript_expression":
        return True
    call = p.parent if p is not None and p.type == "argument_list" else None
    f = call.child_by_field_name("function") if call is not None else None
    if f is None or f.type != "identifier":
        return False
    name = f.text.decode()
    return name in ("memcpy", "memmove", "__builtin_memcpy") or readers.returned(call, codebase) is not None


def checked_reads(fn: CFunction, body: Node, codebase: Codebase) -> set[int]:
    """The ids of the nodes of `body` (subscripts and calls) that read a byte cursor parameter mapper.py
    made a slice by rule byte-cursor: the builtin indexes its slice there, bounds-checked (soundness.py)."""
    from llmigrate.signatures import interproc

    found: set[int] = set()
    for i, u in interproc.proven(fn, codebase).items():
        proof = proven(fn, fn.params[i], body, codebase) if u.via == RULE else None
        uses = (occurrences(body, fn.params[i].name) or []) + (_local_uses(body, proof.end) or []) \
            if proof is not None else []
        for n in uses:
            p = up(n) if n.id in proof.reads else None
            found |= {(p.parent if p.type == "argument_list" else p).id} if p is not None else set()
    return found
