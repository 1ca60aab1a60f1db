"""Which struct members' pointers a function may follow while it runs (per-member points-to, by name).

A parameter's struct may hold pointers that lead back into it, or into another parameter's memory; holding a
Rust reference to it is then unsound only if the call touches memory through such a pointer. A function that
never dereferences the value of member `m` (nor passes it on, stores it, returns it) cannot reach memory
through `m`, so what `m` leads to cannot break its borrows. The members are tracked by name over every
struct (conservative), and only in functions whose every other pointer is named: a local pointer holds only
names, members (which then count as followed), what those lead to, arithmetic on them, NULL, or:
- a new object: an allocator's, or a maker's (makers.py: a function of SRC that returns only NULL or memory
  an allocator made during that call). It lies in no object that existed when the call began, so in no
  parameter's pointee; what its members hold counts when they are followed, by name, as any member does;
- a passer's result: a function of SRC whose own body passes these rules and whose every `return` is such a
  named value, called with arguments that make no pointer another way (no call but of an allocator, a maker
  or a passer, no cast to a pointer type). What it returns is then its arguments (the caller's named values),
  what they lead to, members it follows (which the caller follows too, as its callee), globals (the borrow
  proof checks those a callee uses) or new objects: nothing the caller could not have named itself (one
  handing back its parameter, or memory inside its pointee, keeps that parameter raw, and so the caller's
  argument: no pointer made from a reference comes back);
No cast to a pointer type (also through a typedef of one: it may make a pointer of an integer) but of a new
object, no dereference of another call's result, no call through a pointer, no static local (it may
hold a pointer an earlier call loaded), no macro that may hide an access (a body that uses one is read with
SRC's macros expanded, when that reads faithfully: what is left must hide none, and the calls it shows must
be of functions by name). The functions of SRC it calls add the members they follow: the least fixpoint over
the call graph, so a cycle of calls follows what its functions follow; a callee failing these rules follows
everything, and so do its callers.
"""

from __future__ import annotations

from typing import NamedTuple

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.contained import (
    hides_access,
    opaque_macros,
    pointer_fields,
    pointer_typedefs,
    static_local,
)
from llmigrate.signatures.expand import expanded_body
from llmigrate.signatures.kinds import fields
from llmigrate.signatures.makers import least_names, makers, returns_pointer, weak
from llmigrate.signatures.memo import per_codebase
from llmigrate.signatures.owned import ALLOCATORS
from llmigrate.signatures.proof import body_of, node_text, op, unparen, up, walk
from llmigrate.signatures.retyped import local_types

_DEREFS = ("subscript_expression", "pointer_expression", "field_expression")


class Known(NamedTuple):
    """The functions whose call's result a local may hold: makers (a new object, whatever the arguments)
    and passers (a value named from their arguments, members they follow, globals or new objects)."""

    makers: frozenset[str]
    passers: frozenset[str]
    typedefs: frozenset[str]  # pointer typedefs: a cast to one may make a pointer of an integer

_TESTS = {"==", "!=", "<", ">", "<=", ">=", "&&", "||", "!"}
_CONDITIONS = ("if_statement", "while_statement", "do_statement", "for_statement", "expression_statement",
               "sizeof_expression")


def unfollowed(fid: str, codebase: Codebase, memo: dict) -> frozenset[str]:
    """Names of the pointer members `fid` (with its callees) never follows: members that are pointers in
    every record declaring one of that name (a name also held by value would skip, in `reach`, what the
    struct held by value leads to), never an anonymous member ('', whose own members are named)."""
    found = followed(fid, codebase, memo)
    return frozenset() if found is None else frozenset(_pointers_only(codebase) - found - {""})


@per_codebase
def _pointers_only(codebase: Codebase) -> set[str]:
    """Member names declared as pointers (data or function) wherever a record declares them."""
    members = [f for t in codebase.types.values() for f in fields(t)]
    return pointer_fields(codebase) - {f.name for f in members if "*" not in f.type.split("[")[0] and
                                       "(" not in f.type}


def followed(fid: str, codebase: Codebase, memo: dict) -> frozenset[str] | None:
    """Names of the members whose value `fid` (or a function of SRC it calls) may dereference or let
    escape during the call; None when that is not known (any member may be followed). `memo`: per codebase."""
    key = ("follows", fid)
    if key not in memo:
        _settle(fid, codebase, memo)
    return memo[key]


def _settle(fid: str, codebase: Codebase, memo: dict) -> None:
    """Memoise `followed` for `fid` and every function of SRC it may call: each follows its own members and
    its callees', the least fixpoint (a cycle of calls follows what its functions follow; a callee whose own
    members cannot be named makes every caller follow everything)."""
    closure, todo = [], [fid]
    while todo:
        f = todo.pop()
        if ("follows", f) in memo or f in closure:
            continue
        closure.append(f)
        todo += sorted(set(codebase.functions[f].callees) & codebase.functions.keys())
    found = {f: _own(f, codebase) for f in closure}
    changed = True
    while changed:
        changed = False
        for f in closure:
            if found[f] is None:
                continue
            now = found[f]
            for c in set(codebase.functions[f].callees) & codebase.functions.keys():
                theirs = memo[("follows", c)] if ("follows", c) in memo else found[c]
                now = None if theirs is None or now is None else now | theirs
            if now != found[f]:
                found[f], changed = now, True
    memo.update({("follows", f): v for f, v in found.items()})


