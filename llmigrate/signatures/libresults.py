"""Rule library-result (issue 15): a local holding what a C library function returns under a contract that
fixes the result's extent, read only within it.

`char **x = f(.., n, ..);` where f's documented result (libfns.LibFn.elements) is NULL or an array of `n`
pointers to NUL-terminated strings in one allocation the caller owns (backtrace_symbols), and every other use
of `x` in the body is an element read `x[i]` (not written, not addressed, not passed on, never freed), is a
slice in the Rust: the builtin tests the result for NULL (a panic where the C would go on to read through
NULL, which is undefined) and makes `&[*mut c_char]` of `n` elements (0 for a negative count), so each
`x[i]` is a bounds-checked read (a panic where the C would read past the array, undefined too). As the
allocation is never freed nor handed on, the slice stays valid for the rest of the call. An element is a
NUL-terminated string by the same contract, so a checked C library call may read it as one (a printf `%s`).

The count a buffer-taking call reads may also be a local set once from a function whose result never exceeds
one of its arguments (libfns.LibFn.at_most: `backtrace` returns at most its size), never assigned again nor
addressed: its bound is then that argument's (rule local-buffer-call, buffered.py).
"""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from llmigrate.signatures import libfns
from llmigrate.signatures.proof import (
    address_taken_or_sizeof,
    declares,
    is_write,
    node_text,
    unparen,
    up,
    walk,
)
from llmigrate.signatures.treewalk import identifiers

RULE = "library-result"
WHY = ("is NULL (tested: a panic, where the C's read through NULL is undefined) or an array of as many "
       "pointers to NUL-terminated strings as its count argument says, one allocation the function never "
       "frees nor hands on: a slice of that length, indexed bounds-checked")
KIND = "library-strings"  # the scan's local kind (soundness.py) for such a local


def counted(body: Node | None, params: set[str]) -> dict[str, tuple[str, Node]]:
    """Local name -> (the library function, its count argument) for each local of rule library-result (not
    named like one of `params`: a use of the name may then be the parameter's)."""
    found: dict[str, tuple[str, Node]] = {}
    for d in walk(body) if body is not None else ():
        if d.type != "init_declarator":
            continue
        name, call = _pointer_pointer(d.child_by_field_name("declarator")), unparen(d.child_by_field_name(
            "value"))
        spec = _contract(call)
        if name is None or spec is None or name in params:
            continue
        count = _call_args(call)[spec[1]]
        uses = _uses(body, name)
        if uses is not None and count.type in ("identifier", "number_literal") and \
                all(_element_read(u) for u in uses):
            found[name] = (spec[0], count)
    return found


def set_once(body: Node | None, name: str) -> Node | None:
    """The value a local `name` is initialised with when it is never assigned, incremented nor addressed
    afterwards, else None."""
    uses = _uses(body, name) if body is not None else None
    if not uses or any(is_write(u) or address_taken_or_sizeof(u) for u in uses):
        return None
    inits = [d for d in walk(body) if d.type == "init_declarator" and
             (n := d.child_by_field_name("declarator")) is not None and n.type == "identifier" and
             node_text(n) == name]
    return unparen(inits[0].child_by_field_name("value")) if len(inits) == 1 else None


def bounding_argument(value: Node | None) -> Node | None:
    """The argument a call's result never exceeds (libfns.LibFn.at_most), or None."""
    call = value is not None and value.type == "call_expression"
    f = value.child_by_field_name("function") if call else None
    spec = libfns.TABLE.get(node_text(f)) if f is not None and f.type == "identifier" else None
    args = _call_args(value) if spec is not None and spec.at_most is not None else []
    return args[spec.at_most] if spec is not None and len(args) == spec.arity else None


def _uses(body: Node, name: str) -> list[Node] | None:
    """The uses of a local `name`, or None unless the body declares it exactly once."""
    found = identifiers(body).get(name, ())
    uses = [n for n in found if not declares(n)]
    return uses if len(found) - len(uses) == 1 else None


def _contract(call: Node | None) -> tuple[str, int] | None:
    f = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    spec = libfns.TABLE.get(node_text(f)) if f is not None and f.type == "identifier" else None
    if spec is None or spec.elements is None or len(_call_args(call)) != spec.arity:
        return None
    return node_text(f), spec.elements


def _call_args(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    return [a for a in args.named_children if a.type != "comment"] if args is not None else []


def _pointer_pointer(d: Node | None) -> str | None:
    """The name `**x` declares (a pointer to pointers), or None."""
    if d is None or d.type != "pointer_declarator":
        return None
    inner = d.child_by_field_name("declarator")
    inner = inner.child_by_field_name("declarator") if inner is not None and \
        inner.type == "pointer_declarator" else None
    return node_text(inner) if inner is not None and inner.type == "identifier" else None


def _element_read(n: Node) -> bool:
    """`n` (a use of the local) is the array of `n[i]`, and that element is only read."""
    p = up(n)
    array = unparen(p.child_by_field_name("argument")) if p is not None and p.type == "subscript_expression" \
        else None
    if array is None or array.id != n.id:
        return False
    return not is_write(p) and not address_taken_or_sizeof(p)


def element_string(a: Node | None, kind: Callable[[str], str | None]) -> bool:
    """`a` is `x[i]` of a local of rule library-result (`kind` gives a name's scan kind): a NUL-terminated
    string by the library's contract, read bounds-checked from the slice."""
    a = unparen(a)
    base = unparen(a.child_by_field_name("argument")) if a is not None and a.type == "subscript_expression" \
        else None
    return base is not None and base.type == "identifier" and kind(node_text(base)) == KIND
