"""`void *` parameters used only as the bytes of a C library call with a count (issue 15, rule byte-count):
`memcpy(dst, p, n);`, `memmove(p, src, n);`, `memcmp(p, q, n)`, `memset(p, c, n);`, where `n` is an unsigned
integer parameter the body never changes, the same for every use of `p`.

Each such call touches exactly the first `n` bytes of `p` and nothing past them, so `p` is a byte slice of
length `n`: shared when only read (a copy's source, a compared operand), `&mut` when written (a copy's
destination, a memset). Bytes only copied or set may be uninitialised (a struct's padding, a fresh
allocation), which a `u8` may not be: their slices are of `MaybeUninit<u8>` (`UNINIT`); memcmp reads
values, so a compared one is `&[u8]`, its C ABI entry asking for initialised bytes. memcpy/memmove/memset
return their destination, so they count only as statements (the pointer goes nowhere else); memcmp returns
an int. voids.py gives such a parameter the view `unsigned char *` and borrow.py the slice; ffi.rs makes it
from the C pointer and the count (NULL with a count 0 is empty), its `# Safety` asking `n` readable (or
writable) bytes, which is what the C library asks of the caller. A call the slices alone carry out (`memset`
of a writable one, `memcmp` of two of one count) is a checked operation (`checked`, soundness.py), which the
builtin writes as `fill`/a comparison of the bytes (backends/builtin/bytecalls.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.proof import (
    address_taken_or_sizeof,
    is_write,
    node_text,
    occurrences,
    per_codebase,
    unparen,
    up,
)

RULE = "byte-count"
WHY = "the C only passes it to memcpy/memmove/memcmp/memset with its count, an unsigned parameter the " \
      "function never changes, so those calls touch its first count bytes and no more (NULL with a count 0 " \
      "is empty); a writable one only as a destination; bytes only copied or set are MaybeUninit<u8>, so " \
      "they may be uninitialised, compared ones must be initialised (the entry's # Safety); nothing else " \
      "the call reaches may alias it (a shared one in a function that writes no memory of the program may " \
      "overlap anything)"
# the C library function -> (its pointer operands, whether the first one is written, used only as a statement)
CALLS = {"memcpy": (2, True, True), "memmove": (2, True, True), "memset": (1, True, True),
         "memcmp": (2, False, False)}
_UNSIGNED = ("u8", "u16", "u32", "u64", "usize")
UNINIT = "core::mem::MaybeUninit<u8>"  # the element of a slice of bytes only copied or set


@dataclass(frozen=True)
class Counted:
    """The count parameter a `void *` parameter's every use passes with it, and whether a use writes it."""

    count: str
    written: bool
    compared: bool = False  # memcmp reads its values: initialised bytes; else they may be uninitialised


def counted(fn: CFunction, name: str, body: Node, codebase: Codebase) -> Counted | None:
    """How the `void *` parameter `name` is used as counted bytes, or None when some use is another."""
    if _defined(codebase):
        return None  # SRC defines one of these: a call of it is no C library call
    uses = occurrences(body, name)
    if not uses:
        return None
    found = [_counted_use(u) for u in uses]
    if any(f is None for f in found) or len({f.count for f in found}) != 1:
        return None
    count = found[0].count
    if not _fixed_unsigned(fn, count, body, codebase):
        return None
    return Counted(count, any(f.written for f in found), any(f.compared for f in found))


def _counted_use(u: Node) -> Counted | None:
    """The count and whether it writes, for a use that is a pointer operand of a counted call."""
    args = up(u)
    call = args.parent if args is not None and args.type == "argument_list" else None
    if call is None or call.type != "call_expression":
        return None
    f = unparen(call.child_by_field_name("function"))
    if f is None or f.type != "identifier" or node_text(f) not in CALLS:
        return None
    pointers, writes, statement = CALLS[node_text(f)]
    ops = [a for a in args.named_children if a.type != "comment"]
    at = next((k for k, a in enumerate(ops) if unparen(a).id == u.id), None)
    if len(ops) != 3 or at is None or at >= pointers or statement and (
            call.parent is None or call.parent.type != "expression_statement"):
        return None
    count = unparen(ops[2])
    if count.type != "identifier":
        return None
    return Counted(node_text(count), writes and at == 0, node_text(f) == "memcmp")


