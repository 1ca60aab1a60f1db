"""Which struct members' pointers a function may follow while it runs (per-member points-to, by name).

A parameter's struct may hold pointers that lead back into it, or into another parameter's memory; holding a
Rust reference to it is then unsound only if the call touches memory through such a pointer. A function that
never dereferences the value of member `m` (nor passes it on, stores it, returns it) cannot reach memory
through `m`, so what `m` leads to cannot break its borrows. The members are tracked by name over every
struct (conservative), and only in functions whose every other loaded pointer is out of sight: no local
pointer (a local may hold any loaded pointer), no dereference of a value loaded by `*e` or `e[i]`, of a call's
result or of a cast, no call through a pointer and no macro that may hide an access; the functions of SRC it
calls add the members they follow (a cycle of calls, or a callee failing these rules, follows everything).
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.core import Codebase
from llmigrate.signatures.contained import opaque_macros, pointer_fields, pointer_typedefs
from llmigrate.signatures.kinds import fields
from llmigrate.signatures.memo import per_codebase
from llmigrate.signatures.owned import ALLOCATORS
from llmigrate.signatures.proof import body_of, node_text, op, unparen, up, walk

_DEREFS = ("subscript_expression", "pointer_expression", "field_expression")
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
        memo[key] = None  # a cycle of calls back here follows everything
        fn = codebase.functions[fid]
        found = _own(fid, codebase)
        for c in sorted(set(fn.callees) & codebase.functions.keys()):
            if found is None:
                break
            theirs = followed(c, codebase, memo)
            found = None if theirs is None else found | theirs
        memo[key] = found
    return memo[key]


def _own(fid: str, codebase: Codebase) -> frozenset[str] | None:
    """The members `fid`'s own body follows, or None when its loaded pointers cannot all be named."""
    fn = codebase.functions[fid]
    body = body_of(fn)
    if body is None or fn.indirect_calls or opaque_macros(fn, codebase):
        return None
    out: set[str] = set()
    if not _locals_named(body, codebase):
        return None
    for n in walk(body):
        if n.type == "abstract_pointer_declarator" and not _harmless_type(n):
            return None  # a cast to a pointer may make one of anything
        if n.type in _DEREFS and _is_deref(n) and not _named(n.child_by_field_name("argument")):
            return None
        if n.type == "field_expression" and not _unfollowed(n):
            out.add(node_text(n.child_by_field_name("field")))
    return frozenset(out)


def _harmless_type(declarator: Node) -> bool:
    """A pointer type named in a `sizeof`, or in the cast of an allocator's fresh buffer."""
    p = declarator.parent
    while p is not None and p.type in ("abstract_pointer_declarator", "type_descriptor"):
        p = p.parent
    if p is not None and p.type == "sizeof_expression":
        return True
    return p is not None and p.type == "cast_expression" and _fresh(p.child_by_field_name("value"))


def _fresh(n: Node | None) -> bool:
    while n is not None and n.type == "parenthesized_expression" and n.named_children:
        n = n.named_children[0]
    return n is not None and n.type == "call_expression" and \
        node_text(n.child_by_field_name("function")) in ALLOCATORS


def _is_deref(n: Node) -> bool:
    if n.type == "pointer_expression":
        return op(n) == "*"
    return n.type == "subscript_expression" or op(n) == "->"


def _named(n: Node | None) -> bool:
    """What is dereferenced is a plain name (a parameter or a global, checked elsewhere; a local pointer,
    holding only such values), a member's value (the member then counts as followed), or a value loaded
    through one of those (what it holds is reached through that name or member), not a call's result."""
    while n is not None and n.type == "parenthesized_expression" and n.named_children:
        n = n.named_children[0]
    if n is not None and (n.type in ("subscript_expression", "update_expression") or
                          n.type == "pointer_expression" and op(n) == "*"):
        return _named(n.child_by_field_name("argument"))
    return n is not None and n.type in ("identifier", "field_expression")


def _locals_named(body: Node, codebase: Codebase) -> bool:
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
                not _value(n.child_by_field_name("value")):
            return False
        if n.type == "assignment_expression" and node_text(n.child_by_field_name("left")) in names and \
                not _value(n.child_by_field_name("right")):
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


def _value(n: Node | None) -> bool:
    """A pointer value reached from names only: a name, a member, an element or pointee of one, an address
    of one, arithmetic on one, a literal or an allocator's fresh buffer."""
    while n is not None and n.type == "parenthesized_expression" and n.named_children:
        n = n.named_children[0]
    if n is None:
        return False
    if n.type in ("identifier", "field_expression", "number_literal", "string_literal", "null"):
        return True
    if n.type in ("subscript_expression", "pointer_expression"):
        return _value(n.child_by_field_name("argument"))
    if n.type == "binary_expression" and op(n) in ("+", "-"):
        return _value(n.child_by_field_name("left")) or _value(n.child_by_field_name("right"))
    if n.type == "conditional_expression":
        return _value(n.child_by_field_name("consequence")) and _value(n.child_by_field_name("alternative"))
    if n.type == "update_expression":
        return _value(n.child_by_field_name("argument"))
    return _fresh(n) or n.type == "cast_expression" and _fresh(n.child_by_field_name("value"))


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
