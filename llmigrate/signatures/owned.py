"""Struct members that own a heap buffer of scalars, found over the whole codebase (ownership inference).

A struct with a `char *data` member may, by C's rules, point into itself: a char pointer may point anywhere.
The borrow proofs then keep a pointer to it raw, since writing through `data` while holding `&mut S` would be
undefined behaviour in Rust if it did. But when every store to that member in SRC is a pointer an allocator
just returned (or NULL), the buffer is memory made after the object existed, disjoint from it: the member
cannot lead back into its struct; nor when it holds a string literal, an array of its own, or a pointer into
one of those (a copy of such a member, a cursor stepped within it: derived.py). A body is read with SRC's
macros expanded when it uses one (a macro may hide a store); one read neither way stops the rule. The member
is followed by name (any struct's member of that name), so one doubtful store anywhere keeps every such member
doubtful; a union's members never qualify (another member's store rewrites the pointer). A cast of the
member's value is doubtful too: the buffer could then hold an object of the struct, which a whole-object copy
would give a pointer into itself; so is any way a pointer into the buffer may become a pointer to other than
scalars (retyped.py: a `void *`, a callee's parameter, qsort's comparator). What C outside SRC stores there is
not seen, as for every other proof: the C ABI's callers are assumed to fill the member the way the library
itself does, and each C ABI entry whose references rest on that says so in its `# Safety` precondition,
naming the members (owned_paths, signatures.lent.assumption).
"""

from __future__ import annotations

import re
import threading

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase, CType
from llmigrate.signatures.contained import opaque_macros
from llmigrate.signatures.derived import ALLOCATORS, fresh_locals, fresh_value
from llmigrate.signatures.expand import expanded_body
from llmigrate.signatures.kinds import fields, is_scalar, member_type, members, resolve, split
from llmigrate.signatures.proof import body_of, node_text, op, walk
from llmigrate.signatures.retyped import local_types, retyped, retyped_locals, stored_in

__all__ = ["ALLOCATORS", "owned_members", "owned_paths"]

_MEMO: list = [None, frozenset()]  # [the Codebase (held, so its id cannot be reused), its owned members]
_LOCK = threading.Lock()
_STATEMENTS = ("function_definition", "expression_statement", "return_statement")


def owned_members(codebase: Codebase) -> frozenset[str]:
    """Names of pointer members, to scalars only, that every store in SRC fills from an allocator or NULL."""
    with _LOCK:
        if _MEMO[0] is not codebase:
            _MEMO[:] = [codebase, frozenset(_find(codebase))]
        return _MEMO[1]


def owned_paths(c_type: str, codebase: Codebase, owned: frozenset[str]) -> list[str]:
    """How a pointer of C type `c_type` reaches members named in `owned`, as paths from it (`->data`,
    `->in.buf`, `->next->data`): the members whose fresh buffers a proof about it takes for granted."""
    out: list[str] = []
    base, depth, _ = split(c_type)
    # a pointer to pointers (signatures/slots.py) reaches the struct through the one it holds: `pp[0]->data`
    _paths(base, "[0]" * (depth - 1) + "->", codebase, owned, frozenset(), out)
    return out


def _paths(base: str, prefix: str, codebase: Codebase, owned: frozenset[str], seen: frozenset[str],
           out: list[str]) -> None:
    base = resolve(base, codebase)
    t = codebase.types.get(base)
    if t is None or base in seen:
        return
    for f in fields(t):
        ftype = member_type(f.type, codebase)
        pointed = split(ftype)[1] - ("[" in ftype)
        if "(" in ftype or pointed > 1:
            continue
        if f.name in owned and pointed == 1:
            out.append(prefix + f.name)
        else:  # a record held by value (an array of them: its elements) or pointed at
            step = ("[_]." if "[" in ftype else ".") if pointed == 0 else "->"
            _paths(split(ftype)[0], f"{prefix}{f.name}{step}", codebase, owned, seen | {base}, out)


def _find(codebase: Codebase) -> set[str]:
    names = frozenset(_scalar_pointer_members(codebase))
    if not names:
        return set()
    bodies = []
    for fn in codebase.functions.values():
        body = _read(fn, codebase)
        if body is None:
            return set()  # a body not read may store anything
        bodies.append((body, fn))
    # the greatest set: a copy of a member counts as fresh while that member is taken as owned (derived.py)
    while doubt := names & set().union(*(_doubtful(body, names, fn, codebase) for body, fn in bodies)):
        names -= doubt
    filled = set().union(*(_filled_fresh(body, set(names)) for body, _ in bodies))
    # a member SRC never fills is filled by its callers, with buffers of their own making
    return {n for n in names & filled if not _in_global_initialiser(n, codebase)}


def _read(fn: CFunction, codebase: Codebase) -> Node | None:
    """The body whose stores count: with SRC's macros expanded when it uses one (a macro may hide a store),
    else as written; None when neither can be read faithfully."""
    wide = expanded_body(fn, codebase) if fn.macros_used else None
    if wide is not None:
        return wide
    return None if opaque_macros(fn, codebase) else body_of(fn)