def _fixed_unsigned(fn: CFunction, count: str, body: Node, codebase: Codebase) -> bool:
    """`count` is an unsigned integer parameter the body never assigns, steps nor takes the address of (but
    as a `const` one, which C forbids changing through it, or under sizeof)."""
    from llmigrate.signatures.mapper import c_type_to_rust

    param = next((p for p in fn.params if p.name == count), None)
    if param is None or c_type_to_rust(param.type, codebase) not in _UNSIGNED:
        return False
    uses = occurrences(body, count)
    const = "const" in param.type.split()
    return uses is not None and not any(is_write(u) or _addressed(u) and not const for u in uses)


def _addressed(u: Node) -> bool:
    p = up(u)
    return address_taken_or_sizeof(u) and p is not None and p.type != "sizeof_expression"


@per_codebase
def _defined(codebase: Codebase) -> set[str]:
    """The counted calls' names SRC defines itself (once per codebase)."""
    return {f.name for f in codebase.functions.values() if f.name in CALLS}


def checked(call: Node, kind: Callable[[str], str | None], counts: dict[str, str]) -> bool:
    """`call` is one the byte slices alone carry out: `memset(p, c, n)` of a writable byte-count slice, or
    `memcmp(p, q, n)` of two byte-count slices of the same count (`counts`: parameter -> its count); the
    builtin writes it without the C library (bytecalls.py)."""
    f = unparen(call.child_by_field_name("function"))
    args = call.child_by_field_name("arguments")
    if f is None or args is None or node_text(f) not in ("memset", "memcmp"):
        return False
    ops = [unparen(a) for a in args.named_children if a.type != "comment"]
    name = node_text(f)
    pointers = ops[:CALLS[name][0]] if len(ops) == 3 else []
    if not pointers or any(p.type != "identifier" or node_text(p) not in counts for p in pointers):
        return False
    if ops[2].type != "identifier" or {counts[node_text(p)] for p in pointers} != {node_text(ops[2])}:
        return False
    if name == "memset":
        return kind(node_text(pointers[0])) == "param:slice_mut" and \
            call.parent is not None and call.parent.type == "expression_statement"
    return all(kind(node_text(p)) in ("param:slice", "param:slice_mut") for p in pointers)



def overrun(fn: CFunction, name: str, count: str, codebase: Codebase) -> bool:
    """A call of `fn` in SRC passes parameter `name` a local byte array (`unsigned char b[N]`) with a
    literal count (parameter `count`) past its end: then the C is wrong there and the slice is not made."""
    from llmigrate.signatures.copies import declared
    from llmigrate.signatures.proof import parsed_body, walk

    names = [p.name for p in fn.params]
    index, count_at = names.index(name), names.index(count)
    for caller in _callers(codebase).get(fn.id, ()):
        body = parsed_body(caller)[0]
        arrays = _byte_arrays(declared(caller, body)) if body is not None else {}
        for call in walk(body) if arrays else ():
            f = call.child_by_field_name("function") if call.type == "call_expression" else None
            args = call.child_by_field_name("arguments")
            ops = [unparen(a) for a in args.named_children if a.type != "comment"] if f is not None and \
                node_text(f) == fn.name and args is not None else []
            if len(ops) > max(index, count_at) and ops[count_at].type == "number_literal" and \
                    _number(node_text(ops[count_at])) > arrays.get(node_text(ops[index]), 1 << 62):
                return True
    return False


@per_codebase
def _callers(codebase: Codebase) -> dict[str, list[CFunction]]:
    """Function id -> the functions of SRC calling it (once per codebase: a walk over every function per
    parameter proven made the rule quadratic in the codebase, issue 17)."""
    found: dict[str, list[CFunction]] = {}
    for caller in codebase.functions.values():
        for callee in dict.fromkeys(caller.callees):
            found.setdefault(callee, []).append(caller)
    return found


def _byte_arrays(types: dict[str, str]) -> dict[str, int]:
    """Local arrays of bytes of a literal size: name -> size."""
    found = {}
    for name, t in types.items():
        base, _, size = t.partition("[")
        if base.strip() in _BYTES and size.rstrip("]").isdigit():
            found[name] = int(size.rstrip("]"))
    return found


def _number(text: str) -> int:
    try:
        return int(text.rstrip("uUlL"), 0)
    except ValueError:
        return -1


_BYTES = ("char", "unsigned char", "signed char", "uint8_t", "int8_t", "u8", "s8")
