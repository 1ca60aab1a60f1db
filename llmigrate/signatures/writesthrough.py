"""Which parameters' pointees a function may write, when it writes nothing else (signatures_copyout).

A function writes through its pointer parameter `p` when its body assigns `*p`, `p[i]` or `p->f` (`p`
never reassigned), or when it passes `p` to a function of SRC at a position that function writes through.
It writes nothing else when every other place it assigns is a local (a parameter's own variable included,
or an element of a local array), every function of SRC it calls writes only through arguments that are
such parameters or a local's address (`&tmp`: the callee's writes stay in `tmp`), and it calls no code
out of sight: no call through a pointer, no macro hiding one, only pure C library functions (or those
ending the program) and a header's macros and `static inline` functions that write nothing
(signatures_outsidecalls: a kernel shim's `unlikely(x)`, `div_u64(n, d)`).
Otherwise what it writes is unknown (None).
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.contained import (
    _PURE,
    _local_target,
    _never_assigned,
    _targets,
    ends,
    opaque_macros,
    static_local,
)
from llmigrate.signatures.freshwrites import stripped
from llmigrate.signatures.kinds import is_pointer
from llmigrate.signatures.named import functions_named
from llmigrate.signatures.outsidecalls import writes_nothing
from llmigrate.signatures.proof import body_of, node_text, op, walk


def writes_through(fid: str, codebase: Codebase, memo: dict) -> frozenset[int] | None:
    """Indexes of the parameters `fid` (with its callees) may write through, or None when it may write
    other memory than its locals and those pointees. `memo`: per codebase (a cycle of calls is None)."""
    key = ("writes through", fid)
    if key not in memo:
        memo[key] = None
        memo[key] = _own(codebase.functions[fid], codebase, memo)
    return memo[key]


def _own(fn: CFunction, codebase: Codebase, memo: dict) -> frozenset[int] | None:
    body = body_of(fn)
    if body is None or fn.indirect_calls or opaque_macros(fn, codebase) or static_local(body) or \
            not all(_quiet_outside(name, codebase, memo) for name in fn.external_calls):
        return None
    pointers = {p.name: i for i, p in enumerate(fn.params)
                if p.name and is_pointer(p.type, codebase) and _never_assigned(body, p.name)}
    arrays = {node_text(d.child_by_field_name("declarator")) for d in walk(body)
              if d.type == "array_declarator"}
    globals_ = set(fn.globals_used)
    out: set[int] = set()
    for t in _targets(body):
        base = _base(t)
        if _local_target(t, globals_) or base in arrays - globals_:
            continue
        if base not in pointers:
            return None
        out.add(pointers[base])
    for call in (n for n in walk(body) if n.type == "call_expression"):
        written = _call_writes(fn, call, codebase, memo, pointers, globals_)
        if written is None:
            return None
        out |= written
    return frozenset(out)


def _quiet_outside(name: str, codebase: Codebase, memo: dict) -> bool:
    """A call of `name`, not of SRC, writes no memory of the program: a pure C library function, one ending
    the program, or a header's macro or `static inline` function that writes nothing (outsidecalls)."""
    return name in _PURE or name in ends(codebase, memo) or writes_nothing(name, codebase)


def _base(target: Node) -> str | None:
    """The name a written place is reached from: `p` of `*p`, `p[i]`, `p->f`."""
    n = stripped(target)
    if n.type == "pointer_expression" and op(n) == "*" or n.type == "subscript_expression" or \
            n.type == "field_expression" and op(n) == "->":
        base = stripped(n.child_by_field_name("argument"))
        return node_text(base) if base.type == "identifier" else None
    return None


def _call_writes(fn: CFunction, call: Node, codebase: Codebase, memo: dict, pointers: dict[str, int],
                 globals_: set[str]) -> set[int] | None:
    """The caller's parameters a call of a function of SRC writes through (none for a C library call, which
    _own admits only pure), or None when it may write elsewhere."""
    name = node_text(call.child_by_field_name("function"))
    ids = [f for f in functions_named(codebase).get(name, []) if f in fn.callees]
    if not ids:
        return set() if name in fn.external_calls else None
    written = writes_through(ids[0], codebase, memo) if len(ids) == 1 else None
    args = call.child_by_field_name("arguments")
    values = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    if written is None or any(k >= len(values) for k in written):
        return None
    out: set[int] = set()
    for k in written:
        v = stripped(values[k])
        if v.type == "pointer_expression" and op(v) == "&" and \
                _local_target(v.child_by_field_name("argument"), globals_):
            continue  # a local's address: the callee's writes stay in that local
        if v.type != "identifier" or node_text(v) not in pointers:
            return None
        out.add(pointers[node_text(v)])
    return out
