"""Rule local-buffer-call (issue 15): a call of a C library function given a buffer (libfns.Buffer) is
checked, so a safe fn may make it in an `unsafe` block, when each buffer argument is the caller's own:

- `&x` of a local that is not static, or of a by-value parameter (the builtin's `let mut x = x;`), or a
  local array `x` (decayed), possibly cast to another pointer type (the extent stays x's);
- of at least the extent the contract reads or writes: the count argument is a constant (a literal, an
  object-like macro, `sizeof x` of that same object) no larger than x's size in bytes (or, for a count of
  `void *` elements, than the length of x, an array of pointers), or, for one object, x is of its type;
- and, when the function writes it, x's elements take any bits: integers, floats, raw pointers (a count
  in bytes), or the very type the contract writes (a `struct timespec` of integers).

Why it is sound: such an x is live for the whole call (a local of the calling frame, which the Rust keeps
as a local place it takes the address of), holds at least the bytes the function may touch, and ends up
holding valid values of its Rust type whatever the function writes; the function touches no other memory
of the program (libfns: each entry names its contract). Anything else (a pointer loaded from a global or a
struct, a parameter pointer, an extent no constant bounds, a call through a function pointer) keeps the
call unchecked, so its function stays an unsafe fn.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from llmigrate.core import Codebase
from llmigrate.signatures import libresults
from llmigrate.signatures.cformat import Types
from llmigrate.signatures.libfns import Buffer, LibFn
from llmigrate.signatures.proof import node_text, op, unparen

_SIZES = {"i8": 1, "u8": 1, "i16": 2, "u16": 2, "i32": 4, "u32": 4, "f32": 4, "i64": 8, "u64": 8, "f64": 8,
          "isize": 8, "usize": 8}
_ARRAY = re.compile(r"(?P<elem>[^\[\]]*?)\s*\[(?P<dim>[^\[\]]+)\]")


def valid(a: Node, buf: Buffer, args: list[Node], kind: Callable[[str], str | None], types: Types) -> bool:
    """`a` (argument `buf.at` of a call with arguments `args`) is a buffer of the caller's own, of the
    extent the contract touches (NULL is the caller's business: cstr.checked_call tests it first)."""
    if not buf.object and buf.count is None:
        return False  # only NULL is allowed there
    name = _own(a, kind, types)
    c_type = types.names.get(name or "", "")
    if not c_type:
        return False
    if buf.count is None:
        return _bare(c_type) == buf.object
    extent = _extent(c_type, buf, types.codebase)
    count = _constant(args[buf.count], name, extent, types) if buf.count < len(args) else None
    return extent is not None and count is not None and 0 <= count <= extent


def declared(lib: LibFn, types: Types) -> bool:
    """The body's file includes the header declaring `lib`, itself or through headers of SRC: a call of an
    undeclared function (C89's implicit `int f()`) passes its arguments unconverted, outside the contract."""
    includes, seen, todo = types.codebase.includes, set(), [types.file]
    while todo:
        f = todo.pop()
        if f in seen:
            continue
        seen.add(f)
        for name in includes.get(f, []):
            if name == f"<{lib.header}>":
                return True
            inner = name.strip('"<>')
            todo += [g for g in includes if g == inner or g.endswith("/" + inner)]
    return False


def _own(a: Node, kind: Callable[[str], str | None], types: Types) -> str | None:
    """The local `a` points at: `&x` of a non-static local or by-value parameter, or a local array `x`."""
    a = unparen(a)
    while a is not None and a.type == "cast_expression" and "*" in node_text(a.child_by_field_name("type")):
        a = unparen(a.child_by_field_name("value"))
    if a is not None and a.type == "pointer_expression" and op(a) == "&":
        x = unparen(a.child_by_field_name("argument"))
        name = node_text(x) if x is not None and x.type == "identifier" else ""
        own = kind(name)
        by_value = own is not None and own.startswith("param:") and not re.search(r"[*\[]", types.names.get(
            name, "*"))
        return name if own in ("value", "array") or by_value else None
    name = node_text(a) if a is not None and a.type == "identifier" else ""
    return name if kind(name) == "array" else None


def _bare(c_type: str) -> str:
    return " ".join(w for w in c_type.split() if w not in ("volatile", "const"))


def _extent(c_type: str, buf: Buffer, codebase: Codebase) -> int | None:
    """The size of an object of `c_type` in bytes (in `void *` elements for `buf.pointers`), None when it is
    not known or its elements cannot take what the function may write."""
    from llmigrate.signatures.mapper import array_dim, c_type_to_rust

    m = _ARRAY.fullmatch(c_type.strip())
    elem, n = (m["elem"], array_dim(m["dim"], codebase)) if m else (c_type, 1)
    if n is None or "[" in elem:
        return None
    rust = c_type_to_rust(_bare(elem), codebase)
    if buf.pointers:
        return n if rust.startswith("*") else None
    size = _SIZES.get(rust)
    return n * size if size is not None else None


def object_bytes(c_type: str, codebase: Codebase) -> int | None:
    """The size in bytes of an object of `c_type` (a scalar, or a one-dimensional array of scalars), None
    when it is not known."""
    return _extent(c_type, Buffer(0, count=0), codebase)


def _constant(n: Node, name: str, extent: int | None, types: Types, depth: int = 0) -> int | None:
    """The bound of a count: a constant, `sizeof x` (`sizeof(x)`) of the buffer `x` itself, or a local set
    once from a call whose result never exceeds a count of those (`n = backtrace(x, 50)`: libresults.py)."""
    from llmigrate.signatures.mapper import array_dim

    n = unparen(n)
    if n is None:
        return None
    if n.type == "sizeof_expression":
        operand = unparen(n.child_by_field_name("value"))
        return extent if operand is not None and node_text(operand) == name else None
    if n.type not in ("number_literal", "identifier"):
        return None
    value = array_dim(node_text(n), types.codebase)
    if value is None and n.type == "identifier" and depth < 4 and node_text(n) in types.names:
        bound = libresults.bounding_argument(libresults.set_once(types.body, node_text(n)))
        value = _constant(bound, name, extent, types, depth + 1) if bound is not None else None
    return value