def _filled_fresh(body: Node, names: set[str]) -> set[str]:
    """The members of `names` this body stores an allocator's result in (directly or through a local)."""
    out = set()
    for n in walk(body):
        left = n.child_by_field_name("left") if n.type == "assignment_expression" and op(n) == "=" else None
        field = left.child_by_field_name("field") if left is not None and left.type == "field_expression" \
            else None
        if field is not None and node_text(field) in names:
            out.add(node_text(field))
    return out


def _scalar_pointer_members(codebase: Codebase) -> set[str]:
    """Member names declared, in every struct or union that has one of that name, as a pointer to a scalar
    (not `void *`, which may hold any object the code casts it to)."""
    good: set[str] = set()
    bad: set[str] = set()
    for t in codebase.types.values():
        union = t.kind == "union" or (t.target or "").startswith("union")
        for f in t.fields:
            if not f.name:  # an anonymous struct or union's members: union ones, or beside them, never owned
                bad |= {g.name for g in fields(CType("", "union", "", 0, "", fields=[f]))}
            base, depth, _ = split(f.type)
            scalar = "(" not in f.type and "[" not in f.type and depth == 1 and is_scalar(base, codebase)
            (good if scalar and not union else bad).add(f.name)
    return good - bad


def _doubtful(body: Node, names: frozenset[str], fn: CFunction, codebase: Codebase) -> set[str]:
    """The members of `names` this body (of `fn`) stores something other than fresh memory in
    (derived.fresh_value, the members of `names` counting as fresh), casts, takes the address of, or lets
    become a pointer to other than scalars (retyped.py)."""
    locals_ = local_types(body)
    fresh = fresh_locals(body, {p.name for p in fn.params if p.name}, codebase, names)
    loose = retyped_locals(body, fn, locals_, codebase)  # their buffers may hold a struct
    fresh -= loose
    out = {node_text(n.child_by_field_name("field")) for v in stored_in(body, loose) for n in walk(v)
           if n.type == "field_expression" and node_text(n.child_by_field_name("field")) in names}
    for n in walk(body):
        if n.type == "field_expression" and node_text(n.child_by_field_name("field")) in names and \
                (not _fine_use(n, fresh, names) or retyped(n, fn, locals_, codebase)):
            out.add(node_text(n.child_by_field_name("field")))
        elif n.type == "initializer_pair" and _designated(n) in names and \
                not fresh_value(n.child_by_field_name("value"), fresh, names):
            out.add(_designated(n))
        elif n.type == "initializer_list" and \
                any(_positional_doubt(v, fresh, names) for v in n.named_children):
            filled = _filled(n, codebase)  # a positional initialiser fills the members of its type
            out |= names if filled is None else names & filled
    return out


def _filled(braces: Node, codebase: Codebase) -> set[str] | None:
    """The members a braced initialiser may fill: those of the declared (or compound literal's) type, nested;
    None (any member) when that type is not known."""
    p = braces.parent
    while p is not None and p.type not in ("declaration", "compound_literal_expression", *_STATEMENTS):
        p = p.parent
    if p is None or p.type in _STATEMENTS:
        return None
    node = p.child_by_field_name("type")
    if node is None:
        return None
    base = split(node_text(node))[0]
    if node.type == "primitive_type" or is_scalar(base, codebase):
        return set()
    return members(base, codebase) or None  # a type not seen may be a record


def _fine_use(member: Node, fresh: set[str], names: frozenset[str]) -> bool:
    """A read of the member's value, a store of fresh memory into it, or arithmetic within its buffer."""
    p = _outer_parent(member)
    if p is None:
        return True
    if p.type == "assignment_expression" and _same(p.child_by_field_name("left"), member):
        return op(p) in ("+=", "-=") or \
            op(p) == "=" and fresh_value(p.child_by_field_name("right"), fresh, names)
    if p.type == "pointer_expression" and op(p) == "&" or p.type == "cast_expression":
        return False
    return True  # read: indexed, compared, passed on, updated with ++/-- (within its buffer)


def _positional_doubt(v: Node, fresh: set[str], names: frozenset[str]) -> bool:
    """A positional initialiser element that is neither a constant nor fresh memory."""
    if v.type in ("initializer_pair", "initializer_list", "comment", "number_literal", "string_literal",
                  "char_literal", "concatenated_string", "true", "false"):
        return False
    return not fresh_value(v, fresh, names) and any(k.type == "identifier" for k in walk(v))


def _designated(pair: Node) -> str:
    designators = [d for d in pair.named_children if d.type == "field_designator"]
    return node_text(designators[-1]).lstrip(".") if designators else ""


def _in_global_initialiser(name: str, codebase: Codebase) -> bool:
    """A global of a record type holding the member has an initialiser naming something (it may store a
    pointer that is not fresh there); string literals, NULL and designators aside."""
    return any(g.init and name in members(split(g.type)[0], codebase) and
               re.search(r"[A-Za-z_&]", re.sub(r'"(\\.|[^"\\])*"|\bNULL\b|\.\w+\s*=|\b\d\w*', "", g.init))
               for g in codebase.globals.values())


def _outer_parent(n: Node) -> Node | None:
    p = n.parent
    while p is not None and p.type == "parenthesized_expression":
        n, p = p, p.parent
    return p


def _same(a: Node | None, b: Node) -> bool:
    while a is not None and a.type == "parenthesized_expression" and a.named_children:
        a = a.named_children[0]
    return a is not None and a.id == b.id
