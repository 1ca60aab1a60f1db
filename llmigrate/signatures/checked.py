"""The run-time overlap check's side of the borrow decisions (rule disjoint-checked, signatures_borrow): which
functions' C ABI entries can check, and which may-alias parameters the check frees, with what it compares.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import statics
from llmigrate.signatures.proof import Upgrade

# Parameter index -> (its proof from its own uses, the parameters and the globals the check compares it
# with): the may-alias parameters a run-time check could free.
Checked = dict[int, tuple[Upgrade, set[int], frozenset[str]]]


def checkable(fn: CFunction, codebase: Codebase, names: frozenset[str]) -> bool:
    """The C ABI entry of `fn` can check its parameters for overlap and run the original C when they do:
    it has one (exported, or static and only ever called through its address, by_address_only), its C
    compiles apart (defined in a .c file), and that C shares every global it reaches with the Rust (no
    file-static one, nor a static local, of which the kept C would hold its own copy)."""
    if fn.is_static and not by_address_only(fn, codebase) or not fn.file.endswith(".c"):
        return False
    return not any(statics.changing(n, codebase) or (g := codebase.globals.get(n)) is not None and
                   g.is_static and not g.is_const for n in names)  # a static local too: the C holds its own


def disjoint_checked(found: dict[int, Upgrade | str], checked: Checked, bounded: dict[int, Upgrade],
                     rule: Callable[[Upgrade], str]) -> None:
    """Parameters that fail only because others (or globals, each of a fixed extent) may overlap them become
    `disjoint-checked` when each of those others has a known extent (a proven reference or slice, or one
    of them; or, raw, one whose own uses stay inside one object or below a count, `bounded`): the check
    needs both ranges of bytes. `rule`: the name of the rule an upgrade rests on (borrow.rule)."""
    ok = dict(checked)
    while bad := [i for i, (_, js, _) in ok.items()
                  if any(not isinstance(found.get(j), Upgrade) and j not in ok and j not in bounded
                         for j in js)]:
        for i in bad:
            del ok[i]
    for i, (u, js, globs) in ok.items():
        raw = tuple((j, bounded[j].conv, bounded[j].len_param) for j in sorted(js) if j not in ok and
                    not isinstance(found.get(j), Upgrade))
        found[i] = Upgrade(u.conv, u.len_param, via="disjoint-checked", disjoint=tuple(sorted(js)), at=u.at,
                           partners=raw, owned=u.owned, beneath=rule(u), globals=tuple(sorted(globs)))


def by_address_only(fn: CFunction, codebase: Codebase) -> bool:
    """The static function `fn` is called only through its address, so only through its C ABI adapter
    (`crate::ffi::<module>__abi_<name>`, which checks): its address is taken, and no function of SRC nor a
    macro names it followed by a call's parenthesis (`f(`, `(f)(`; a stricter reading than callees, which
    may miss a parenthesised name), so no Rust caller calls its Rust function directly."""
    if not fn.is_static or not fn.address_taken:
        return False
    call = re.compile(rf"\b{re.escape(fn.name)}\s*\)?\s*\(")
    bodies = [g.source if g is not fn else g.source[max(g.source.find("{"), 0):]
              for g in codebase.functions.values()]
    return not any(call.search(text) for text in bodies + [m.body for m in codebase.macros.values()]) \
        and not macro_may_call(fn, codebase)


def macro_may_call(fn: CFunction, codebase: Codebase) -> bool:
    """A function naming `fn` uses a function-like macro while some macro of SRC calls one of its
    parameters (`#define RUN(f) f(0)`): `RUN(fn)` would expand into a call no body's text shows."""
    def calls_a_parameter(m) -> bool:
        names = [p if p != "..." else "__VA_ARGS__" for p in m.params or ()]
        return any(re.search(rf"\b{re.escape(p)}\s*\)?\s*\(", m.body) for p in names if p)
    if not any(m.function_like and calls_a_parameter(m) for m in codebase.macros.values()):
        return False
    word = re.compile(rf"\b{re.escape(fn.name)}\b")
    return any(word.search(g.source) and any((m := codebase.macros.get(name)) is not None and m.function_like
                                             for name in g.macros_used) for g in codebase.functions.values())
