"""Parameters that may share memory by their types, told apart at every call (rule disjoint-call-sites).

A static function of a .c file whose address SRC never takes is called only by name, from its own file:
every caller is in sight. When each call passes, for two of its pointer parameters, pointers into distinct
objects, the parameters never share a byte while it runs (C's pointer arithmetic stays inside an object).
What an argument points into is known only in simple cases, its origins: the address of a named object of
the caller (`&x`, `&x.f`, `&x[k]` of an array `x`, an array `x` itself), NULL, a pointer variable of the
caller whose every value is one of those, or, for a parameter of the caller, its value at entry: memory
that existed before the call, so never one of the caller's automatic locals (nor a fresh allocation), but
possibly any global or static object. Two parameters' entry values are distinct objects when the caller is
such a static function too and every call of it passes those two into distinct objects in turn: separation
carried down the call graph (by induction on the depth of the call stack; a pair met again while it is
being decided, a recursion, is assumed apart, the greatest fixpoint). Anything else (a loaded pointer, a
call's result, a pointer whose address is taken) is unknown, and the parameters stay as the other rules
leave them.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.kinds import is_pointer
from llmigrate.signatures.proof import body_of, node_text, op, walk
from llmigrate.signatures.scopes import one_variable

ENTRY = "entry"  # (ENTRY, name): the value a caller's parameter had when the caller was called
_DEPTH = 8  # pairs of callers' parameters decided at once, at most: deeper, they are not known apart
_FRESH = {"malloc", "calloc", "strdup", "strndup"}  # a new object, distinct from every other
_NULLS = {"NULL", "0", "nullptr"}


def apart(fn: CFunction, i: int, js: set[int], codebase: Codebase, memo: dict,
          pending: frozenset = frozenset()) -> set[int]:
    """The parameters of `js` that every call of `fn` passes a pointer into another object than the one
    parameter `i`'s points into. `memo`: per codebase; `pending`: the pairs (function id, lower index,
    higher index) being decided further up, assumed apart (a recursion passing its entry values on)."""
    sites = _sites(fn, codebase, memo)
    if not sites:
        return set()
    return {j for j in js if all(
        distinct(args[i], args[j], caller, body, codebase, (memo, pending | {(fn.id, *sorted((i, j)))}))
        for caller, body, args in sites)}


def _sites(fn: CFunction, codebase: Codebase, memo: dict) -> list[tuple[CFunction, Node, list[Node]]] | None:
    """(caller, its body, the arguments) of every call of `fn`, or None when some call may be out of sight."""
    key = ("call sites", fn.id)
    if key not in memo:
        memo[key] = _find_sites(fn, codebase)
    return memo[key]


def _find_sites(fn: CFunction, codebase: Codebase) -> list[tuple[CFunction, Node, list[Node]]] | None:
    if not fn.is_static or fn.address_taken or fn.is_variadic or not fn.file.endswith(".c"):
        return None
    if any(_word(fn.name, m.body) for m in codebase.macros.values()):
        return None  # a macro may call it where the bodies do not show the call
    found = []
    for fid in sorted(codebase.functions):
        caller = codebase.functions[fid]
        if fn.id not in caller.callees:
            continue
        body = body_of(caller)
        if body is None:
            return None
        calls = [n for n in walk(body) if n.type == "call_expression"
                 and node_text(n.child_by_field_name("function")) == fn.name]
        if not calls:
            return None
        for call in calls:
            args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
            if len(args) != len(fn.params):
                return None
            found.append((caller, body, args))
    return found or None


def _word(name: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", text) is not None


def distinct(a: Node, b: Node, caller: CFunction, body: Node, codebase: Codebase,
              state: tuple[dict, frozenset] = ({}, frozenset())) -> bool:
    """Arguments `a` and `b` of a call in `caller` point into distinct objects, whatever their values.
    `state`: apart()'s memo and pending pairs."""
    names = _declared(caller, body, codebase)
    oa, ob = _origins(a, names, body, frozenset()), _origins(b, names, body, frozenset())
    if oa is None or ob is None or oa & ob:
        return False
    ea, eb = {o[1] for o in oa if o[0] == ENTRY}, {o[1] for o in ob if o[0] == ENTRY}
    # a value from before the call may point at any global or static object
    if ea and any(o[0] == "static" for o in ob) or eb and any(o[0] == "static" for o in oa):
        return False
    return all(_entries_apart(caller, x, y, codebase, state) for x in ea for y in eb)


def _entries_apart(caller: CFunction, x: str, y: str, codebase: Codebase,
                   state: tuple[dict, frozenset]) -> bool:
    """The caller's parameters `x` and `y` hold pointers into distinct objects whenever it runs: every call
    of it passes them so (apart), or the pair is being decided further up (the greatest fixpoint)."""
    memo, pending = state
    index = {p.name: k for k, p in enumerate(caller.params) if p.name}
    i, j = sorted((index[x], index[y]))
    if (caller.id, i, j) in pending:
        return True
    return len(pending) < _DEPTH and j in apart(caller, i, {j}, codebase, memo, pending)