def _own(fid: str, codebase: Codebase, known: Known | None = None) -> frozenset[str] | None:
    """The members `fid`'s own body follows, or None when its loaded pointers cannot all be named."""
    fn = codebase.functions[fid]
    body = _read(fn, codebase)
    if body is None or fn.indirect_calls or static_local(body):
        return None  # a static local may hold a pointer an earlier call loaded, from any member
    out: set[str] = set()
    known = known or _known(codebase)
    if not _locals_named(body, codebase, known):
        return None
    for n in walk(body):
        if n.type == "abstract_pointer_declarator" and not _harmless_type(n, known) or \
                n.type == "cast_expression" and _pointer_cast(n, known) and \
                not _fresh(n.child_by_field_name("value"), known):
            return None  # a cast to a pointer (also through a typedef of one) may make one of anything
        if n.type in _DEREFS and _is_deref(n) and not _named(n.child_by_field_name("argument"), known):
            return None
        if n.type == "field_expression" and not _unfollowed(n):
            out.add(node_text(n.child_by_field_name("field")))
    return frozenset(out)


def _read(fn: CFunction, codebase: Codebase) -> Node | None:
    """The body as written, or with SRC's macros expanded when a macro it uses may hide an access (None
    when that cannot be read faithfully, or for a weak definition). What the expansion leaves (a
    constant-like macro) must hide no access, and a call the expansion shows must be of a function by its
    name, not of a parameter's, a local's or a global's pointer (analysis saw only the calls written out)."""
    if weak(fn, codebase):
        return None  # another definition may replace it at link time
    if not opaque_macros(fn, codebase):
        return body_of(fn)
    body = expanded_body(fn, codebase)
    if body is None:
        return None
    variables = {p.name for p in fn.params} | set(codebase.globals) | set(local_types(body))
    for n in walk(body):
        if n.type == "identifier" and node_text(n) in codebase.macros and \
                hides_access(codebase.macros[node_text(n)].body, codebase):
            return None
        called = n.child_by_field_name("function") if n.type == "call_expression" else None
        if called is not None and (called.type != "identifier" or node_text(called) in variables):
            return None
    return body


@per_codebase(watch=lambda codebase: len(codebase.functions))
def _known(codebase: Codebase) -> Known:
    """Makers, and passers: the functions of SRC (each of the name) whose own members can be named and whose
    every `return` is a value `_value` accepts (the least fixpoint: a passer's call may return another's)."""
    known = Known(makers(codebase), frozenset(), frozenset(pointer_typedefs(codebase)))
    return known._replace(passers=least_names(
        codebase, lambda fid, found: _passes(fid, codebase, known._replace(passers=found))))


def _passes(fid: str, codebase: Codebase, known: Known) -> bool:
    if not returns_pointer(codebase.functions[fid], codebase):
        return False
    body = _read(codebase.functions[fid], codebase)
    if body is None or _own(fid, codebase, known) is None:
        return False
    returns = [n for n in walk(body) if n.type == "return_statement"]
    return bool(returns) and all(r.named_children and _value(r.named_children[0], known) for r in returns)


def _harmless_type(declarator: Node, known: Known) -> bool:
    """A pointer type named in a `sizeof`, or in the cast of an allocator's (or a maker's) new object."""
    p = declarator.parent
    while p is not None and p.type in ("abstract_pointer_declarator", "type_descriptor"):
        p = p.parent
    if p is not None and p.type == "sizeof_expression":
        return True
    return p is not None and p.type == "cast_expression" and _fresh(p.child_by_field_name("value"), known)


def _fresh(n: Node | None, known: Known) -> bool:
    """An allocator's result, or a maker's (a function of SRC returning only NULL or a new object)."""
    while n is not None and n.type == "parenthesized_expression" and n.named_children:
        n = n.named_children[0]
    return n is not None and n.type == "call_expression" and \
        node_text(n.child_by_field_name("function")) in ALLOCATORS | known.makers


def _passed(n: Node, known: Known) -> bool:
    """A passer's result, called with arguments that hold no pointer but one named: no call in them but of
    an allocator, a maker or a passer (whose arguments are read the same way), no cast to a pointer type."""
    if n.type != "call_expression" or node_text(n.child_by_field_name("function")) not in known.passers:
        return False
    for k in walk(n.child_by_field_name("arguments")):
        called = node_text(k.child_by_field_name("function")) if k.type == "call_expression" else None
        if called is not None and not (_fresh(k, known) or called in known.passers):
            return False
        if k.type == "cast_expression" and _pointer_cast(k, known):
            return False
    return True


