"""A pointer parameter given a local's address where the caller passed NULL (issue 15, rule null-default).

`int dummy; if (!err) err = &dummy;` at the top level of the body, the local declared before it at the top
level too (not static, not an array) with the parameter's pointee type, and named nowhere else: from there on
the parameter points either at the caller's object or at that local, which nothing else in the function
reaches (its address is taken only there). The caller's pointer is NULL-tested, so the proofs judge it as
they would with the assignment gone (`if (!err) ;`): an `Option` reference, None for NULL. The builtin
rebinds the parameter mutable (`let mut err = err;`) and writes the statement as `if err.is_none() { err =
Some(&mut dummy); }`, safe Rust borrowing the local for the rest of the call (also where a local standing
for the parameter, aliases.py's, is given the default); a use of the parameter the proofs do not cover
(another assignment, a step, a store, a return) keeps it raw ("assigned or copied"), as before.
"""

from __future__ import annotations

import dataclasses
import threading

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import aliases, voids
from llmigrate.signatures.kinds import split
from llmigrate.signatures.proof import Upgrade, declares, node_text, op, unparen
from llmigrate.signatures.treewalk import identifiers, walk

RULE = "null-default"
WHY = ("the C only dereferences it, passes it on or NULL-tests it, and where it is NULL points it at a local "
       "of the function whose address is taken nowhere else: NULL becomes None, and the Rust borrows that "
       "local in its place, so no reference is made from a NULL pointer; nothing else the call reaches may "
       "alias it")
ADMISSIBLE = ("opt_ref", "opt_mut")  # a NULL test precedes the default: the caller's pointer is optional
_NULLS = ("NULL", "0", "(void*)0", "((void*)0)")

_MEMO: list = [None, {}]  # [codebase (held so its id cannot be reused), fid -> (defaulted, function)]
_LOCK = threading.RLock()


@dataclasses.dataclass(frozen=True)
class Default:
    """Parameter `param` is pointed at local `local` where the caller passed NULL."""

    param: str
    local: str


def typed(fn: CFunction, codebase: Codebase) -> CFunction:
    """`fn` as the proofs read it (aliases.typed's), each default's assignment blanked out."""
    return _memo(fn, codebase)[1]


def defaulted(fn: CFunction, codebase: Codebase) -> dict[int, Default]:
    """Parameter index -> its NULL default, for each pointer parameter given one."""
    return _memo(fn, codebase)[0]


def settle(fn: CFunction, codebase: Codebase, found: dict[int, Upgrade | str]) -> None:
    """Defaulted parameters the builtin cannot rebind (not an `Option` reference) stay raw, as the
    assignment left them; the others name the rule where theirs is their conv's."""
    for i in defaulted(fn, codebase):
        u = found.get(i)
        if isinstance(u, Upgrade) and u.conv not in ADMISSIBLE:
            found[i] = "assigned or copied"
        elif isinstance(u, Upgrade) and u.via is None and not u.read_only:
            u.via = RULE


def _memo(fn: CFunction, codebase: Codebase) -> tuple[dict[int, Default], CFunction]:
    with _LOCK:
        if _MEMO[0] is not codebase:
            _MEMO[:] = [codebase, {}]
        if fn.id not in _MEMO[1]:
            _MEMO[1][fn.id] = _decide(aliases.typed(fn, codebase))
        return _MEMO[1][fn.id]


