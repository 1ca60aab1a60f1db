"""Whether a function touches memory only through its parameters' own objects (whole-codebase inference).

A struct with pointer members may, in general, point back into itself (a buffer whose `data` points at its
inline storage, a list node whose `next` is itself). Holding `&mut S` while writing through such a member is
undefined behaviour in Rust, so the borrow proof keeps such a parameter raw, unless the function never
follows a pointer it loaded from memory: then the only accesses during the call are through the parameters
themselves (whose mutual aliasing signatures_borrow checks) and through globals (checked separately), and
what the loaded pointers might point at does not matter. Callees are covered by their own proofs: a
parameter passed on keeps its borrow only if the callee's parameter was proven too, and a pointer loaded
from memory may not be passed to any callee.
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.proof import node_text, op, walk

_DEREFS = {"subscript_expression", "field_expression", "pointer_expression"}


def pointer_fields(codebase: Codebase) -> set[str]:
    """Names of struct/union members that hold a data or function pointer anywhere (by name: conservative)."""
    return {f.name for t in codebase.types.values() for f in t.fields
            if "*" in f.type.split("[")[0] or "(" in f.type}


def self_contained(fn: CFunction, body: Node, codebase: Codebase, array_fields: set[str]) -> bool:
    """`fn` declares no local pointer, dereferences only plain names (or array members of them), takes no
    address but of a plain name, calls nothing through a pointer and passes no loaded pointer to a callee."""
    if fn.indirect_calls:
        return False
    loaded = pointer_fields(codebase)
    for n in walk(body):
        if n.type == "pointer_declarator" or n.type == "abstract_pointer_declarator":
            return False  # a local pointer (or a cast to one) may hold anything
        if n.type in _DEREFS and _is_deref(n) and not _plain(n.child_by_field_name("argument"), array_fields):
            return False
        if n.type == "pointer_expression" and op(n) == "&" and not _plain(n.child_by_field_name("argument"),
                                                                          set()):
            return False
        if n.type == "argument_list" and any(_loads(a, loaded) for a in n.named_children):
            return False
    return True


def _is_deref(n: Node) -> bool:
    if n.type == "pointer_expression":
        return op(n) == "*"
    return n.type == "subscript_expression" or op(n) == "->"


def _plain(n: Node | None, array_fields: set[str]) -> bool:
    """A name, or an array member (`x->arr`, `x.arr`) of a plain name, through parentheses."""
    while n is not None and n.type == "parenthesized_expression" and n.named_children:
        n = n.named_children[0]
    if n is None:
        return False
    if n.type == "identifier":
        return True
    field = n.child_by_field_name("field") if n.type == "field_expression" else None
    return field is not None and node_text(field) in array_fields and \
        _plain(n.child_by_field_name("argument"), array_fields)


def _loads(arg: Node, loaded: set[str]) -> bool:
    """The argument may evaluate to a pointer loaded from memory: a pointer member or `*e`."""
    for n in walk(arg):
        if n.type == "field_expression" and node_text(n.child_by_field_name("field")) in loaded:
            return True
        if n.type == "pointer_expression" and op(n) == "*":
            return True
    return False
