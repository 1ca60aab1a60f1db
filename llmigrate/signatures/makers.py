"""Functions of SRC that return a new object: every `return` gives NULL or memory an allocator made during
the call (a constructor, `node_t *new_node(...)`), so a caller's pointer to it leads into no object that
existed before the call.

A returned value counts when it is NULL, the result of a call of an allocator that makes a new object
(malloc, calloc, strdup, ...; realloc only of such a value, as otherwise it may hand back the buffer it was
given, which existed before), the result of another maker (the least fixpoint: a cycle of makers with no
allocation in it makes nothing), or a local whose every store is one of these (initialiser and `=`; `+=`/`-=`
and `++`/`--` move within the object) and whose address is never taken (`&x` lets a callee store anything
there), each declaration its own local, never a static one. Casts and parentheses around a value keep it.
What the maker stores into the new object, or where else it keeps a pointer to it, does not matter to a
caller that follows its members by name (follows.py): the object is disjoint from every parameter's pointee,
and what its members lead to is counted when they are followed. A body is read with SRC's macros expanded
when it uses one; one read neither way makes no maker, nor does a weak definition (another may replace it at
link time), nor a name several functions of SRC share unless each is a maker.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.contained import opaque_macros
from llmigrate.signatures.derived import ALLOCATORS, NULLS
from llmigrate.signatures.expand import expanded_body
from llmigrate.signatures.kinds import is_pointer
from llmigrate.signatures.memo import per_codebase
from llmigrate.signatures.named import functions_named
from llmigrate.signatures.proof import body_of, node_text, op, walk
from llmigrate.signatures.scopes import bindings

_MOVERS = {"realloc", "reallocarray"}  # may return the buffer they are given, grown in place
_NEW = ALLOCATORS - _MOVERS


@per_codebase(watch=lambda codebase: len(codebase.functions))
def makers(codebase: Codebase) -> frozenset[str]:
    """Names of SRC's functions (every function of that name) that return only NULL or a new object."""
    read = {fid: _read(fn, codebase) for fid, fn in codebase.functions.items()
            if returns_pointer(fn, codebase)}
    bodies = {fid: body for fid, body in read.items() if body is not None}
    return least_names(codebase, lambda fid, found: fid in bodies and _returns_new(bodies[fid], found))


def least_names(codebase: Codebase, holds: Callable[[str, frozenset[str]], bool]) -> frozenset[str]:
    """The least set of function names each of whose functions `holds(id, the set)`, for a `holds` that only
    grows with the set: a function is asked again only when a function it calls joined the set."""
    named, found = functions_named(codebase), frozenset()
    callers: dict[str, set[str]] = {}
    for fn in codebase.functions.values():
        for c in fn.callees:
            callers.setdefault(c, set()).add(fn.name)
    todo = set(named)
    while todo:
        new = {name for name in todo - found if all(holds(f, found) for f in named[name])}
        found |= new
        todo = {caller for name in new for f in named[name] for caller in callers.get(f, ())}
    return found


def is_new(n: Node | None, makers_: frozenset[str] | set[str], fresh: Callable[[Node], bool]) -> bool:
    """`n` is NULL, a new object's pointer (an allocator's or a maker's result, realloc of such a value), or
    an identifier `fresh` accepts, through parentheses and casts."""
    while n is not None and n.type in ("parenthesized_expression", "cast_expression"):
        n = n.child_by_field_name("value") if n.type == "cast_expression" else \
            (n.named_children[0] if n.named_children else None)
    if n is None:
        return False
    if n.type == "call_expression":
        name = node_text(n.child_by_field_name("function"))
        args = n.child_by_field_name("arguments")
        first = next((a for a in args.named_children if a.type != "comment"), None) if args else None
        return name in _NEW or name in makers_ or name in _MOVERS and is_new(first, makers_, fresh)
    if n.type == "assignment_expression" and op(n) == "=":  # `if (!(x = malloc(n)))`: the value stored
        return is_new(n.child_by_field_name("right"), makers_, fresh)
    return re.sub(r"\s", "", node_text(n)) in NULLS or n.type == "identifier" and fresh(n)


