"""Counted copies through the C library (issue 15): a pointer parameter `p` of element type `T` passed to
`memcpy`/`memmove` (destination or source), `memcmp` (either side) or `memset` (destination) with the count
`n * sizeof(T)` (`sizeof *p`, `sizeof p[0]`, either order), or `n` for a one-byte `T`, `n` an integer
parameter the function never assigns, touches exactly `p[0..n)`: as `p[i]` does for `i` in [0, n). When
every other use of `p` is such an index (signatures_loops), it is a slice of `n` (rule counted-copy): the
C ABI entry makes it from the pointer and `n`, as for a counted loop, and the call, still the C library's,
gets the slice's pointer, `n` elements long, in an `unsafe` block. A constant count (`K * sizeof(T)`, K a
decimal literal; for a one-byte `T` also `K`, `sizeof(U)` of a scalar type, `sizeof x` of a scalar or array
object the body declares once) touches exactly that many elements: a slice of that constant length (rule
constant-count; within an array parameter's declared size, that size: rule declared-size) when one such copy
runs on every call, before any way out (proof._always: not under a condition, in a loop or a `switch` case,
after a `return` or a call that may end the program): the C ABI entry makes the slice before the body runs,
and a copy on some paths only lets a valid caller pass fewer elements on the others (`if (n >= 8)
memcpy(&g, p, 8)` with a 4-byte buffer and n = 4). A declared size needs no such copy: the declaration is
the contract every caller is taken to honour, as for an array parameter indexed below it. A count of any
other shape (a member, `n + 1`), a call SRC defines itself, or a `free`d pointer (not here) leaves the
pointer raw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase, Param
from llmigrate.signatures import proof
from llmigrate.signatures.kinds import declared_size, split
from llmigrate.signatures.loops import prove_slice
from llmigrate.signatures.proof import (
    Upgrade,
    _always,
    _outer,
    is_write,
    node_text,
    op,
    per_codebase,
    unparen,
    up,
)
from llmigrate.signatures.stops import may_stop

RULE = "counted-copy"
WHY = ("the C passes it to memcpy/memmove/memcmp/memset with a count of exactly `n` of its elements, `n` "
       "the count parameter, and indexes it (if at all) below `n`, so a valid caller passes `n` elements "
       "(NULL or a count <= 0 is empty) and the library call stays within the slice; nothing else the call "
       "reaches may alias it")
CONSTANT = "constant-count"
CONSTANT_WHY = ("the C passes it to memcpy/memmove/memcmp/memset with a constant count of its elements (a "
                "literal times its size; for bytes a literal or the size of a scalar type or object) on "
                "every call, before any way out of the function, and indexes it (if at all) below it, so a "
                "valid caller passes that many elements and the "
                "library call stays within the slice; nothing else the call reaches may alias it")
SOME_PATHS = "a constant count copied on some paths only"  # the raw reason: the slice would rest on no copy
# what a counted copy writes into its operand: only zeroes (memset's 0), or any bytes
_ZEROES, _BYTES = "zeroes", "bytes"
# the C library function -> (its pointer operands that it writes, that it only reads)
COUNTED: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "memcpy": ((0,), (1,)), "memmove": ((0,), (1,)), "memcmp": ((), (0, 1)), "memset": ((0,), ())}


def slice(fn: CFunction, body: Node, p: Param, uses: list[Node], ints: tuple[set[str], set[str]],
          elem: tuple[str, bool], codebase: Codebase) -> Upgrade | str | None:
    """Parameter `p` (element `elem`: its type, const) as a slice of its counted copies' count, SOME_PATHS
    when their count is a constant but no copy runs on every call, or None;
    `ints`: the function's integer parameters and the signed ones among them."""
    from llmigrate.signatures.mapper import array_dim, c_type_to_rust

    def indexed(rest: list[Node]) -> str | None:
        return prove_slice(body, rest, ints[0], size, lambda t: array_dim(t, codebase), ints[1])

    size = declared_size(p.type, codebase)
    found = prove(body, p.name, p.type, uses, ints[0], c_type_to_rust(elem[0], codebase) in ("i8", "u8"),
                  indexed, _defined(codebase), size, bytes_of(fn, body, codebase))
    if found is None or elem[1] and found.written or proof.macro_mentions(fn, codebase, found.n):
        return None  # no counted copy, a write through a const pointer, or a count a macro may change
    via = "declared-size" if found.n == str(size) else CONSTANT if found.n.isdigit() else RULE
    if found.bytes and not _any_bits(elem[0], codebase):
        return None  # a library call's bytes written into elements some bit patterns are invalid for (a
        # `bool` slice memcpy'd from bytes or memset to 2); zeroes are valid for every element type C has
    if via == CONSTANT and not _always(body.named_children, found.copies, may_stop(codebase)):
        return SOME_PATHS  # a caller may pass fewer elements where no copy runs
    return Upgrade("slice" if elem[1] else "slice_mut", found.n, via=via)


