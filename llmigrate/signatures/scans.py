"""Loops that read a string up to its terminator whenever they run: the evidence of rules c-string,
c-string-cursor and zero-terminated (issue 15).

Those rules make a parameter a `&CStr` (or a slice the C ABI entry scans for): the entry reads up to the
first zero element before the call. That reads nothing the C would not only when the C itself reads up to a
zero on every call, so a loop testing a read for zero is evidence only when that test is the one way the loop
ends: its whole condition, true exactly for a non-zero element (`while (s[i])`, `s[i] != '\\0'`,
`(c = *s++) != 0`; not `!s[i]`, which stops at the first non-zero one, nor `s[i] && i < n`, which may stop
first), and a body (or `for` update) that never leaves it another way: no return or goto, no break out of
this loop, no call of a function that may end the program. `for (; s[i]; i++) if (s[i] == c) return 1;` may
return on a prefix, and a C caller may pass a prefix with no NUL after it, which the entry would read past.
Whether the loop runs on every call is `proof._always`'s question, asked of the rule's evidence.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.signatures.proof import _stops_here, is_field, op
from llmigrate.signatures.treewalk import node_text, walk

_LOOPS = ("while_statement", "for_statement")  # not do-while: its body reads before the test
_BREAKABLE = ("while_statement", "for_statement", "do_statement", "switch_statement")
_LEAVES = ("return_statement", "goto_statement")
_SAME = ("parenthesized_expression", "condition_clause")  # a condition's value, unchanged


def nul_scan(read: Node, stops: set[str]) -> Node | None:
    """`read` (`s[i]`, `*s`) when it is tested for zero as the whole condition of a loop that ends only there:
    the string is read up to its zero whenever that loop runs; else None."""
    loop = _tested_by(read)
    if loop is None:
        return None
    ran = [k for k in (loop.child_by_field_name("body"), loop.child_by_field_name("update")) if k is not None]
    return None if any(_leaves(k, loop, stops) for k in ran) else read


def _tested_by(read: Node) -> Node | None:
    """The loop whose condition is true exactly when `read` is non-zero (through parentheses, an assignment
    of it, `!` and comparisons with zero: `!(*s == 0)`), else None."""
    n, nonzero = read, True
    while (p := n.parent) is not None and p.type not in _LOOPS:
        if p.type == "unary_expression" and op(p) == "!":
            nonzero = not nonzero
        elif p.type == "binary_expression" and op(p) in ("==", "!="):
            other = p.child_by_field_name("right" if is_field(n, p, "left") else "left")
            if other is None or not zero(other):
                return None
            nonzero = nonzero == (op(p) == "!=")
        elif not (p.type in _SAME or p.type == "assignment_expression" and op(p) == "="
                  and is_field(n, p, "right")):
            return None  # `&&`, `||`, a cast, a call...: the loop may end on something else
        n = p
    return p if p is not None and is_field(n, p, "condition") and nonzero else None


def _leaves(n: Node, loop: Node, stops: set[str]) -> bool:
    """Running `n`, inside `loop`, may leave the loop other than by its condition (or end the program)."""
    for k in walk(n):
        if k.type in _LEAVES or _stops_here(k, stops):
            return True
        if k.type == "break_statement" and _breaks(k) == loop.id:
            return True
    return False


def _breaks(brk: Node) -> int | None:
    """The id of the loop or switch the `break` statement `brk` leaves."""
    p = brk.parent
    while p is not None and p.type not in _BREAKABLE:
        p = p.parent
    return p.id if p is not None else None


def zero(n: Node) -> bool:
    """`n` spells the value zero as C strings test it (`0`, `'\\0'`)."""
    return re.sub(r"[\s()]", "", node_text(n)) in ("0", "'\\0'", "'\\x00'")