def new_locals(body: Node, makers_: frozenset[str] | set[str]) -> Callable[[Node], bool]:
    """Whether an identifier of `body` names a local whose every store is NULL or a new object (is_new, such
    locals counting: the greatest set) and whose address is never taken. Each declaration is its own local
    (blocks may declare the same name again: scopes.bindings); a static one keeps an earlier call's object,
    and a parameter or a global is none (its first value is not this call's)."""
    where = bindings(body)
    stores: dict[int, list[Node | None]] = {}
    for n in walk(body):
        if n.type == "init_declarator" and (d := _identifier(n.child_by_field_name("declarator"))):
            stores.setdefault(d.id, []).append(n.child_by_field_name("value"))
        elif n.type == "assignment_expression" and op(n) not in ("+=", "-=") and \
                (d := where.get(n.child_by_field_name("left").id)) is not None:
            stores.setdefault(d.id, []).append(n.child_by_field_name("right") if op(n) == "=" else None)
        elif n.type == "pointer_expression" and op(n) == "&" and \
                (d := where.get(n.child_by_field_name("argument").id)) is not None:
            stores.setdefault(d.id, []).append(None)
    found = set(stores) & _pointer_locals(body)

    def fresh(n: Node) -> bool:
        return (d := where.get(n.id)) is not None and d.id in found
    while bad := {k for k in found if not all(is_new(v, makers_, fresh) for v in stores[k])}:
        found -= bad
    return fresh


def _pointer_locals(body: Node) -> set[int]:
    """The declarator identifiers (node ids) of the plain pointers the body declares, but in a `static` (or
    `extern`) declaration."""
    out: set[int] = set()
    for n in walk(body):
        if n.type != "declaration":
            continue
        if any(c.type == "storage_class_specifier" and node_text(c) in ("static", "extern")
               for c in n.children):
            continue
        for d in n.children_by_field_name("declarator"):
            d = d.child_by_field_name("declarator") if d.type == "init_declarator" else d
            if d is not None and d.type == "pointer_declarator" and (ident := _identifier(d)) is not None:
                out.add(ident.id)
    return out


def _returns_new(body: Node, makers_: set[str]) -> bool:
    returns = [n for n in walk(body) if n.type == "return_statement"]
    fresh = new_locals(body, makers_)
    return bool(returns) and all(r.named_children and is_new(r.named_children[0], makers_, fresh)
                                 for r in returns)


def returns_pointer(fn: CFunction, codebase: Codebase) -> bool:
    """`fn` returns a data pointer (also through a typedef of one): only such a function's result is a
    pointer a caller may hold without a cast, which the rules on casts then judge."""
    return is_pointer(fn.return_type, codebase)


def weak(fn: CFunction, codebase: Codebase) -> bool:
    """`fn` is a weak definition (`__attribute__((weak))`, maybe through a macro): the program may link
    another in its place, so what its body does says nothing of the calls."""
    head = fn.source.split("{", 1)[0] + " ".join(codebase.macros[m].body for m in fn.macros_used
                                                if m in codebase.macros)
    return re.search(r"\bweak\b|__weak__", head) is not None


def _read(fn: CFunction, codebase: Codebase) -> Node | None:
    """The body with SRC's macros expanded when it uses one (else as written; None when neither reads it
    faithfully); None too for a weak definition, which the program may replace by another at link time."""
    if weak(fn, codebase):
        return None
    wide = expanded_body(fn, codebase) if fn.macros_used else None
    if wide is not None:
        return wide
    return None if opaque_macros(fn, codebase) else body_of(fn)


def _identifier(n: Node | None) -> Node | None:
    """The identifier a plain pointer's (or plain variable's) declarator declares."""
    while n is not None and n.type == "pointer_declarator":
        n = n.child_by_field_name("declarator")
    return n if n is not None and n.type == "identifier" else None