@dataclass
class Counted:
    """A parameter's counted copies: their count `n`, whether some use writes the pointee, whether a
    library call writes bytes other than zeroes into it, and the uses that are the copies' operands."""

    n: str
    written: bool
    bytes: bool
    copies: list[Node]


@per_codebase
def _defined(codebase: Codebase) -> set[str]:
    """The counted copies' names SRC defines itself (then a call is no C library copy); once per codebase: a
    set of every function's name per pointer parameter made map_all quadratic in the codebase (issue 17)."""
    return {f.name for f in codebase.functions.values() if f.name in COUNTED}


def _any_bits(c_type: str, codebase: Codebase) -> bool:
    from llmigrate.signatures.copies import takes_any_bits

    return takes_any_bits(c_type, codebase)


def bytes_of(fn: CFunction, body: Node, codebase: Codebase) -> Callable[[Node], int | None]:
    """The constant value of a `sizeof` in `body`: of a scalar type (`sizeof(uint16_t)`, a typedef's name
    as tree-sitter parses it, an identifier), or of a parameter the body never declares again or a local
    it declares once and no parameter names (`sizeof x`, `sizeof(x)`, which parses as a type name), each
    of a scalar or array type; a global's name, or one declared twice, is not looked up: None."""
    from llmigrate.signatures.buffered import object_bytes
    from llmigrate.signatures.cformat import declared
    from llmigrate.signatures.copies import typedef_names

    locals_, params = declared(body), {q.name: q.type for q in fn.params if q.name}

    def c_type(t: Node | None, name: str) -> str:
        if name in params:
            return params[name] if proof.occurrences(body, name) is not None else ""
        if name in locals_:
            return locals_[name]
        if proof.occurrences(body, name) is None or name in codebase.globals:
            return ""  # a local declared twice, or a global: which object is not looked up
        return node_text(t) if t is not None else name if name in typedef_names(codebase) else ""

    def value(s: Node) -> int | None:
        t, v = s.child_by_field_name("type"), unparen(s.child_by_field_name("value"))
        name = node_text(t).strip() if t is not None else node_text(v) if v is not None and \
            v.type == "identifier" else ""
        found = c_type(t, name) if name else ""
        return object_bytes(found, codebase) if found else None
    return value


def prove(body: Node, name: str, c_type: str, uses: list[Node], ints: set[str], byte: bool,
          indexed: Callable[[list[Node]], str | None], defined: set[str], size: int | None = None,
          sized: Callable[[Node], int | None] | None = None) -> Counted | None:
    """The counted copies (n, written, bytes written, their uses) when some use of parameter `name` (of C
    type `c_type`) is a counted copy of `n` elements and every other one an index `indexed` proves below
    the same `n` (the slice proof of those uses); bytes written: a library call writes into it bytes
    other than zeroes;
    `byte`: its element is one byte; `defined`: the function names SRC defines (no library call then);
    `size`: the size its array parameter declares, which a constant count may not exceed (then n is it);
    `sized`: the value of a constant `sizeof` count of bytes (bytes_of), if any."""
    found = [_count(n, name, c_type, ints, byte, defined, sized) for n in uses]
    counts = {_declared(f[0], size) for f in found if f is not None}
    if len(counts) != 1 or None in counts:
        return None
    n = counts.pop()
    rest = [u for u, f in zip(uses, found, strict=True) if f is None and not _in_sizeof(u)]
    if rest and indexed(rest) != n or not n.isdigit() and not _constant(body, n):
        return None
    copies = [u for u, f in zip(uses, found, strict=True) if f is not None]
    written = any(f[1] for f in found if f is not None) or any(is_write(up(u)) for u in rest if up(u))
    return Counted(n, written, any(f[1] == _BYTES for f in found if f is not None), copies)


def _declared(count: str, size: int | None) -> str | None:
    """A count parameter's name as is; a constant count within the declared `size` as that size, a
    positive one where no size is declared as itself."""
    if not count.isdigit():
        return count
    if size is None:
        return count if int(count) > 0 else None
    return str(size) if int(count) <= size else None


def _in_sizeof(n: Node) -> bool:
    """`n` lies in a sizeof's operand, which C does not evaluate."""
    p = n.parent
    while p is not None and p.type != "sizeof_expression":
        p = p.parent
    return p is not None


def _constant(body: Node, n: str) -> bool:
    """The count parameter `n` is never assigned, incremented nor address-taken."""
    n_uses = proof.occurrences(body, n)
    return n_uses is not None and not any(is_write(u) or proof.address_taken_or_sizeof(u) for u in n_uses)


