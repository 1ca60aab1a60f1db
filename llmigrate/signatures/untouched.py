"""Partners the call never reaches memory through (rule untouched-partners, signatures_borrow).

Another parameter that may share a reference's bytes by C's types matters only if the call touches memory
through it. One whose every use stores its value into memory (`o->p = q`, `a[i] = q`), compares it or
returns it never does, as long as the function also follows no pointer loaded from memory and calls no
function of SRC (signatures_contained: so the stored copy is not read back and dereferenced either): its
pointee's bytes are never read or written while the call runs, whatever the caller passed.
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.proof import in_macro_call, macro_mentions, node_text, occurrences, op

RULE = "untouched-partners"
WHY = ("as its conv's rule, but another parameter may share its bytes by their types: the call never reads "
       "or writes memory through that one (it only stores, compares or returns its value, follows no "
       "pointer loaded from memory and calls no function of SRC), so nothing else touches the reference's "
       "memory while it runs")
_STORES = ("field_expression", "subscript_expression", "pointer_expression")


def partners(fn: CFunction, body: Node, codebase: Codebase, pointers: list[int],
             holders: frozenset[str]) -> frozenset[int]:
    """The pointer parameters (of `pointers`) whose every use leaves their pointee untouched; call only for
    a function that follows no loaded pointer and calls no function of SRC. `holders`: the parameters a
    value may be stored into, those proven from their own uses (so passed to no C library function that
    might follow what they hold; not a local or a global, which one might be)."""
    return frozenset(j for j in pointers if _untouched(fn, body, codebase, fn.params[j].name, holders))


def unnamed(fn: CFunction, body: Node, codebase: Codebase, pointers: list[int],
            raw: list[int]) -> frozenset[int]:
    """The pointer parameters (of `pointers`) the body never names, nor a macro it uses, and those of `raw`
    (raw by their own uses: no reference the entry makes) it names only to step their own variable in a
    statement of its own (`p++;`, `p += k;`) or to compare them (`p == q`, `!p`): whatever they point at,
    nothing is read or written through them, nor their value passed anywhere that might (a stepped value
    stays in the variable, which nothing dereferences), so they conflict with no other parameter (whether
    or not the function follows loaded pointers: memory reached that way is reached from another
    parameter, a global or a fresh object, each checked on its own). A reference, even one never
    followed, must not overlap another: such a partner stays one the entry compares. A body declaring the
    name again (occurrences is None) may use the parameter before: it counts as named."""
    return frozenset(j for j in pointers if (name := fn.params[j].name) and
                     not macro_mentions(fn, codebase, name) and (uses := occurrences(body, name)) is not None
                     and all(j in raw and not in_macro_call(n, codebase) and _idle(n) for n in uses))


def _idle(n: Node) -> bool:
    """Use `n` of a parameter only steps its own variable, its value unused, or compares or NULL-tests it."""
    child, p = n, n.parent
    while p is not None and p.type == "parenthesized_expression":
        child, p = p, p.parent
    if p is None:
        return False
    stepped = p.type == "update_expression" or p.type == "assignment_expression" and op(p) in ("+=", "-=") \
        and p.child_by_field_name("left") == child
    if stepped:  # the step's own value goes nowhere: a statement, or a `for` clause's update
        outer = p.parent
        return outer is not None and (outer.type == "expression_statement" or outer.type == "for_statement"
                                      and outer.child_by_field_name("update") == p)
    return p.type == "binary_expression" and op(p) in ("==", "!=") or \
        p.type == "unary_expression" and op(p) == "!" or \
        p.type == "condition_clause" or p.type in ("if_statement", "while_statement") and \
        p.child_by_field_name("condition") == child


def _untouched(fn: CFunction, body: Node, codebase: Codebase, name: str, holders: frozenset[str]) -> bool:
    if not name or macro_mentions(fn, codebase, name):
        return False
    uses = occurrences(body, name)
    return bool(uses) and all(not in_macro_call(n, codebase) and _inert(n, holders - {name}) for n in uses)


def _inert(n: Node, holders: frozenset[str]) -> bool:
    """Use `n` of the parameter stores its value into a holder's pointee, compares or returns it, or tests
    it for NULL."""
    child, p = n, n.parent
    while p is not None and p.type == "parenthesized_expression":
        child, p = p, p.parent
    if p is None:
        return False
    if p.type == "assignment_expression" and op(p) == "=" and p.child_by_field_name("right") == child:
        left = p.child_by_field_name("left")
        return left is not None and left.type in _STORES and _root(left) in holders
    if p.type == "binary_expression" and op(p) in ("==", "!="):
        return True
    if p.type == "unary_expression" and op(p) == "!" or p.type == "return_statement":
        return True
    return p.type == "condition_clause" or p.type in ("if_statement", "while_statement") and \
        p.child_by_field_name("condition") == child


def _root(n: Node) -> str | None:
    """The name an lvalue (`o->a[i].f`, `*o`) stores through, when that is one plain name."""
    while n.type in _STORES + ("parenthesized_expression",):
        inner = n.child_by_field_name("argument") if n.type != "parenthesized_expression" else \
            (n.named_children[0] if n.named_children else None)
        if inner is None:
            return None
        n = inner
    return node_text(n) if n.type == "identifier" else None
