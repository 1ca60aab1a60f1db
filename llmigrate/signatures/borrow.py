"""Which pointer parameters of a function become references or slices (the proofs are signatures_proof's).

Besides each parameter's own uses, a borrow must not alias anything the function can reach another way:
Rust assumes a `&mut` (and the memory behind a `&`) is touched through nothing else while the call runs. So a
parameter stays raw when another pointer parameter may reach the same memory (by C's aliasing rules: same
scalar width, a containing struct, or char/void which may alias anything), when its own struct can point back
into itself, and when the function or any function it calls uses a global.
"""

from __future__ import annotations

from collections.abc import Callable

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.proof import (
    Upgrade,
    array_fields,
    body_of,
    in_macro_call,
    macro_mentions,
    occurrences,
    prove_slice,
    ref_or_reason,
)

ANY = "?"  # memory of unknown layout
CHAR = "char"  # what a char/void pointer points at: may alias anything


def _split(c_type: str) -> tuple[str, int, bool]:
    """(base words without qualifiers, pointer depth, pointee const) of a C type; arrays count as a level."""
    t = c_type.replace("[", " * [", 1).split("[")[0] if "[" in c_type else c_type
    words = t.replace("*", " * ").split()
    depth = words.count("*")
    first = words.index("*") if depth else len(words)
    base = [w for w in words[:first] if w not in {"const", "volatile", "restrict", "__restrict"}]
    return " ".join(base), depth, "const" in words[:first]


def _resolve(base: str, codebase: Codebase) -> str:
    """A typedef name followed to what it names ("u32" -> "uint32_t", "foo_t" -> "struct foo")."""
    for _ in range(8):
        t = codebase.types.get(base)
        if t is None or t.kind != "typedef" or not t.target or "*" in t.target or "(" in t.target:
            return base
        base = _split(t.target)[0]
    return base


def _scalar_class(base: str) -> str | None:
    from llmigrate.signatures.mapper import SCALARS, c_type_to_rust

    rust = SCALARS.get(" ".join(w for w in base.split() if w not in {"struct", "union"}))
    if rust is None and base.startswith("enum "):
        rust = c_type_to_rust(base)
    if rust is None or rust == "()":
        return None
    if rust in ("i8", "u8"):
        return CHAR
    # C lets signed and unsigned variants of one type alias each other
    return {"isize": "64", "usize": "64"}.get(rust, rust.lstrip("iu") if rust[0] in "iu" else rust)


def _record(base: str, codebase: Codebase):
    t = codebase.types.get(base)
    return t if t is not None and t.kind in ("struct", "union") and t.complete else None


def kind(base: str, codebase: Codebase) -> str:
    """What a pointer to C type `base` may point at: a scalar class, "struct X", CHAR (anything), or ANY."""
    base = _resolve(base, codebase)
    if base == "void":
        return CHAR
    return _scalar_class(base) or (base if _record(base, codebase) is not None else ANY)


def atoms(base: str, codebase: Codebase, seen: frozenset = frozenset()) -> set[str]:
    """Kinds of objects an object of C type `base` is or contains (members, nested; not pointees)."""
    base = _resolve(base, codebase)
    k = kind(base, codebase)
    rec = _record(base, codebase)
    if rec is None or base in seen:
        return {k}
    out = {k}
    for f in rec.fields:
        fb, depth, _ = _split(f.type)
        out |= {"ptr"} if depth and "[" not in f.type else atoms(fb, codebase, seen | {base})
    return out


def reach(base: str, codebase: Codebase, seen: frozenset = frozenset()) -> set[str]:
    """Kinds the pointers stored in an object of C type `base` point at (transitively)."""
    base = _resolve(base, codebase)
    rec = _record(base, codebase)
    if rec is None or base in seen:
        return {ANY} if kind(base, codebase) == ANY else set()
    out: set[str] = set()
    for f in rec.fields:
        if "(" in f.type:
            continue  # a function pointer reaches code, not data
        fb, depth, _ = _split(f.type)
        pointed = depth - ("[" in f.type)
        if pointed == 1:
            out |= {kind(fb, codebase)} | reach(fb, codebase, seen | {base})
        elif pointed > 1:
            out.add(CHAR)
        else:
            out |= reach(fb, codebase, seen | {base})
    return out


def _deep(kinds: set[str], codebase: Codebase) -> set[str]:
    return set().union(*(atoms(k, codebase) for k in kinds)) if kinds else set()


def element(c_type: str, codebase: Codebase) -> tuple[str, bool] | None:
    """(base C type, const) of a one-level pointer to a scalar or a complete struct, else None."""
    if "(" in c_type or "[" in c_type:
        return None
    base, depth, const = _split(c_type)
    if depth != 1:
        return None
    resolved = _resolve(base, codebase)
    if _scalar_class(resolved) is None:
        rec = _record(resolved, codebase)
        if rec is None or rec.kind != "struct":
            return None
    return base, const


