"""The values a store may put in an owned member (signatures_owned): memory that never lay inside a struct.

An allocator's result is a new object, disjoint from every object that existed before; a string literal is an
array of its own; NULL points nowhere. A pointer computed from one of those stays in the same object: `p + k`,
`&p[k]`, `p - k` (C11 6.5.6p8: arithmetic never leaves the array object), and what strchr and its kin return
(NULL or a pointer into the buffer their first argument points into). So a member whose every store is one of
these, or a copy of a member proven the same way (`a->m = b->m`, the greatest fixpoint over the members
owned.py tracks), only ever points into such buffers, never into a struct. Asked for memory new in the call
(`new_only`: signatures_freshwrites), realloc counts only on such a buffer: on another it may return that
buffer, which existed before. A local counts when each of its
stores does: its initialiser, its assignments, and `getline(&line, ...)`, which stores a buffer from
malloc/realloc there (POSIX). A parameter never counts: its first value is the caller's.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.core import Codebase
from llmigrate.signatures.kinds import is_scalar, split
from llmigrate.signatures.proof import node_text, op, walk
from llmigrate.signatures.scopes import meanings

ALLOCATORS = {"malloc", "calloc", "realloc", "strdup", "strndup", "reallocarray", "aligned_alloc"}
_MOVERS = {"realloc", "reallocarray"}  # may return the buffer they are given, grown in place
NULLS = {"NULL", "0", "0L", "((void*)0)", "(void*)0", "nullptr", "'\\0'"}  # '\0': an int constant 0
# C library functions returning NULL or a pointer into the buffer their first argument points into; strtok
# too, but only when its first argument is that buffer (with NULL it continues a string of earlier calls)
_INTO_FIRST = {"strchr", "strrchr", "strstr", "strpbrk", "memchr", "memrchr", "strchrnul", "rawmemchr",
               "strtok"}
_GETTERS = {"getline", "getdelim"}  # store malloc/realloc's buffer in `*lineptr`, their first argument
_LITERALS = ("string_literal", "concatenated_string")  # a static array of its own, inside no struct


def fresh_value(n: Node | None, fresh: set[str], members: frozenset[str] = frozenset(),
                new_only: bool = False) -> bool:
    """`n` is an allocator's result, NULL, a string literal, a local of `fresh`, a member of `members`, or
    a pointer computed within one of those (through parentheses and casts; arithmetic only uncast, so a
    difference of pointers made an integer and cast back is no pointer into the buffer); `new_only`: a
    realloc only of such a value."""
    n, cast = _unwrapped(n)
    if n is None:
        return False
    if n.type == "call_expression":
        return _fresh_call(n, fresh, members, new_only)
    if n.type == "binary_expression" and op(n) in ("+", "-") and not cast:
        left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
        a, b = fresh_value(left, fresh, members, new_only), fresh_value(right, fresh, members, new_only)
        return a and not b or op(n) == "+" and b and not a  # a pointer and an integer: within the pointer's
    if n.type == "pointer_expression" and op(n) == "&":
        inner = _unwrapped(n.child_by_field_name("argument"))[0]
        return inner is not None and inner.type == "subscript_expression" and \
            fresh_value(inner.child_by_field_name("argument"), fresh, members, new_only)
    if n.type == "conditional_expression":
        return all(fresh_value(n.child_by_field_name(k), fresh, members, new_only)
                   for k in ("consequence", "alternative"))
    if n.type == "field_expression":
        return node_text(n.child_by_field_name("field")) in members
    text = re.sub(r"\s", "", node_text(n))
    return text in NULLS or n.type in _LITERALS or n.type == "identifier" and text in fresh


def _fresh_call(call: Node, fresh: set[str], members: frozenset[str], new_only: bool) -> bool:
    name = node_text(call.child_by_field_name("function"))
    args = _args(call)
    if name in _MOVERS and new_only:  # may return its argument's buffer
        return bool(args) and fresh_value(args[0], fresh, members, new_only)
    if name in ALLOCATORS:
        return True
    if name not in _INTO_FIRST or not args:
        return False
    if name == "strtok" and re.sub(r"\s", "", node_text(args[0])) in NULLS:
        return False  # continues the string an earlier call (maybe outside SRC) began
    return fresh_value(args[0], fresh, members, new_only)


def fresh_locals(body: Node, params: set[str], codebase: Codebase, members: frozenset[str] = frozenset(),
                 new_only: bool = False) -> set[str]:
    """Locals whose every store is a fresh value (fresh_value, with these locals: the greatest set), never a
    parameter nor a global; `+=`/`-=` move within the buffer, and `&x` lets anything be stored unless it is
    getline's (which reallocs only what the local holds)."""
    stores: dict[str, list[Node | None]] = {}
    for n in walk(body):
        if n.type == "init_declarator":
            stores.setdefault(_declared(n.child_by_field_name("declarator")), []).append(
                n.child_by_field_name("value"))
        elif n.type == "assignment_expression" and n.child_by_field_name("left").type == "identifier":
            if op(n) not in ("+=", "-="):
                stores.setdefault(node_text(n.child_by_field_name("left")), []).append(
                    n.child_by_field_name("right") if op(n) == "=" else None)
        elif n.type == "pointer_expression" and op(n) == "&" and not _getline_target(n):
            stores.setdefault(node_text(n.child_by_field_name("argument")), []).append(None)
    # a global may be stored anything elsewhere; a pointer to a record may be the struct (`(char *)b`); a
    # name some occurrence of which is no local's (a global or parameter where an inner block's local of
    # its name is out of scope: scopes.py) is not the local's there
    found = {k for k in set(stores) & _scalar_pointer_locals(body, codebase) - params
             if None not in meanings(body, k)}
    while bad := {name for name in found
                  if not all(fresh_value(v, found, members, new_only) for v in stores[name])}:
        found -= bad
    return found


def _scalar_pointer_locals(body: Node, codebase: Codebase) -> set[str]:
    """The locals the body declares as pointers to scalars (`char *s`, `uint8_t *p`); a pointer to a record
    (or `void *`) may hold a struct's address, even a fresh struct's (`b->data = (char *)b`)."""
    out = set()
    for n in walk(body):
        if n.type != "declaration" or \
                not is_scalar(split(node_text(n.child_by_field_name("type")))[0], codebase):
            continue
        for d in n.children_by_field_name("declarator"):
            d = d.child_by_field_name("declarator") if d.type == "init_declarator" else d
            if d.type == "pointer_declarator" and d.child_by_field_name("declarator").type == "identifier":
                out.add(_declared(d))
    return out


def _getline_target(amp: Node) -> bool:
    """`&x` is the first argument of getline/getdelim (which store an allocator's buffer in x)."""
    args = amp.parent
    call = args.parent if args is not None and args.type == "argument_list" else None
    return call is not None and call.type == "call_expression" and \
        node_text(call.child_by_field_name("function")) in _GETTERS and _args(call)[0].id == amp.id


def _args(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    return [a for a in args.named_children if a.type != "comment"] if args is not None else []


def _declared(n: Node | None) -> str:
    while n is not None and n.type == "pointer_declarator":
        n = n.child_by_field_name("declarator")
    return node_text(n) if n is not None else ""


def _unwrapped(n: Node | None) -> tuple[Node | None, bool]:
    """`n` without parentheses and casts around it, and whether a cast was among them."""
    cast = False
    while n is not None and n.type in ("parenthesized_expression", "cast_expression"):
        cast |= n.type == "cast_expression"
        n = n.child_by_field_name("value") if n.type == "cast_expression" else \
            (n.named_children[0] if n.named_children else None)
    return n, cast
