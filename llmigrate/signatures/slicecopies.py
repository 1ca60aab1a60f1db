"""`memcpy`/`memmove(dst, src, count)` between slices as a bounds-checked `copy_from_slice` (issue 15): `dst`
a `&mut [T]` parameter or a local array, `src` a `&[T]`/`&mut [T]` parameter or a local array, another
object (the same one, borrowed twice, would not build), `T` one primitive number type on both sides (Copy,
and copying its elements is copying their bytes), `count` `e * sizeof(T)` (`sizeof *dst`, `sizeof src[0]`)
or any count of one-byte elements: the builtin writes `dst[..e].copy_from_slice(&src[..e])`
(backends/builtin/slicecopies.py), which panics where C would touch a byte past either slice, so the call
is checked (soundness.py, through copies.checked). Its pointer result used, or a struct element, keeps it
the C library's call."""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.counted import _sizeof_element
from llmigrate.signatures.kinds import split
from llmigrate.signatures.proof import node_text, op, unparen, walk

CALLS = ("memcpy", "memmove")
COMPARES = "memcmp"
NUMBERS = ("i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "isize", "usize", "f32", "f64")
_DST, _SRC = ("param:slice_mut", "array"), ("param:slice", "param:slice_mut", "array")


def copies(call: Node, kind: Callable[[str], str | None], fn: CFunction, codebase: Codebase) -> bool:
    """`call` is a statement memcpy/memmove between two slices the builtin copies bounds-checked, or a
    memcmp of two byte slices it compares, and its count lies within both."""
    from llmigrate.signatures.cformat import call_args

    args, f = call_args(call), call.child_by_field_name("function")
    name = node_text(f) if f is not None and len(args) == 3 else ""
    if name not in (*CALLS, COMPARES) or name != COMPARES and (
            call.parent is None or call.parent.type != "expression_statement"):
        return False
    ends = [_end(a, kinds, kind, fn, codebase) for a, kinds in
            zip(args[:2], (_SRC, _SRC) if name == COMPARES else (_DST, _SRC), strict=True)]
    if None in ends or ends[0][2] != ends[1][2] or ends[0][2] not in (
            ("i8", "u8") if name == COMPARES else NUMBERS) or name != COMPARES and ends[0][0] == ends[1][0]:
        return False
    e = _elements(unparen(args[2]), ends)
    return e is not None and _within(e, ends, fn)


def _elements(count: Node, ends: list[tuple[str, str, str, str | None]]) -> Node | None:
    """`e` of the count `e * sizeof(T)` (`sizeof *dst`, `sizeof src[0]`), the count of one-byte elements."""
    if ends[0][2] in ("i8", "u8"):
        return count
    if count.type != "binary_expression" or op(count) != "*":
        return None
    left, right = (unparen(count.child_by_field_name(s)) for s in ("left", "right"))
    for e, size in ((left, right), (right, left)):
        if any(_sizeof_element(size, name, c) for name, c, _, _ in ends):
            return e
    return None


def _within(e: Node, ends: list[tuple[str, str, str, str | None]], fn: CFunction) -> bool:
    """The `e` elements lie within both objects: `e` the integer parameter both slices are counted by, or a
    literal within both local arrays' sizes (so the copy never panics). The builtin reads a count the same
    way: a constant one only between local arrays, any other only between slices."""
    if e.type == "identifier":
        return node_text(e) in {p.name for p in fn.params} and all(x == node_text(e) for *_, x in ends)
    return e.type == "number_literal" and node_text(e).isdigit() and \
        all(x is not None and x.startswith("#") and int(node_text(e)) <= int(x[1:]) for *_, x in ends)


def _end(a: Node, kinds: tuple[str, ...], kind: Callable[[str], str | None], fn: CFunction,
         codebase: Codebase) -> tuple[str, str, str, str | None] | None:
    """(name, C type written as a pointer to its element, Rust element, extent) of a copy's operand: a slice
    parameter (its extent the name of its count) or a local array (`#` and its size) of one of `kinds`."""
    from llmigrate.signatures.interproc import proven
    from llmigrate.signatures.mapper import array_dim, c_type_to_rust

    a = unparen(a)
    name = node_text(a) if a.type == "identifier" else ""
    if kind(name) not in kinds:
        return None
    at = next((i for i, p in enumerate(fn.params) if p.name == name), None)
    if at is not None:
        up = proven(fn, codebase).get(at)
        base, extent = split(fn.params[at].type)[0], up.len_param if up is not None else None
    else:
        found = _local_array(a, name)
        if found is None:
            return None
        base, size = found
        extent = f"#{dim}" if (dim := array_dim(size, codebase)) is not None else None
    return name, base + " *", c_type_to_rust(base, codebase), extent


def _local_array(a: Node, name: str) -> tuple[str, str] | None:
    """(element type as written, qualifiers aside; its size as written) of the local array `name` of one
    dimension the function declares (soundness.py's "array": declared once, of constant size), else None."""
    root = a
    while root.parent is not None:
        root = root.parent
    for d in walk(root):
        if d.type != "array_declarator" or node_text(d.child_by_field_name("declarator") or d) != name:
            continue
        decl = d.parent.parent if d.parent is not None and d.parent.type == "init_declarator" else d.parent
        t = decl.child_by_field_name("type") if decl is not None and decl.type == "declaration" else None
        size = d.child_by_field_name("size")
        if t is None or size is None:
            return None
        return " ".join(w for w in node_text(t).split() if w not in ("const", "volatile")), node_text(size)
    return None
