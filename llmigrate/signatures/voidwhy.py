"""Why a `void *` parameter that no view types stays raw (issue 15): the first use that stops it.

"pointee is void (any object)" alone says only that no rule of voids.py typed the pointer; what keeps it
raw is a use: a user-data pointer stored into a struct or a global (`node->key = key`), handed to a callback
through a function pointer (`compar(a, b, arg)`, `tree->cmp(key, k)`), passed on to a callee of SRC whose
own `void *` stays raw, given to memcpy/memcmp with a count rule byte-count cannot follow (`cbt->len`), or
stepped and compared as an address (`(element - base) / size`), or a byte cursor rule byte-cursor proves
(bytecursor.py) whose reads the builtin cannot yet write (cursorslice.py). So the reason names the use
after the bucket, `pointee is void (any object): stored`, and a table of raw reasons tells the opaque
pointers that must stay raw from the byte buffers a rule might prove. Only the text of the reason changes:
the parameter stays raw either way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.bytecursor import cursor
from llmigrate.signatures.kinds import resolve, split
from llmigrate.signatures.proof import _null_test, declares, is_field, node_text, use_kind, walk, within
from llmigrate.signatures.voidbytes import CALLS, _counted_use, _fixed_unsigned

VOID = "pointee is void (any object)"
CALLBACK = "passed to a function pointer"
STORED = "stored"
COUNTED = "given to memcpy/memmove/memset/memcmp with a count that is no unchanged unsigned parameter"
CURSOR = "a byte cursor rule byte-cursor proves in bounds, which the builtin does not translate yet"


@dataclass(frozen=True)
class Names:
    """What the names a use meets stand for."""

    variables: frozenset[str]  # the function's parameters and the locals its body declares
    globals: frozenset[str]  # SRC's global variables
    functions: frozenset[str]  # SRC's functions and prototypes


def reason(fn: CFunction, name: str, c_type: str, uses: list[Node] | None, body: Node, codebase: Codebase,
           callee_convs: Callable[[str, int], str | None]) -> str | None:
    """The reason `void *` parameter `name` stays raw, naming its first use no rule covers; None when the
    parameter is no `void *` (`unborrowable` then says what its pointee is)."""
    base, depth, _ = split(c_type)
    if depth != 1 or resolve(base, codebase) != "void":
        return None
    if cursor(fn, name, body, codebase) is not None:
        return f"{VOID}: {CURSOR}"  # its proof stands (bytecursor.py); only its Rust is missing
    sizeofs = [k for k in walk(body) if k.type == "sizeof_expression"]
    names = Names(frozenset({q.name for q in fn.params} |
                            {node_text(n) for n in walk(body) if n.type == "identifier" and declares(n)}),
                  frozenset(codebase.globals),
                  frozenset({f.name for f in codebase.functions.values()} | set(codebase.prototypes)))
    for n in uses or ():
        if _null_test(n) or any(within(n, k) for k in sizeofs) or _counts(fn, n, body, codebase):
            continue  # a NULL test or `sizeof p` asks nothing of the pointee; rule byte-count takes a count
        return f"{VOID}: {_kind(n, names, callee_convs)}"
    return VOID  # each use alone fits a rule, all of them together none (two counts, two types)


def _counts(fn: CFunction, n: Node, body: Node, codebase: Codebase) -> bool:
    """`n` is a use rule byte-count accepts alone: an operand of a counted call whose count is an unsigned
    parameter the body never changes."""
    found = _counted_use(n)
    return found is not None and _fixed_unsigned(fn, found.count, body, codebase)


def _kind(n: Node, names: Names, callee_convs: Callable[[str, int], str | None]) -> str:
    """What use `n` of the pointer does: stored, passed to a callback or a counted call, or the generic
    use kind (proof.use_kind)."""
    v = _climb(n)  # `(void *)key`, `(const char *)key`: the same address, whatever it is cast to
    p = v.parent
    if p is not None and p.type == "assignment_expression" and is_field(v, p, "right") and \
            _stores(p.child_by_field_name("left"), names):
        return STORED
    if p is not None and p.type in ("init_declarator", "assignment_expression"):
        return use_kind(v)  # `char *b = (char *)base;`: copied, whatever the pointer type
    if p is None or p.type != "argument_list":
        return use_kind(n)
    f = p.parent.child_by_field_name("function") if p.parent is not None else None
    callee = node_text(f) if f is not None and f.type == "identifier" else None
    if callee is None or callee not in names.functions and callee in names.variables | names.globals:
        return CALLBACK  # `t->cmp(a, b)`, `compar(a, b, arg)`: whatever function C stored there
    if callee in CALLS and callee not in names.functions and \
            (not CALLS[callee][2] or p.parent.parent.type == "expression_statement"):
        return COUNTED  # memcpy's value used instead: its destination passed on, outside SRC
    args = [a for a in p.named_children if a.type != "comment"]
    at = next((i for i, a in enumerate(args) if a.id == v.id), None)
    return use_kind(v, callee_convs(callee, at) if at is not None else None)


def _climb(n: Node) -> Node:
    """`n` with the parentheses and pointer casts around it."""
    while n.parent is not None and (n.parent.type == "parenthesized_expression" or
                                    n.parent.type == "cast_expression" and is_field(n, n.parent, "value")
                                    and "*" in node_text(n.parent.child_by_field_name("type"))):
        n = n.parent
    return n


def _stores(left: Node | None, names: Names) -> bool:
    """An assignment to `left` keeps the pointer beyond the call: a member, an element, `*q`, a global."""
    if left is not None and left.type == "identifier":
        return node_text(left) in names.globals and node_text(left) not in names.variables
    return left is not None and left.type in ("field_expression", "subscript_expression",
                                              "pointer_expression")
