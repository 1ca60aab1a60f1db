"""Rule copied-out: a scalar out-parameter the C writes only once it touches nothing but locals (issue 15).

`int kstrtoint(const char *s, unsigned base, int *res)` reads `s`, and only then writes `*res`; `s` has no
extent a C ABI entry could compare with `res` (rule disjoint-checked), so `res` may overlap it. But a
reference to a copy of `*res` needs no such comparison: the entry copies the pointee's bytes into a local
(reintegrate/copyout.py), passes the Rust a reference to that local, and writes the local's bytes back
through the pointer after the call. No reference then covers the caller's memory, whatever overlaps it,
and the C's own order makes the copy behave as the pointer: before the C first writes `*p` it writes
nothing but its locals (nor do the functions of SRC it calls, but through its locals' addresses:
signatures_writesthrough), so every byte the call reads is what the caller left, the copy's included; each
write of `*p` is final: from there to the return, on every path, it only reads and writes its locals and
`*p` (no call, no other dereference, no global, no loop back), so nothing reads the memory the copy stands
for before the entry writes it back. Where the C writes nothing, the bytes written back are those read,
which nothing else wrote meanwhile (the precondition asks for writable memory, as for any mutable
reference).

For a pointer to an integer or bool object (conv mut_ref or opt_mut, the validity its conv's rule proves)
of an exported function, in a body without goto, whose every use is `*p`, `p[0]` or a NULL test.
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.kinds import element, resolve
from llmigrate.signatures.outsidecalls import literal_macros
from llmigrate.signatures.proof import (
    _null_test,
    in_macro_call,
    macro_mentions,
    node_text,
    occurrences,
    op,
    up,
    walk,
)
from llmigrate.signatures.writesthrough import writes_through

RULE = "copied-out"
WHY = ("the C writes it only once it touches nothing but its locals: before, it and the functions of SRC it "
       "calls write nothing but their locals (or it never reads it, and a path that writes more than its "
       "locals writes it last, by one plain assignment: signatures_copylast), and from each write of it to "
       "the return it only reads and writes its locals and this pointee; the C ABI entry copies the "
       "pointee's bytes (valid as its conv's rule says) into a local the Rust gets a reference to, and "
       "writes them back after the call (those it read where the C writes nothing: nothing else wrote "
       "them), so no reference covers the caller's memory, and whatever other parameter overlaps it, the "
       "call reads the bytes the C would")
CONVS = ("mut_ref", "opt_mut")
_INTEGERS = {"_Bool", "bool", "char", "signed char", "unsigned char", "short", "unsigned short", "int",
             "unsigned int", "unsigned", "long", "unsigned long", "long long", "unsigned long long",
             "short int", "long int", "long long int", "unsigned short int", "unsigned long int",
             "unsigned long long int", "size_t", "ssize_t", "ptrdiff_t", "intptr_t", "uintptr_t"} | \
    {f"{u}int{n}_t" for u in ("", "u") for n in (8, 16, 32, 64)}
_LOOPS = ("for_statement", "while_statement", "do_statement", "switch_statement", "case_statement")
_DEREFS = ("subscript_expression", "field_expression")


def deferred(fn: CFunction, i: int, body: Node, codebase: Codebase, memo: dict) -> bool:
    """Parameter `i` (a pointer to one integer object) is written only where rule copied-out holds."""
    if not shaped(fn, i, body, codebase):
        return False
    through = writes_through(fn.id, codebase, memo)
    return through is not None and not through - {i} and finals(fn, i, body, codebase)


def shaped(fn: CFunction, i: int, body: Node, codebase: Codebase) -> bool:
    """Parameter `i` is a named pointer to one integer object, no macro names it, the body has no goto."""
    p = fn.params[i]
    found = element(p.type, codebase)
    return bool(p.name) and found is not None and resolve(found[0], codebase) in _INTEGERS and \
        not macro_mentions(fn, codebase, p.name) and not any(n.type == "goto_statement" for n in walk(body))


def finals(fn: CFunction, i: int, body: Node, codebase: Codebase) -> bool:
    """Every use of parameter `i` is `*p` / `p[0]` or a NULL test, and every write of it is final."""
    p = fn.params[i]
    for n in occurrences(body, p.name) or []:
        if in_macro_call(n, codebase):
            return False
        at = place(n)
        if at is None:
            if not _null_test(n):
                return False
        elif written(at) and not final(at, p.name, fn, codebase):
            return False
    return True


def place(n: Node) -> Node | None:
    """The pointee `*p` or `p[0]` that use `n` of `p` names, or None."""
    parent = up(n)
    if parent is not None and parent.type == "pointer_expression" and op(parent) == "*":
        return parent
    if parent is not None and parent.type == "subscript_expression" and \
            node_text(parent.child_by_field_name("index")).strip() == "0":
        return parent
    return None


def written(at: Node) -> bool:
    """The place `*p` / `p[0]` is assigned or stepped."""
    parent = up(at)
    return parent is not None and (parent.type == "update_expression" or
                                   parent.type == "assignment_expression" and
                                   parent.child_by_field_name("left").id == _outer(at).id)


def _outer(n: Node) -> Node:
    while n.parent is not None and n.parent.type == "parenthesized_expression":
        n = n.parent
    return n


def final(place: Node, name: str, fn: CFunction, codebase: Codebase) -> bool:
    """The statement writing `place`, and every statement that may run after it, only read and write locals
    and `*name`, and the function returns without looping back."""
    node = place
    while node.parent is not None and node.type not in ("expression_statement", "return_statement"):
        node = node.parent
    if not _clean(node, name, fn, codebase):
        return False
    while node.parent is not None:
        parent = node.parent
        if parent.type == "compound_statement":
            rest = [s for s in parent.named_children[parent.named_children.index(node) + 1:]
                    if s.type != "comment"]
            if not all(_clean(s, name, fn, codebase) for s in rest):
                return False
            if any(s.type == "return_statement" for s in rest) or parent.parent is None or \
                    parent.parent.type == "function_definition":
                return True
        elif parent.type not in ("if_statement", "else_clause"):
            return False  # a loop may run the C's reads again; a switch may fall through; a label
        node = parent
    return True


def _clean(stmt: Node, name: str, fn: CFunction, codebase: Codebase) -> bool:
    """`stmt` calls nothing, reads no global and dereferences nothing but `*name` / `name[0]`, and names no
    macro but a literal one (an expansion may read or write what the text does not show)."""
    if not literal_macros(stmt, codebase):
        return False
    globals_ = set(fn.globals_used)
    for n in walk(stmt):
        if n.type in ("call_expression", "goto_statement") or n.type in _LOOPS:
            return False
        if n.type == "identifier" and node_text(n) in globals_:
            return False
        if n.type == "pointer_expression" and op(n) == "*" or n.type in _DEREFS and \
                (n.type == "subscript_expression" or op(n) == "->"):
            base = n.child_by_field_name("argument")
            if base is None or base.type != "identifier" or node_text(base) != name or place(base) is None:
                return False
    return True