def _count(use: Node, name: str, c_type: str, ints: set[str], byte: bool, defined: set[str],
           sized: Callable[[Node], int | None] | None = None) -> tuple[str, str] | None:
    """(n, written) when `use` is an operand of a counted copy of `n` elements, else None; written: "" when
    the call only reads it, _ZEROES when it is memset's destination with a value of 0, else _BYTES."""
    args = up(use)
    call = args.parent if args is not None and args.type == "argument_list" else None
    fn = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    if fn is None or fn.type != "identifier" or node_text(fn) not in COUNTED or node_text(fn) in defined:
        return None
    listed = [a for a in args.named_children if a.type != "comment"]
    at = next((i for i, a in enumerate(listed) if a.id == _outer(use).id), None)
    writes, reads = COUNTED[node_text(fn)]
    if len(listed) != 3 or at is None or at not in writes + reads:
        return None
    n = _elements(unparen(listed[2]), name, c_type, ints, byte)
    constant = sized(unparen(listed[2])) if n is None and byte and sized is not None and \
        unparen(listed[2]).type == "sizeof_expression" else None
    n = str(constant) if constant is not None else n
    zeroes = node_text(fn) == "memset" and node_text(unparen(listed[1])) == "0"
    return None if n is None else (n, "" if at not in writes else _ZEROES if zeroes else _BYTES)


def _elements(count: Node, name: str, c_type: str, ints: set[str], byte: bool) -> str | None:
    """`n` of a count `n * sizeof(T)` / `sizeof *p * n` (or `n` of one-byte elements), n in `ints`."""
    if count.type in ("identifier", "number_literal") and byte:
        return node_text(count) if _counter(count, ints) else None
    if count.type != "binary_expression" or op(count) != "*":
        return None
    left, right = (unparen(count.child_by_field_name(s)) for s in ("left", "right"))
    for k, size in ((left, right), (right, left)):
        if _counter(k, ints) and _sizeof_element(size, name, c_type):
            return node_text(k)
    return None


def _counter(k: Node, ints: set[str]) -> bool:
    """`k` is an integer parameter or a decimal literal."""
    return k.type == "identifier" and node_text(k) in ints or k.type == "number_literal" and \
        node_text(k).isdigit()


def _sizeof_element(s: Node, name: str, c_type: str) -> bool:
    """`s` is `sizeof(T)` of the pointee type as written (qualifiers aside), `sizeof *p` or `sizeof p[0]`."""
    if s.type != "sizeof_expression":
        return False
    t = s.child_by_field_name("type")
    if t is not None:
        return split(node_text(t))[:2] == (split(c_type)[0], 0)
    v = unparen(s.child_by_field_name("value"))
    if v is not None and v.type == "pointer_expression" and op(v) == "*":
        inner = unparen(v.child_by_field_name("argument"))
    elif v is not None and v.type == "subscript_expression" and \
            node_text(unparen(v.child_by_field_name("index"))) == "0":
        inner = unparen(v.child_by_field_name("argument"))
    else:
        return False
    return inner is not None and inner.type == "identifier" and node_text(inner) == name


def fills(call: Node, kind: Callable[[str], str | None], fn: CFunction, codebase: Codebase) -> bool:
    """`memset(p, c, count)` as a statement, `p` a `&mut [T]` parameter (`kind` gives "param:slice_mut") of
    integer `T`, `count` any number of one-byte elements or `e * sizeof(T)` (`sizeof *p`, `sizeof p[0]`),
    `c` any value for one-byte `T`, else 0: the builtin writes `p[..n].fill(v)` (backends/builtin/fills.py),
    bounds-checked, so the call is checked."""
    from llmigrate.signatures.cformat import call_args
    from llmigrate.signatures.mapper import c_type_to_rust

    args, f = call_args(call), call.child_by_field_name("function")
    p = unparen(args[0]) if len(args) == 3 and f is not None and node_text(f) == "memset" and \
        call.parent is not None and call.parent.type == "expression_statement" else None
    name = node_text(p) if p is not None and p.type == "identifier" else ""
    param = next((q for q in fn.params if q.name == name), None) if kind(name) == "param:slice_mut" else None
    elem = c_type_to_rust(split(param.type)[0], codebase) if param is not None else ""
    if elem in ("i8", "u8"):
        return True
    count = unparen(args[2]) if param is not None and elem.lstrip("iu") in _WIDTHS else None
    if count is None or count.type != "binary_expression" or op(count) != "*" or \
            node_text(unparen(args[1])) != "0":
        return False
    sides = (unparen(count.child_by_field_name(s)) for s in ("left", "right"))
    return any(_sizeof_element(k, name, param.type) for k in sides)


_WIDTHS = ("16", "32", "64", "size")
