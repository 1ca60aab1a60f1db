"""A buffer of integers read a scalar at a time (issue 15, rule index-range): `memcpy(&x, p + e, K)` as a
statement, `p` a pointer parameter to integers of size s (`uint8_t`, `uint16_t`...), `x` a local of an
integer or floating type of K bytes (scalarbytes.py), K a literal or a `sizeof` and a multiple of s, reads
the elements e .. e + K / s - 1 of `p` (`p` itself and `&p[e]` alike): a window the flow analysis (flow.py)
checks at both ends against the count, `e` a sum of terms it follows (a `sizeof(T)` among them is its
constant). So `for (; pos + 16 <= len; pos += 16) memcpy(&v, data + pos, 8)` proves `data` a slice of
`len`, and the builtin reads `u64::from_ne_bytes(data[pos..][..8])` (wider elements: each one's bytes in
turn), bounds-checked (backends/builtin/scalarbytes.py): the call is then checked (scalarbytes.copies). A
count that is not x's size or not whole elements, or a destination that is not a scalar local keep the
pointer raw."""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import elements
from llmigrate.signatures.kinds import split
from llmigrate.signatures.proof import node_text, unparen


def widths(fn: CFunction, body: Node, name: str, uses: list[Node], codebase: Codebase) -> dict[int, int]:
    """Argument id -> its elements for each use of pointer parameter `name` (to integers) that is the source
window of such a copy of whole elements."""
    from llmigrate.signatures.mapper import c_type_to_rust
    from llmigrate.signatures.scalarbytes import INTEGERS

    param = next((p for p in fn.params if p.name == name), None)
    size = INTEGERS.get(c_type_to_rust(split(param.type)[0], codebase)) if param is not None else None
    if size is None:
        return {}
    found = {}
    for n in uses:
        arg = elements.lent(n) or _bare(n)  # `p + e`, `&p[e]`; `p` itself, the window at 0
        k = width(arg, fn, body, codebase) if arg is not None else None
        if k is not None and k % size == 0:
            found[arg.id] = k // size
    return found


def width(arg: Node, fn: CFunction, body: Node, codebase: Codebase) -> int | None:
    """K when the argument `arg` is the source of a statement `memcpy(&x, arg, K)` (or memmove) of the C
    library, `x` a scalar local of K bytes; else None."""
    from llmigrate.signatures import scalarbytes
    from llmigrate.signatures.cformat import call_args
    from llmigrate.signatures.counted import bytes_of

    call = arg.parent.parent if arg.parent is not None else None
    f = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    if f is None or node_text(f) not in scalarbytes.CALLS or _defined(node_text(f), codebase) or \
            call.parent is None or call.parent.type != "expression_statement":
        return None
    args = call_args(call)
    if len(args) != 3 or args[1].id != arg.id:
        return None
    count = unparen(args[2])
    k = int(node_text(count)) if count.type == "number_literal" and node_text(count).isdigit() else \
        bytes_of(fn, body, codebase)(count) if count.type == "sizeof_expression" else None
    size = scalarbytes.scalar_size(args[0], _local_kinds(body, codebase), fn, body, codebase)
    return k if k is not None and k > 0 and size == k else None


def sizes(fn: CFunction, body: Node, codebase: Codebase) -> Callable[[Node], int | None]:
    """The value of a `sizeof` term of a window's offset (`data + pos + sizeof(uint64_t)`)."""
    from llmigrate.signatures.counted import bytes_of

    return bytes_of(fn, body, codebase)


def _bare(n: Node) -> Node | None:
    """The use `n` itself when it is a call's argument as it stands (no parentheses, casts)."""
    return n if n.parent is not None and n.parent.type == "argument_list" else None


def _defined(name: str, codebase: Codebase) -> bool:
    """SRC defines a function so named: then it is no C library call."""
    return any(f.name == name for f in codebase.functions.values())


def _local_kinds(body: Node, codebase: Codebase) -> Callable[[str], str | None]:
    from llmigrate.signatures.soundness import local_kinds

    kinds = local_kinds(body, codebase)
    return kinds.get
