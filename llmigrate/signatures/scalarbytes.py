"""A scalar's bytes copied to or from a byte slice (issue 15): `memcpy(d, &x, sizeof x)` and
`memcpy(&x, s, sizeof x)` (or memmove) as statements, `d` a `&mut [u8]` parameter (`s` a `&[u8]` or
`&mut [u8]` one) proven exactly that many bytes long (rule constant-count or declared-size), `x` a local
(declared once, not static) or by-value parameter of an integer or floating type, the count its size (a
literal, `sizeof x`, `sizeof(T)`). The builtin writes `d[..K].copy_from_slice(&x.to_ne_bytes());` and
`x = T::from_ne_bytes(s[..K].try_into().unwrap());` (backends/builtin/scalarbytes.py): the same bytes in
the same order, every bit pattern a valid value of such a type, the slice bounds-checked, two distinct
objects. So the call is checked (soundness.py, through copies.checked) and its function may be safe. So is
`memcpy(&x, p + e, K)` (or of `p`) of any slice `p` of integers (windows.py), each element's bytes in
turn: `x = T::from_ne_bytes(p[e..][..K]...)` for bytes. Any other shape stays the C library's call."""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.kinds import split
from llmigrate.signatures.proof import node_text, occurrences, op, unparen

CALLS = ("memcpy", "memmove")
SCALARS = ("i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "isize", "usize", "f32", "f64")
# the integer elements a window (windows.py) may read, by size: each has `to_ne_bytes`, any bits valid
INTEGERS = {"i8": 1, "u8": 1, "i16": 2, "u16": 2, "i32": 4, "u32": 4, "i64": 8, "u64": 8}
_DST, _SRC = ("param:slice_mut",), ("param:slice", "param:slice_mut")


def copies(call: Node, kind: Callable[[str], str | None], fn: CFunction, codebase: Codebase) -> bool:
    """`call` is a statement memcpy/memmove of a scalar's bytes into or out of a byte slice of exactly as
    many bytes, which the builtin carries out in Rust."""
    from llmigrate.signatures.cformat import call_args
    from llmigrate.signatures.counted import bytes_of

    args, f = call_args(call), call.child_by_field_name("function")
    if f is None or node_text(f) not in CALLS or len(args) != 3 or call.parent is None or \
            call.parent.type != "expression_statement":
        return False
    body = call  # the function's own body: the file's other functions may declare the same names
    while body.parent is not None and body.parent.type != "function_definition":
        body = body.parent
    count = unparen(args[2])
    k = int(node_text(count)) if count.type == "number_literal" and node_text(count).isdigit() else \
        bytes_of(fn, body, codebase)(count) if count.type == "sizeof_expression" else None
    for at, convs in ((0, _DST), (1, _SRC)):
        extent = _byte_slice(args[at], convs, kind, fn, codebase)
        size = scalar_size(args[1 - at], kind, fn, body, codebase)
        if k is not None and extent == str(k) and size == k:
            return True
    size = _window(args[1], kind, fn, codebase)
    return k is not None and scalar_size(args[0], kind, fn, body, codebase) == k and size is not None and \
        k % size == 0


def _window(a: Node, kind: Callable[[str], str | None], fn: CFunction, codebase: Codebase) -> int | None:
    """The element size when `a` is `p + e` (`&p[e]`, `p`) of a slice parameter `p` of integers
    (windows.py): the builtin reads `p[e..][..K / size]`, bounds-checked whatever e is; else None."""
    from llmigrate.signatures.elements import terms

    a = unparen(a)
    if a.type == "identifier":  # the window at 0
        return _element_size(a, kind, fn, codebase)
    if not (a.type == "binary_expression" or a.type == "pointer_expression" and op(a) == "&" and
            unparen(a.child_by_field_name("argument")).type == "subscript_expression"):
        return None
    base = next((terms(a, q.name) for q in fn.params if q.name and terms(a, q.name) is not None), None)
    return _element_size(base[0], kind, fn, codebase) if base is not None and base[1] != [] else None


def _element_size(a: Node, kind: Callable[[str], str | None], fn: CFunction,
                  codebase: Codebase) -> int | None:
    """The size of the integer elements of the slice parameter (of either conv) `a` names, else None."""
    from llmigrate.signatures.mapper import c_type_to_rust

    at = next((i for i, p in enumerate(fn.params) if a.type == "identifier" and p.name == node_text(a)), None)
    if at is None or kind(node_text(a)) not in _SRC:
        return None
    return INTEGERS.get(c_type_to_rust(split(fn.params[at].type)[0], codebase))


def _byte_slice(a: Node, convs: tuple[str, ...], kind: Callable[[str], str | None], fn: CFunction,
                codebase: Codebase) -> str | None:
    """The proven length of the `u8` slice parameter `a` names (of one of `convs`), else None."""
    from llmigrate.signatures.interproc import proven
    from llmigrate.signatures.mapper import c_type_to_rust

    a = unparen(a)
    name = node_text(a) if a.type == "identifier" else ""
    at = next((i for i, p in enumerate(fn.params) if name and p.name == name), None)
    if at is None or kind(name) not in convs or \
            c_type_to_rust(split(fn.params[at].type)[0], codebase) != "u8":
        return None
    up = proven(fn, codebase).get(at)
    return up.len_param if up is not None else None


def scalar_size(a: Node, kind: Callable[[str], str | None], fn: CFunction, body: Node,
            codebase: Codebase) -> int | None:
    """The size of the integer or floating object `a` points to, `&x` of a local declared once (not
    static) or of a by-value parameter the body never declares again; else None."""
    from llmigrate.signatures.buffered import object_bytes
    from llmigrate.signatures.cformat import declared
    from llmigrate.signatures.mapper import c_type_to_rust

    a = unparen(a)
    x = unparen(a.child_by_field_name("argument")) if a.type == "pointer_expression" and op(a) == "&" \
        else None
    name = node_text(x) if x is not None and x.type == "identifier" else ""
    params = {p.name: p.type for p in fn.params if p.name}
    if kind(name) == "value" and name not in params:
        c_type = declared(body).get(name, "")
    elif kind(name) == "param:raw" and occurrences(body, name) is not None:  # by value: no conv
        c_type = params[name]
    else:
        return None
    return object_bytes(c_type, codebase) if c_type and c_type_to_rust(c_type, codebase) in SCALARS else None