def _pointer_cast(cast: Node, known: Known) -> bool:
    t = cast.child_by_field_name("type")
    return t is None or any(x.type == "abstract_pointer_declarator" or
                            x.type == "type_identifier" and node_text(x) in known.typedefs for x in walk(t))


def _is_deref(n: Node) -> bool:
    if n.type == "pointer_expression":
        return op(n) == "*"
    return n.type == "subscript_expression" or op(n) == "->"


def _named(n: Node | None, known: Known) -> bool:
    """What is dereferenced is a plain name (a parameter or a global, checked elsewhere; a local pointer,
    holding only such values), a member's value (the member then counts as followed), or a value loaded
    through one of those (what it holds is reached through that name or member), or a maker's or a passer's
    result (`_value`), not another call's."""
    while n is not None and n.type == "parenthesized_expression" and n.named_children:
        n = n.named_children[0]
    if n is not None and (n.type in ("subscript_expression", "update_expression") or
                          n.type == "pointer_expression" and op(n) == "*"):
        return _named(n.child_by_field_name("argument"), known)
    return n is not None and (n.type in ("identifier", "field_expression") or
                              n.type == "call_expression" and _value(n, known))


def _locals_named(body: Node, codebase: Codebase, known: Known) -> bool:
    """Every local pointer only ever holds values `_value` accepts, and its address is never taken."""
    names = set()
    for n in walk(body):
        if n.type != "declaration":
            continue
        if any(t.type == "type_identifier" and node_text(t) in pointer_typedefs(codebase) for t in walk(n)):
            return False  # a pointer declared through a typedef: not followed by name here
        for d in n.children_by_field_name("declarator"):
            d = d.child_by_field_name("declarator") if d.type == "init_declarator" else d
            if d.type == "pointer_declarator" and _declared(d) is not None:
                names.add(_declared(d))
            elif any(x.type in ("pointer_declarator", "function_declarator") for x in walk(d)):
                return False  # an array of pointers, a function pointer
    for n in walk(body):
        if n.type == "init_declarator" and _declared(n.child_by_field_name("declarator")) in names and \
                not _value(n.child_by_field_name("value"), known):
            return False
        if n.type == "assignment_expression" and node_text(n.child_by_field_name("left")) in names and \
                not _value(n.child_by_field_name("right"), known):
            return False
        if n.type == "pointer_expression" and op(n) == "&" and \
                node_text(n.child_by_field_name("argument")) in names:
            return False
    return True


def _declared(n: Node) -> str | None:
    """The name a pointer declarator declares, None when it is not a plain pointer (an array of them)."""
    while n.type == "pointer_declarator":
        n = n.child_by_field_name("declarator")
    return node_text(n) if n.type == "identifier" else None


def _value(n: Node | None, known: Known) -> bool:
    """A pointer value reached from names only: a name, a member, an element or pointee of one, an address
    of one, arithmetic on one, a literal, an allocator's or a maker's new object (makers.py), or a passer's
    result (`_passed`)."""
    while n is not None and n.type == "parenthesized_expression" and n.named_children:
        n = n.named_children[0]
    if n is None:
        return False
    if n.type in ("identifier", "field_expression", "number_literal", "string_literal", "null"):
        return True
    if n.type in ("subscript_expression", "pointer_expression"):
        return _value(n.child_by_field_name("argument"), known)
    if n.type == "binary_expression" and op(n) in ("+", "-"):
        return _value(n.child_by_field_name("left"), known) or _value(n.child_by_field_name("right"), known)
    if n.type == "conditional_expression":
        return all(_value(n.child_by_field_name(k), known) for k in ("consequence", "alternative"))
    if n.type == "update_expression":
        return _value(n.child_by_field_name("argument"), known)
    if n.type == "cast_expression":
        return _fresh(n.child_by_field_name("value"), known)
    return _fresh(n, known) or _passed(n, known)


def _unfollowed(member: Node) -> bool:
    """The member's value is only tested, compared, stored over, stepped, measured or discarded: no memory
    is touched through it."""
    p = up(member)
    if p is None:
        return True
    if p.type == "assignment_expression":
        left = p.child_by_field_name("left")
        return left is not None and unparen(left).id == member.id
    if p.type == "field_expression":
        return op(p) == "."  # a member of a struct held by value
    if p.type in ("binary_expression", "unary_expression"):
        return op(p) in _TESTS
    if p.type == "conditional_expression":
        cond = p.child_by_field_name("condition")
        return cond is not None and unparen(cond).id == member.id
    if p.type == "update_expression":
        return _unfollowed(p)  # stepped: followed only if the stepped value is (`*p->top++ = v`)
    if p.type in _CONDITIONS:
        return True  # a condition, a statement of its own, sizeof
    return False
