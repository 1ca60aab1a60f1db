"""Pointer parameters indexed only below a constant they reach on every call (rule constant-extent, issue
15): `in[i]` under `for (i = 0; i < 16; i++)`, `out[i * 8 + j]` under two such loops, `p[3]`, where no
count parameter bounds the index.

Every use is `p[e]` whose range inside its counted loops (ranges.loop_env) is within [0, K] for a constant
K; and one of them, the witness, evaluates `p[K]` on every call: each loop enclosing it is a `for` from a
literal to a constant bound (by a literal step; its variable's type holds the last value, so the loop gets
there), none of them holds a way out (return, break, goto, a call that may end the program), each runs the
next one (or the witness) on every turn before any `continue`, the function runs the outermost before any
way out, and the index evaluated at every loop's last value is exactly K. A valid C caller then passes at
least K + 1 elements, which the C ABI entry makes a slice of before the body runs. An index beyond K on some
path, a bound naming a parameter or any other variable, a loop that may stop early: the pointer stays raw
(`if (n > 4) p[4]` with a 4-element buffer and n = 4 is valid C a slice of 5 would not be).
"""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import dims
from llmigrate.signatures.flowtypes import Int, declared_ints, rust_int
from llmigrate.signatures.loops import index_ranges, literal_start, step_of, touched
from llmigrate.signatures.proof import (
    _always,
    _seq,
    _stops_here,
    address_taken_or_sizeof,
    in_macro_call,
    macro_mentions,
    node_text,
    op,
    unparen,
    walk,
)
from llmigrate.signatures.ranges import Env, Range, Scope

RULE = "constant-extent"
WHY = ("the C only indexes it below a constant K + 1, inside loops counting from literals to constants, and "
       "reads or writes its element K on every call, before any way out of the function (no loop on the way "
       "stops early), so a valid caller passes at least K + 1 elements; nothing else the call reaches may "
       "alias it")
_LEAVES = {"return_statement", "break_statement", "goto_statement", "labeled_statement"}
_LOOPS = ("for_statement", "while_statement", "do_statement")
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def prove(body: Node, uses: list[Node], scope: Scope, stops: set[str],
          var_type: Callable[[str], Int | None]) -> str | None:
    """The slice's length K + 1 (as text) when every use of the pointer is `p[e]`, e within [0, K], and one
    reaches K on every call; else None. `var_type`: a local's integer type, None when not one."""
    found = index_ranges(body, uses, scope)
    if not found or any(hi[0] is not None for _, (_, hi) in found):
        return None  # an index not a plain one, or bounded by a parameter rather than a constant
    top = max(hi[1] for _, (_, hi) in found)
    if top < 0 or not any(_reaches(p, top, body, scope, stops, var_type) for p, _ in found):
        return None
    return str(top + 1)


def _reaches(sub: Node, top: int, body: Node, scope: Scope, stops: set[str],
             var_type: Callable[[str], Int | None]) -> bool:
    """`sub` evaluates index `top` on every call: run at its loops' last turns, on every turn of each."""
    loops = [k for k in _ancestors(sub, body) if k.type in _LOOPS]
    env: Env = {}
    for loop in reversed(loops):  # outer loops first: an inner bound may name an outer variable
        last = _last(loop, scope, env, var_type, body)
        if last is None or any(k.type in _LEAVES or _stops_here(k, stops) for k in walk(loop)):
            return False
        env[last[0]] = last[1], (None, last[1])
    inner = sub
    for loop in loops:
        if not _always(_seq(loop.child_by_field_name("body")), [inner], stops):
            return False
        inner = loop
    if not _always(body.named_children, [inner], stops):
        return False
    index = sub.child_by_field_name("index")
    lo, hi = scope.value(index, env)
    return lo == top and hi == (None, top) and all(_in_int(scope.value(k, env)) for k in walk(index)
                                                   if k.type == "binary_expression")


def _in_int(r: Range) -> bool:
    """A known range within a 32-bit int's: C computes it in int or wider with no wrap, so the value the
    ranges give (exact, with no wrap) is the one C gets (`i * 0x80000000u` for i = 3 wraps: it is not)."""
    lo, hi = r
    return lo is not None and hi is not None and hi[0] is None and INT_MIN <= lo and hi[1] <= INT_MAX


def _ancestors(n: Node, body: Node) -> list[Node]:
    found = []
    while n.parent is not None and n.id != body.id:
        n = n.parent
        found.append(n)
    return found


def _last(loop: Node, scope: Scope, env: Env, var_type: Callable[[str], Int | None],
          body: Node) -> tuple[str, int] | None:
    """(i, its last value) of `for (i = K0; i < E; i += s)` (or `<= E`), E a constant where the outer loops'
    variables take `env`'s values, K0 <= that last value (the body runs), i's type holding it, and nothing
    but the update changing i; else None."""
    if loop.type != "for_statement":
        return None
    cond = unparen(loop.child_by_field_name("condition"))
    if cond is None or cond.type != "binary_expression" or op(cond) not in ("<", "<="):
        return None
    left = cond.child_by_field_name("left")
    if left is None or left.type != "identifier":
        return None
    i = node_text(left)
    start = literal_start(loop.child_by_field_name("initializer"), i)
    step = step_of(loop.child_by_field_name("update"), i)
    lo, hi = scope.value(cond.child_by_field_name("right"), env)
    if start is None or step is None or hi is None or hi[0] is not None or lo != hi[1] or \
            touched(loop.child_by_field_name("body"), i) or i in env:
        return None
    end = hi[1] - (1 if op(cond) == "<" else 0)
    typ = var_type(i)
    if end < start or typ is None or not typ.min <= start or any(
            k.type == "identifier" and node_text(k) == i and address_taken_or_sizeof(k) for k in walk(body)):
        return None
    last = start + step * ((end - start) // step)
    return (i, last) if last <= typ.max else None


def prove_param(fn: CFunction, body: Node, uses: list[Node], codebase: Codebase,
                ints: tuple[set[str], set[str]], stops: set[str]) -> str | None:
    """`prove` for a pointer parameter of `fn` with the C types and macros of `codebase`; `ints`: the
    function's integer parameters and the signed ones among them."""
    from llmigrate.signatures.mapper import c_type_to_rust

    scope = Scope(body, ints[0], ints[1], lambda text: dims.value(text, codebase),
                  lambda name: dims.table_range(fn, name, codebase))

    def hidden(k: str) -> bool:  # a macro may change the loop variable unseen
        return macro_mentions(fn, codebase, k) or any(
            in_macro_call(u, codebase) for u in walk(body) if u.type == "identifier" and node_text(u) == k)
    types = declared_ints(body, {}, lambda t: rust_int(c_type_to_rust(t, codebase)), hidden)
    return prove(body, uses, scope, stops, types.get)
