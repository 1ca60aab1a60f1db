"""Whether a pointer into an owned buffer may become a pointer to something other than scalars (owned.py).

An owned member's buffer is disjoint from every struct as long as no struct is ever made in it; making one
takes a pointer into the buffer converted to a pointer to a record: a cast, or a `void *` it passes through
(converted to any object pointer without a cast). So a member stays owned only while each value read from it,
and each fresh local feeding it, goes only where its type stays a pointer to scalars: a cast to one, a local,
parameter, global or member of such a type, a function of SRC taking such a parameter, a C library function
that hands it to no callback (qsort's comparator gets `void *`), a return from a function returning one;
through arithmetic and conditionals, which keep it a pointer into the same buffer.
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.kinds import fields, is_scalar, split
from llmigrate.signatures.proof import body_of, node_text, op, unparen, up, walk

# C library functions that pass a pointer argument on to a function pointer argument, as `void *`
_CALLBACKS = {"qsort", "qsort_r", "bsearch", "lfind", "lsearch", "tsearch", "tfind", "tdelete", "twalk",
              "pthread_create", "thrd_create", "on_exit", "pthread_once", "call_once"}

SORTERS = {"qsort": 3, "qsort_r": 3, "bsearch": 4}  # where their comparator is among the arguments


def scalar_pointer(c_type: str, codebase: Codebase) -> bool:
    """`c_type` is a pointer to a scalar (`char *`, `const uint8_t *`), of one level."""
    base, depth, _ = split(c_type)
    return "(" not in c_type and "[" not in c_type and depth == 1 and is_scalar(base, codebase)


def retyped(n: Node, fn: CFunction, locals_: dict[str, str], codebase: Codebase) -> bool:
    """The pointer value at `n` may become a pointer to other than scalars where it goes; `locals_`: the
    body's locals and their types (None-free: a name not there is a parameter or a global)."""
    p = up(n)
    while p is not None and (p.type == "binary_expression" and op(p) in ("+", "-") or
                             p.type == "conditional_expression" and
                             unparen(p.child_by_field_name("condition")).id != unparen(n).id):
        n, p = p, up(p)
    if p is None:
        return False
    if p.type == "cast_expression":  # to an integer: out of the pointers this follows (as C's provenance)
        cast = node_text(p.child_by_field_name("type"))
        return "*" in cast and not scalar_pointer(cast, codebase)
    if p.type == "argument_list":
        index = [a.id for a in p.named_children if a.type != "comment"].index(_outer(n).id)
        return _passed(p.parent, index, fn, codebase)
    if p.type == "init_declarator":
        return _value_of(p, n) and not scalar_pointer(locals_.get(_name(p), ""), codebase)
    if p.type == "assignment_expression":
        return _value_of(p, n) and not _scalar_target(p.child_by_field_name("left"), fn, locals_, codebase)
    if p.type == "return_statement":
        return not scalar_pointer(fn.return_type, codebase)
    return p.type in ("initializer_list", "initializer_pair", "compound_literal_expression")


def retyped_locals(body: Node, fn: CFunction, locals_: dict[str, str], codebase: Codebase) -> set[str]:
    """The locals of pointer to scalar type (those that may hold a pointer into a buffer) some value of which
    may become a pointer to other than scalars: directly (retyped), or stored into such a local."""
    pointers = {name for name, t in locals_.items() if scalar_pointer(t, codebase)}  # others hold no buffer
    found = {node_text(n) for n in walk(body) if n.type == "identifier" and node_text(n) in pointers and
             retyped(n, fn, locals_, codebase)}
    while more := {node_text(n) for v in stored_in(body, found) for n in walk(v)
                   if n.type == "identifier" and node_text(n) in pointers} - found:
        found |= more
    return found


def stored_in(body: Node, names: set[str]) -> list[Node]:
    """The values the body stores in the locals `names` (initialisers and assignments)."""
    out = []
    for n in walk(body):
        if n.type == "init_declarator" and _name(n) in names:
            out.append(n.child_by_field_name("value"))
        elif n.type == "assignment_expression" and node_text(unparen(n.child_by_field_name("left"))) in names:
            out.append(n.child_by_field_name("right"))
    return [v for v in out if v is not None]