def _decide(fn: CFunction) -> tuple[dict[int, Default], CFunction]:
    body, shift = voids.body_and_shift(fn)
    if body is None or any(n.type in ("goto_statement", "labeled_statement") for n in walk(body)):
        return {}, fn  # a jump back over the local's declaration would make it again while it is borrowed
    names = {p.name: i for i, p in enumerate(fn.params) if p.name and split(p.type)[1] == 1 and
             "[" not in p.type and "(" not in p.type}
    found: dict[int, Default] = {}
    blanks: list[tuple[int, int]] = []
    stmts = [s for s in body.named_children if s.type != "comment"]
    for k, s in enumerate(stmts):
        hit = _default(s, names)
        if hit is None or names[hit[0]] in found:
            continue
        param, local, assign = hit
        if _sole_local(local, stmts[:k], body, _pointee(fn.params[names[param]].type)):
            found[names[param]] = Default(param, local)
            blanks.append((assign.start_byte, assign.end_byte))
    if not found:
        return {}, fn
    data = fn.source.encode()
    for start, end in blanks:  # same length: offsets and lines stay those of the source
        data = data[:start + shift] + b" " * (end - start) + data[end + shift:]
    return found, dataclasses.replace(fn, source=data.decode())


def _default(s: Node, params: dict[str, int]) -> tuple[str, str, Node] | None:
    """(parameter, local, the assignment) of `if (!p) p = &L;` (or `p == NULL`, braces around the
    assignment), no else; else None."""
    cond = unparen(s.child_by_field_name("condition")) if s.type == "if_statement" else None
    body = s.child_by_field_name("consequence") if cond is not None else None
    if body is None or s.child_by_field_name("alternative") is not None:
        return None
    inner = [k for k in body.named_children if k.type != "comment"] if body.type == "compound_statement" \
        else [body]
    if len(inner) != 1 or inner[0].type != "expression_statement" or len(inner[0].named_children) != 1:
        return None
    assign = inner[0].named_children[0]
    left, right = assign.child_by_field_name("left"), unparen(assign.child_by_field_name("right"))
    if assign.type != "assignment_expression" or op(assign) != "=" or left is None or right is None or \
            left.type != "identifier" or node_text(left) not in params or _tested(cond) != node_text(left):
        return None
    target = unparen(right.child_by_field_name("argument")) if right.type == "pointer_expression" and \
        op(right) == "&" else None
    return (node_text(left), node_text(target), assign) if target is not None and \
        target.type == "identifier" else None


def _tested(cond: Node) -> str | None:
    """The name `cond` tests for NULL: `!p`, `p == NULL`, `NULL == p` (0 for NULL too)."""
    if cond.type == "unary_expression" and op(cond) == "!":
        arg = unparen(cond.child_by_field_name("argument"))
        return node_text(arg) if arg is not None and arg.type == "identifier" else None
    if cond.type != "binary_expression" or op(cond) != "==":
        return None
    left, right = unparen(cond.child_by_field_name("left")), unparen(cond.child_by_field_name("right"))
    for a, b in ((left, right), (right, left)):
        if a is not None and b is not None and a.type == "identifier" and \
                "".join(node_text(b).split()) in _NULLS:
            return node_text(a)
    return None


def _pointee(c_type: str) -> tuple[str, bool]:
    """The type a pointer parameter points to, qualifiers dropped, and whether it is const."""
    base, _, const = split(c_type)
    return base, const


def _sole_local(name: str, before: list[Node], body: Node, pointee: tuple[str, bool]) -> bool:
    """`name` is declared once, by a top-level declaration among `before` of the `pointee` type as written
    (const only where the pointee is), as a plain object (not static, volatile, an array nor a pointer), and
    is used once besides (`&name`)."""
    uses = identifiers(body).get(name, ())
    decls = [n for n in uses if declares(n)]
    if len(decls) != 1 or len(uses) != 2:
        return False
    decl = decls[0].parent
    while decl is not None and decl.type != "declaration":
        if decl.type not in ("init_declarator",):
            return False  # `T *name`, `T name[4]`: not a plain object of the pointee type
        decl = decl.parent
    if decl is None or not any(decl.id == b.id for b in before) or \
            any(c.type == "storage_class_specifier" for c in decl.children):
        return False
    t = decl.child_by_field_name("type")
    qualifiers = {node_text(c) for c in decl.children if c.type == "type_qualifier"}
    return t is not None and node_text(t).split() == pointee[0].split() and \
        qualifiers <= ({"const"} if pointee[1] else set())
