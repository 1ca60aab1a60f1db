"""Writes into memory the call allocated, where no parameter's pointee can lie (signatures_contained).

writes_params_only lets a shared view's struct stay a reference whatever its own pointers lead to, since the
function writes nothing but its parameters' own pointees. Memory an allocator returns during the call is a new
object, disjoint from every object that existed when the call began, so from every parameter's pointee and
all it leads to: a write into it cannot land in the view either. Such memory is reached here
- through a local pointer to scalars whose every store is fresh (derived.fresh_locals, realloc counting only
  on a fresh buffer: on another it may return that buffer, older than the call), stepped or indexed;
- through a member `p->m` of a parameter `p` never reassigned, when an earlier statement of an enclosing
  block is `p->m = <fresh value>;` and nothing from there to the write (the statement holding it included,
  so a loop's later turns too) stores anything but into plain locals or into fresh memory, nor holds a label
  a jump could enter by, in a function without goto;
- by C library functions that write only through their first argument (memcpy, strcat, ...) given such a
  pointer.
Whatever else the call writes is left to writes_params_only's own checks (read-only callees of SRC, no free).
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.derived import fresh_locals, fresh_value
from llmigrate.signatures.proof import node_text, op, walk

# C library functions that write only the memory their first argument points at (and return it)
DEST_WRITERS = {"memcpy", "memmove", "memset", "strcpy", "strncpy", "strcat", "strncat"}
_BLOCKS = ("compound_statement", "case_statement")  # statements run in order from the first


class FreshMemory:
    """Which writes of one function body land in memory the call allocated."""

    def __init__(self, fn: CFunction, body: Node, codebase: Codebase, params: set[str],
                 globals_: set[str]) -> None:
        self.body = body
        self.params = params  # never reassigned, never hidden by a local of the same name
        self.globals = globals_
        self.locals = fresh_locals(body, {p.name for p in fn.params if p.name}, codebase, new_only=True)
        self.jumps = any(n.type == "goto_statement" for n in walk(body))

    def target(self, t: Node) -> bool:
        """The assignment target `t` (`*q`, `q[i]`, `q->f`, with `.` members of them) lies in fresh memory."""
        t = stripped(t)
        return _deref(t) and self.pointer(t.child_by_field_name("argument"), t)

    def calls(self) -> set[str]:
        """The DEST_WRITERS every call of which, in the body, writes fresh memory."""
        bad = set()
        for n in walk(self.body):
            name = node_text(n.child_by_field_name("function")) if n.type == "call_expression" else ""
            args = n.child_by_field_name("arguments") if name in DEST_WRITERS else None
            first = [a for a in args.named_children if a.type != "comment"][:1] if args is not None else []
            if name in DEST_WRITERS and not (first and self.pointer(first[0], n)):
                bad.add(name)
        return DEST_WRITERS - bad

    def pointer(self, e: Node | None, at: Node, key: str | None = None) -> bool:
        """The pointer value `e`, evaluated at node `at`, points into fresh memory: a fresh local's or a
        member's set fresh before `at` (only the member spelled `key`, when given)."""
        cast = "cast_expression" in {n.type for n in _wrappers(e)[:-1]}
        e = _unwrapped(e)
        if e is None:
            return False
        if e.type == "binary_expression" and op(e) in ("+", "-"):
            # stays in the pointer's object (C11 6.5.6p8); not so integers cast back to a pointer
            left, right = e.child_by_field_name("left"), e.child_by_field_name("right")
            if cast:
                return False
            return self.pointer(left, at, key) or op(e) == "+" and self.pointer(right, at, key)
        if e.type == "identifier":
            return node_text(e) in self.locals
        return _key(e) == key if key is not None else self._member(e, at)

    def _member(self, e: Node, at: Node) -> bool:
        """`e` is `p->m` for a parameter `p`, set fresh by an earlier statement of a block enclosing `at` with
        nothing stored in between but into plain locals or fresh memory."""
        base = e.child_by_field_name("argument") if e.type == "field_expression" and op(e) == "->" else None
        if self.jumps or base is None or base.type != "identifier" or node_text(base) not in self.params:
            return False
        key = _key(e)
        node = at
        while node.id != self.body.id and node.parent is not None:
            block = node.parent
            if block.type in _BLOCKS:
                before = [s for s in block.named_children if s.end_byte <= node.start_byte]
                for k in range(len(before) - 1, -1, -1):
                    if self._sets_fresh(before[k], key):
                        return all(self._quiet(s, key) for s in [*before[k + 1:], node])
            node = block
        return False

    def _sets_fresh(self, stmt: Node, key: str) -> bool:
        """`stmt` is `p->m = <fresh value>;` with `p->m` spelled `key`."""
        e = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
        return e is not None and e.type == "assignment_expression" and op(e) == "=" and \
            _key(e.child_by_field_name("left")) == key and \
            fresh_value(e.child_by_field_name("right"), self.locals, new_only=True)

    def _quiet(self, stmt: Node, key: str) -> bool:
        """`stmt` stores only into plain locals, through fresh locals or into the buffer `key` holds, and
        holds no label a jump could enter by (`case` inside a block of a case: Duff's device)."""
        for n in walk(stmt):
            if n.type in ("case_statement", "labeled_statement"):
                return False
            t = n.child_by_field_name("left") if n.type == "assignment_expression" else \
                n.child_by_field_name("argument") if n.type == "update_expression" else None
            if t is None:
                continue
            t = stripped(t)
            if t.type == "identifier" and node_text(t) not in self.globals:
                continue
            if not (_deref(t) and self.pointer(t.child_by_field_name("argument"), t, key)):
                return False
        return True


def _key(e: Node | None) -> str:
    return re.sub(r"\s|[()]", "", node_text(e)) if e is not None else ""


def _deref(t: Node) -> bool:
    """`t` is `*q`, `q[i]` or `q->f`: a place reached through the pointer `q`."""
    return t.type == "pointer_expression" and op(t) == "*" or t.type == "subscript_expression" or \
        t.type == "field_expression" and op(t) == "->"


def _wrappers(e: Node | None) -> list[Node]:
    """The parentheses, casts and `++`/`--` around the pointer `e` (each keeps it the same object's), outer
    first, and what they wrap last (None when nothing is)."""
    out = []
    while e is not None and e.type in ("parenthesized_expression", "cast_expression", "update_expression"):
        out.append(e)
        e = e.child_by_field_name("value") if e.type == "cast_expression" else \
            e.child_by_field_name("argument") if e.type == "update_expression" else \
            (e.named_children[0] if e.named_children else None)
    return [*out, e]


def _unwrapped(e: Node | None) -> Node | None:
    return _wrappers(e)[-1]


def stripped(n: Node) -> Node:
    """`n` without parentheses and `.` member accesses around its base."""
    while n.type == "parenthesized_expression" and n.named_children or \
            n.type == "field_expression" and op(n) == ".":
        n = n.named_children[0] if n.type == "parenthesized_expression" else n.child_by_field_name("argument")
    return n