def local_types(body: Node) -> dict[str, str]:
    """The locals `body` declares, with their types (`char *`; an array `char [...]`, never a pointer)."""
    out = {}
    for n in _declarations(body):
        base = node_text(n.child_by_field_name("type"))
        for d in n.children_by_field_name("declarator"):
            d = d.child_by_field_name("declarator") if d.type == "init_declarator" else d
            stars = ""
            while d is not None and d.type == "pointer_declarator":
                stars, d = stars + "*", d.child_by_field_name("declarator")
            if d is not None:
                out[node_text(d) if d.type == "identifier" else _name_in(d)] = \
                    f"{base} {stars}" if d.type == "identifier" else f"{base} [...]"
    return out


def _declarations(body: Node):
    stack = [body]
    while stack:
        n = stack.pop()
        if n.type == "declaration":
            yield n
        stack.extend(n.children)


def _name_in(d: Node) -> str:
    """The name an array or function declarator declares."""
    while d.child_by_field_name("declarator") is not None:
        d = d.child_by_field_name("declarator")
    return node_text(d)


def _passed(call: Node, index: int, fn: CFunction, codebase: Codebase) -> bool:
    """An argument at `index` of `call` may become a pointer to other than scalars in the callee."""
    name = node_text(call.child_by_field_name("function"))
    callee = codebase.functions.get(name) or codebase.prototypes.get(name)  # SRC's, or a library's
    if callee is not None:
        return index >= len(callee.params) or not scalar_pointer(callee.params[index].type, codebase)
    if name in _CALLBACKS:
        return not _compared_as_scalars(call, name, codebase)
    return name not in fn.external_calls  # a call through a function pointer, which may take anything


def _compared_as_scalars(call: Node, name: str, codebase: Codebase) -> bool:
    """The call is qsort's or bsearch's with a comparator of SRC that makes the `void *` pointers it gets
    (into the buffer) pointers to scalars only (retyped, on its own body)."""
    args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
    at = SORTERS.get(name)
    cmp = codebase.functions.get(node_text(args[at])) if at is not None and len(args) > at else None
    body = body_of(cmp) if cmp is not None else None
    if body is None:
        return False
    locals_ = local_types(body)
    return not any(n.type == "identifier" and node_text(n) in {p.name for p in cmp.params[:2]} and
                   retyped(n, cmp, locals_, codebase) for n in walk(body))


def _scalar_target(left: Node, fn: CFunction, locals_: dict[str, str], codebase: Codebase) -> bool:
    """The assignment target `left` has a pointer to scalars as its type."""
    left = unparen(left)
    if left.type == "identifier":
        return scalar_pointer(_type_of(node_text(left), fn, locals_, codebase), codebase)
    if left.type == "field_expression":
        name = node_text(left.child_by_field_name("field"))
        found = [f.type for t in codebase.types.values() for f in fields(t) if f.name == name]
        return bool(found) and all(scalar_pointer(t, codebase) for t in found)
    return False  # through a pointer to pointers: of whatever type


def _type_of(name: str, fn: CFunction, locals_: dict[str, str], codebase: Codebase) -> str:
    if name in locals_:
        return locals_[name]
    param = next((p for p in fn.params if p.name == name), None)
    if param is not None:
        return param.type
    g = codebase.globals.get(name)
    return g.type if g is not None else ""


def _value_of(p: Node, n: Node) -> bool:
    value = p.child_by_field_name("value" if p.type == "init_declarator" else "right")
    return value is not None and _outer(n).id == _outer(value).id


def _name(init: Node) -> str:
    d = init.child_by_field_name("declarator")
    while d is not None and d.type == "pointer_declarator":
        d = d.child_by_field_name("declarator")
    return node_text(d) if d is not None else ""


def _outer(n: Node) -> Node:
    while n.parent is not None and n.parent.type == "parenthesized_expression":
        n = n.parent
    return n
