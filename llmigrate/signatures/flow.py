"""Indexes proven in range along every path of a function (rule index-range): a pointer parameter indexed
`p[e]` where `e` is not a counted loop's variable (signatures/loops.py), such as insertion sort's
`while (j >= 0 && key < a[j]) { a[j + 1] = a[j]; j--; }` after `j = i - 1` under `for (i = 1; i < n; i++)`.

An abstract interpretation of the body over difference bounds (signatures/zones.py) between its integer
locals and parameters: assignments `x = y + c`, increments, loop conditions and guards (a short-circuit
`j >= 0 && ...`, `if (i >= n) return`) state facts; loops are iterated to a fixpoint (widened after two
turns). Every `p[e]` evaluated on a path that reaches it must have `0 <= e <= n - 1` for one integer
parameter `n` the body never assigns. The analysis knows C's integer types: unsigned arithmetic that may
wrap, a conversion that may not keep a value, and a comparison of a negative value with an unsigned one
state nothing; signed overflow is undefined in C, so it is taken not to happen. What it does not understand
(goto, a local whose address is taken, a name declared twice in nested scopes) proves nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import dims, elements, windows, zones
from llmigrate.signatures.flowexpr import Exprs, GiveUp
from llmigrate.signatures.flowtypes import Int, declared_ints, rust_int
from llmigrate.signatures.proof import (
    address_taken_or_sizeof,
    in_macro_call,
    is_field,
    is_write,
    macro_mentions,
    node_text,
    occurrences,
    op,
    unparen,
    up,
    walk,
)
from llmigrate.signatures.zones import ZERO, State

Lends = Callable[[str, int], bool | None]  # callee, argument position -> its reference is mutable
_CONDITIONS = ("if_statement", "while_statement", "do_statement", "for_statement", "conditional_expression")
PTRDIFF_MAX = 2**63 - 1
_STOP = {"goto_statement", "labeled_statement", "gnu_asm_expression", "asm_statement"}


@dataclass
class Passing:
    """Where the pointer may go besides being indexed: its elements lent to a callee's reference
    parameters (`lends` says whether one is mutable, None when it is no reference), two lent to one call
    distinct unless not `apart` (rule distinct-elements); and the pointer itself passed on to the function
    `itself` (its own name) at its own position `at`, a count no larger than its own (`positions`: each
    integer parameter's)."""

    lends: Lends | None = None
    apart: bool = True
    itself: str = ""
    at: int = -1
    positions: dict[str, int] = field(default_factory=dict)
    exact: bool = False  # its element compares equal to itself (an integer: a float may be NaN)
    last: bool = False  # `p[n - 1]` with n not known positive is checked by the Rust (rule last-element)
    windows: dict[int, int] = field(default_factory=dict)  # argument id -> K of `memcpy(&x, p + e, K)`
    sizes: Callable[[Node], int | None] | None = None  # a `sizeof` term's value (windows.py)

    def recursion(self, n: Node) -> Node | None:
        """The argument when the use `n` passes the pointer whole to the function itself, at its place."""
        holder = up(n)
        call = holder.parent if holder is not None and holder.type == "argument_list" else None
        fn = call.child_by_field_name("function") if call is not None else None
        if fn is None or fn.type != "identifier" or node_text(fn) != self.itself:
            return None
        args = elements.arguments(call)
        return args[self.at] if self.at < len(args) and unparen(args[self.at]).id == n.id else None


def prove(body: Node, name: str, uses: list[Node], params: dict[str, Int],
          int_type: Callable[[str], Int | None], constant: Callable[[str], int | None],
          hidden: Callable[[str], bool], passing: Passing | None = None) -> str | None:
    """The count `n` (an integer parameter in `params` the body never assigns) when every use of pointer
    `name` is `p[e]` with `0 <= e < n` on every path evaluating it (rule index-range), or one `passing`
    allows; else None. `int_type` gives a declared type's Int, `constant` a macro's value, `hidden`
    whether a macro may touch a variable."""
    if not uses or any(n.type in _STOP for n in walk(body)):
        return None
    passing = passing or Passing()
    lent: dict[int, bool] = {}
    passed: set[int] = set()
    for n in uses:
        arg = elements.lent(n) if passing.lends is not None or passing.windows else None
        arg = n if arg is None and n.id in passing.windows else arg  # `memcpy(&x, p, K)`: the window at 0
        if arg is not None and arg.id in passing.windows:
            lent[arg.id] = False  # read: its ends checked as indexes
            continue
        if arg is not None and passing.lends is not None:
            mutable = passing.lends(*elements.callee(arg))
            if mutable is None:
                return None
            lent[arg.id] = mutable
            continue
        if (arg := passing.recursion(n)) is not None:
            passed.add(arg.id)
            continue
        p = up(n)
        if p is None or p.type != "subscript_expression" or not is_field(n, p, "argument") or \
                address_taken_or_sizeof(p) or is_write(n) or _nul_tested(p):
            return None
    counts = sorted(k for k in params if (o := occurrences(body, k)) is not None and
                    not any(is_write(u) or address_taken_or_sizeof(u) for u in o))
    if not counts:
        return None

    def attempt(bounded: list[str]) -> list[str]:
        run = _Run(name, declared_ints(body, params, int_type, hidden), constant, counts)
        run.lent, run.apart, run.passed, run.positions = lent, passing.apart, passed, passing.positions
        run.exact, run.last = passing.exact, passing.last
        run.windows, run.sizes, run.bounded = passing.windows, passing.sizes, bounded
        try:
            run.stmt(body, run.entry())
        except GiveUp:
            return []
        return [] if any(u.id not in run.seen for u in uses) else run.counts
    # A count of elements that exist is at most PTRDIFF_MAX (no object is larger; a Rust slice no longer),
    # so `i + 16 <= n` of a size_t i below it cannot wrap. Only the count the slice takes is known so: the
    # one chosen must be proven assuming that of itself alone.
    return next((k for k in attempt(counts) if k in attempt([k])), None)


def _nul_tested(sub: Node) -> bool:
    """`p[e]` is tested for a terminator (`s[i] && ...`, `!s[i]`, `s[i] != '\\0'`): the count may then be a
    maximum (strnlen's), which a caller may pass with a shorter string, not the pointee's length."""
    p = up(sub)
    if p is None:
        return False
    if p.type in _CONDITIONS:
        return is_field(sub, p, "condition")
    if p.type in ("unary_expression", "binary_expression") and op(p) in ("!", "&&", "||"):
        return True
    if p.type != "binary_expression" or op(p) not in ("==", "!="):
        return False
    other = p.child_by_field_name("right" if is_field(sub, p, "left") else "left")
    return other is not None and node_text(other) in ("0", "'\\0'")


class _Run(Exprs):
    """The statements' half of the analysis: paths, loops to a fixpoint, breaks and continues."""

    def __init__(self, name: str, types: dict[str, Int], constant: Callable[[str], int | None],
                 counts: list[str]):
        super().__init__(name, types, constant, counts)
        self.bounded: list[str] = []  # counts taken to be at most PTRDIFF_MAX (prove)
        self.frames: list[tuple[str, list[State], list[State]]] = []  # kind, breaks, continues

    def entry(self) -> State:
        d: State = {}
        for k, t in sorted(self.types.items()):
            if not t.signed:
                d = zones.add(d, ZERO, k, 0)
            if k in self.bounded and not t.signed:
                d = zones.add(d, k, ZERO, min(t.max, PTRDIFF_MAX))
        return d

    # statements

    def stmt(self, n: Node | None, s: State) -> State:
        if n is None:
            return s
        if s is None:
            self.unreached(n)
            return None
        t = n.type
        if t == "compound_statement":
            for ch in n.named_children:
                s = self.stmt(ch, s)
            return s
        if t in ("comment", "empty_statement"):
            return s
        if t == "expression_statement":
            return self.ev(n.named_children[0], s)[1] if n.named_children else s
        if t == "declaration":
            return self._declaration(n, s)
        if t == "if_statement":
            yes, no = self.cond(n.child_by_field_name("condition"), s)
            alt = n.child_by_field_name("alternative")
            return zones.join(self.stmt(n.child_by_field_name("consequence"), yes),
                              self.stmt(alt.named_children[0] if alt is not None else None, no))
        if t in ("while_statement", "do_statement"):
            return self._loop(s, n.child_by_field_name("condition"), n.child_by_field_name("body"), None,
                              t == "do_statement")
        if t == "for_statement":
            init = n.child_by_field_name("initializer")
            s = self.stmt(init, s) if init is not None and init.type == "declaration" else \
                self.ev(init, s)[1] if init is not None else s
            return self._loop(s, n.child_by_field_name("condition"), n.child_by_field_name("body"),
                              n.child_by_field_name("update"))
        if t == "return_statement":
            if n.named_children:
                self.ev(n.named_children[0], s)
            return None
        if t in ("break_statement", "continue_statement"):
            frames = [f for f in self.frames if t == "break_statement" or f[0] == "loop"]
            if not frames:
                raise GiveUp
            (frames[-1][1] if t == "break_statement" else frames[-1][2]).append(s)
            return None
        if t == "switch_statement":
            return self._switch(n, s)
        raise GiveUp

    def _declaration(self, n: Node, s: State) -> State:
        for d in n.named_children:
            var = d.child_by_field_name("declarator") if d.type == "init_declarator" else d
            value = d.child_by_field_name("value") if d.type == "init_declarator" else None
            if value is not None:
                f, s = self.ev(value, s)
            else:
                f = None
            if var is not None and var.type == "identifier" and node_text(var) in self.types:
                s = self._assign(s, node_text(var), f)
        return s

    def _loop(self, s: State, cond: Node | None, body: Node | None, update: Node | None,
              do: bool = False) -> State:
        head = s
        for turn in range(10):
            self.frames.append(("loop", [], []))
            inside, out = (head, None) if do else self.cond(cond, head)
            end = self.stmt(body, inside)
            _, breaks, continues = self.frames.pop()
            for c in continues:
                end = zones.join(end, c)
            if update is not None:
                end = self.ev(update, end)[1]
            if do:
                end, out = self.cond(cond, end)
            new = zones.join(s, end)
            if turn >= 2:
                new = zones.widen(head, new)
            if new == head:
                for b in breaks:
                    out = zones.join(out, b)
                return out
            head = new
        raise GiveUp

    def _switch(self, n: Node, s: State) -> State:
        _, s = self.ev(n.child_by_field_name("condition"), s)
        body = n.child_by_field_name("body")
        self.frames.append(("switch", [], []))
        cur, default = None, False
        for ch in body.named_children if body is not None else []:
            if ch.type != "case_statement":
                cur = self.stmt(ch, cur)
                continue
            default = default or ch.child_by_field_name("value") is None
            cur = zones.join(cur, s)
            for st in ch.named_children:
                if not is_field(st, ch, "value"):
                    cur = self.stmt(st, cur)
        _, breaks, _ = self.frames.pop()
        for b in breaks:
            cur = zones.join(cur, b)
        return cur if default else zones.join(cur, s)


def prove_param(fn: CFunction, body: Node, name: str, uses: list[Node], codebase: Codebase,
                lends: Lends | None = None, apart: bool = True, last: bool = False) -> str | None:
    """`prove` for pointer parameter `name` of `fn`, with the C types and macros of `codebase`: its elements
    may be lent (`lends`, `apart`: Passing), it may be passed on to `fn` itself, and (`last`) its last
    element read with a count not known positive."""
    from llmigrate.signatures.mapper import c_type_to_rust

    params = {p.name: t for p in fn.params if p.name and p.name != name and
              (t := rust_int(c_type_to_rust(p.type, codebase))) is not None}

    at = next(i for i, p in enumerate(fn.params) if p.name == name)
    positions = {p.name: i for i, p in enumerate(fn.params) if p.name in params}
    pointee = c_type_to_rust(fn.params[at].type, codebase).split(" ", 1)[-1]
    exact = rust_int(pointee) is not None and "volatile" not in fn.params[at].type

    def hidden(k: str) -> bool:
        return macro_mentions(fn, codebase, k) or any(in_macro_call(u, codebase) for u in walk(body)
                                                      if u.type == "identifier" and node_text(u) == k)
    return prove(body, name, uses, params, lambda t: rust_int(c_type_to_rust(t, codebase)),
                 lambda text: dims.value(text, codebase), hidden,
                 Passing(lends, apart, fn.name, at, positions, exact, last,
                         windows.widths(fn, body, name, uses, codebase), windows.sizes(fn, body, codebase)))


def last_read(uses: list[Node], counts: set[str]) -> bool:
    """Some use is `p[n - 1]`, n one of `counts`: the rule last-element may prove what index-range did not."""
    for n in uses:
        p = up(n)
        index = p.child_by_field_name("index") if p is not None and p.type == "subscript_expression" else None
        m = re.fullmatch(r"\s*(\w+)\s*-\s*1\s*", node_text(index)) if index is not None else None
        if m is not None and m.group(1) in counts:
            return True
    return False


def blocker(uses: list[Node], proven: Callable[[list[Node]], bool]) -> str | None:
    """Why a pointer stays raw when every read and write `p[e]` of it is in range (`proven` says so of
    those uses) and another use is what no rule covers: an element's address taken (`&p[e]`) or pointer
    arithmetic (`p + i`); None otherwise (the index is the reason, or a use whose own reason was given)."""
    plain = [n for n in uses if (p := up(n)) is not None and p.type == "subscript_expression" and
             not address_taken_or_sizeof(p)]
    ids = {n.id for n in plain}
    rest = [n for n in uses if n.id not in ids]
    if not plain or not rest or not proven(plain):
        return None
    p = up(rest[0])
    if p is not None and p.type == "subscript_expression":
        return "address of an element taken"
    return "pointer arithmetic" if p is not None and p.type == "binary_expression" else None