def _declared(caller: CFunction, body: Node, codebase: Codebase) -> dict[str, tuple[str, str] | None]:
    """Name -> (storage "auto"|"static"|"param", shape "pointer"|"array"|"object") of what the caller's
    names denote; None for a name declared more than once or hiding a parameter or a global somewhere
    (which declaration a use means is not read)."""
    names: dict[str, tuple[str, str] | None] = {}
    for g in codebase.globals.values():
        shape = "array" if "[" in g.type else "pointer" if "*" in g.type else "object"
        names[g.name] = ("static", shape)
    for p in caller.params:
        if p.name:
            names[p.name] = ("param", "pointer" if is_pointer(p.type, codebase) else "object")  # or a typedef
    local: dict[str, tuple[str, str] | None] = {}
    for n in walk(body):
        if n.type != "declaration":
            continue
        static = any(c.type == "storage_class_specifier" and node_text(c) in ("static", "extern")
                     for c in n.children)
        for d in n.children_by_field_name("declarator"):
            d = d.child_by_field_name("declarator") if d.type == "init_declarator" else d
            name, shape = _shape(d)
            if name is not None:
                local[name] = None if name in local else ("static" if static else "auto", shape)
    # a local is what its name denotes only where every occurrence is of it: a parameter or a global of its
    # name used where an inner block's local is out of scope (scopes.py) makes the name doubtful
    names.update({k: v if one_variable(body, k, False) else None for k, v in local.items()})
    return names


def _shape(d: Node) -> tuple[str | None, str]:
    if d.type == "identifier":
        return node_text(d), "object"
    if d.type == "pointer_declarator":
        inner = d.child_by_field_name("declarator")
        return (node_text(inner), "pointer") if inner is not None and inner.type == "identifier" \
            else (None, "")
    if d.type == "array_declarator":
        inner = d.child_by_field_name("declarator")
        return (node_text(inner), "array") if inner is not None and inner.type == "identifier" \
            else (None, "")
    return None, ""


def _origins(n: Node, names: dict, body: Node, seen: frozenset[str]) -> frozenset | None:
    """The objects the pointer value `n` may point into, or None when unknown."""
    n = _bare(n)
    if n.type == "pointer_expression" and op(n) == "&":
        return _object(n.child_by_field_name("argument"), names)
    if n.type == "null" or node_text(n) in _NULLS and node_text(n) not in names:
        return frozenset()  # no object
    if n.type == "call_expression" and node_text(n.child_by_field_name("function")) in _FRESH:
        return frozenset({("fresh", n.start_byte)})
    if n.type == "binary_expression" and op(n) in ("+", "-"):
        return _origins(n.child_by_field_name("left"), names, body, seen)
    if n.type == "update_expression":
        return _origins(n.child_by_field_name("argument"), names, body, seen)
    if n.type != "identifier":
        return None
    name = node_text(n)
    what = names.get(name)
    if what is None or name in seen:
        return None
    storage, shape = what
    if shape == "array" and storage != "param":
        return frozenset({(storage, name)})
    if shape == "object" or storage == "static":
        return None  # not a pointer, or a pointer any function may have changed
    return _values(name, storage, names, body, seen | {name})


def _values(name: str, storage: str, names: dict, body: Node, seen: frozenset[str]) -> frozenset | None:
    """The origins of every value the caller's pointer variable `name` may hold (a parameter: its value at
    entry too); None when its address is taken or a value is unknown."""
    found: set = {(ENTRY, name)} if storage == "param" else set()
    for n in walk(body):
        value = None
        if n.type == "pointer_expression" and op(n) == "&" and _is(n.child_by_field_name("argument"), name):
            return None  # may be written through its address
        if n.type == "assignment_expression" and _is(n.child_by_field_name("left"), name):
            if op(n) in ("+=", "-="):
                continue  # arithmetic stays in the object
            value = n.child_by_field_name("right")
        elif n.type == "init_declarator" and _declares(n.child_by_field_name("declarator"), name):
            value = n.child_by_field_name("value")
        if value is not None:
            more = _origins(value, names, body, seen)
            if more is None:
                return None
            found |= more
    return frozenset(found)


def _object(n: Node | None, names: dict) -> frozenset | None:
    """The named object `&n` points into: `x`, `x.f`, `x[k]` of an array `x` (not through a pointer)."""
    while n is not None:
        n = _bare(n)
        if n.type == "field_expression" and op(n) == ".":
            n = n.child_by_field_name("argument")
        elif n.type == "subscript_expression":
            base = _bare(n.child_by_field_name("argument"))
            what = names.get(node_text(base)) if base.type == "identifier" else None
            if what is None or what[1] != "array" or what[0] == "param":
                return None
            n = base
        elif n.type == "identifier":
            what = names.get(node_text(n))
            if what is None or what[0] == "param" or what[1] == "pointer":
                return None
            return frozenset({(what[0], node_text(n))})
        else:
            return None
    return None


def _bare(n: Node) -> Node:
    """`n` without parentheses and casts."""
    while n.type in ("parenthesized_expression", "cast_expression"):
        inner = n.child_by_field_name("value") if n.type == "cast_expression" else \
            (n.named_children[0] if n.named_children else None)
        if inner is None:
            break
        n = inner
    return n


def _is(n: Node | None, name: str) -> bool:
    return n is not None and _bare(n).type == "identifier" and node_text(_bare(n)) == name


def _declares(d: Node | None, name: str) -> bool:
    while d is not None and d.type in ("pointer_declarator", "array_declarator"):
        d = d.child_by_field_name("declarator")
    return d is not None and d.type == "identifier" and node_text(d) == name