def touches_globals(fid: str, codebase: Codebase, memo: dict[str, bool]) -> bool:
    """`fid` or a function of SRC it calls (transitively) uses a global variable."""
    if fid not in memo:
        memo[fid] = False  # a cycle adds nothing new
        fn = codebase.functions[fid]
        memo[fid] = bool(fn.globals_used) or any(touches_globals(c, codebase, memo)
                                                  for c in fn.callees if c in codebase.functions)
    return memo[fid]


def upgrades(fn: CFunction, codebase: Codebase, callee_convs: Callable[[str, int], str | None],
             global_memo: dict[str, bool]) -> dict[int, Upgrade]:
    """Parameter index -> its proven reference/slice form; parameters not listed stay raw."""
    found = decide(fn, codebase, callee_convs, global_memo)
    return {i: u for i, u in found.items() if isinstance(u, Upgrade)}


def decide(fn: CFunction, codebase: Codebase, callee_convs: Callable[[str, int], str | None],
           global_memo: dict[str, bool]) -> dict[int, Upgrade | str]:
    """Parameter index -> its proven form, or why it stays raw (the rule that failed), for each pointer."""
    pointers = [i for i, p in enumerate(fn.params) if "*" in p.type or "[" in p.type]
    why = _whole_function(fn, codebase, global_memo)
    body = None if why else body_of(fn)
    if body is None:
        return {i: why or "the body does not parse" for i in pointers}
    found: dict[int, Upgrade | str] = {i: _one(fn, i, body, codebase, callee_convs) for i in pointers}
    return {i: "may alias another parameter or itself" if isinstance(u, Upgrade) and _aliased(i, fn, codebase)
            else u for i, u in found.items()}


def _whole_function(fn: CFunction, codebase: Codebase, global_memo: dict[str, bool]) -> str | None:
    """Why no parameter of `fn` can be borrowed, or None."""
    if fn.address_taken:
        return "the function's address is taken"
    if fn.is_variadic:
        return "variadic function"
    if not fn.source:
        return "no source"
    if touches_globals(fn.id, codebase, global_memo):
        return "the function or a callee uses a global"
    return None


def _one(fn: CFunction, i: int, body, codebase: Codebase,
         callee_convs: Callable[[str, int], str | None]) -> Upgrade | str:
    """Parameter `i`'s proven form from its own uses, or why it stays raw."""
    p = fn.params[i]
    elem = element(p.type, codebase)
    if elem is None:
        return "pointee is not a scalar or a complete struct"
    if not p.name or macro_mentions(fn, codebase, p.name):
        return "a macro mentions it"
    uses = occurrences(body, p.name)
    if uses is None:
        return "the name is declared again"
    if not uses:
        return "unused"
    if any(in_macro_call(u, codebase) for u in uses):
        return "a macro mentions it"
    conv = ref_or_reason(body, uses, elem[1], array_fields(codebase), callee_convs)
    if conv in ("ref", "mut_ref"):
        return Upgrade(conv)
    n = prove_slice(body, uses, _int_params(fn, codebase) - {p.name})
    if n is not None and not macro_mentions(fn, codebase, n):
        return Upgrade("slice" if elem[1] else "slice_mut", n)
    return conv


def _int_params(fn: CFunction, codebase: Codebase) -> set[str]:
    from llmigrate.signatures.mapper import c_type_to_rust

    return {p.name for p in fn.params if p.name and c_type_to_rust(p.type, codebase).lstrip("iu") in
            ("8", "16", "32", "64", "size")}


def _aliased(i: int, fn: CFunction, codebase: Codebase) -> bool:
    """Parameter `i` may share memory with what another parameter reaches, or with its own pointees."""
    base, _, const = _split(fn.params[i].type)
    kx, dx, rx = kind(base, codebase), atoms(base, codebase), reach(base, codebase)
    if {CHAR, ANY} & rx or ANY in dx or kx in _deep(rx, codebase) or dx & rx:
        return True  # its own pointers may lead back into it
    for j, q in enumerate(fn.params):
        if j == i or "(" in q.type:
            continue
        qb, depth, qconst = _split(q.type)
        if not depth:
            continue
        kq, dq, rq = (kind(qb, codebase), atoms(qb, codebase), reach(qb, codebase)) if depth == 1 else \
            (CHAR, {CHAR}, {CHAR})
        # two read-only views may overlap; anything written through either may not
        if const and qconst and not rq:
            continue
        if CHAR in (kx, kq, *rq) or ANY in dq | rq | _deep(rq, codebase) or kx in dq | _deep(rq, codebase) \
                or dx & ({kq} | rq):
            return True
    return False
