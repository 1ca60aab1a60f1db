"""`static inline` functions of headers outside SRC, proven as SRC's own functions are (issue 15).

A kernel shim's `minmax_reset(struct minmax *m, u32 t, u32 meas) { ... m->s[0] = val; return m->s[0].v; }`
has no symbol: C that calls it compiles its own copy, and its Rust copy (a fn of shared.rs,
backends/builtin/inline_rust.py) is called only from the Rust of SRC. So its pointer parameters may take
the signature the rules prove from its body, as a SRC function's do, and no C ABI entry is needed. Its
definition is the one every unit saw (readers.definition). It is a proven helper when:
- it is `static`, has no asm and no `volatile`, returns no pointer and takes no `void *`;
- its calls are by name of no function of SRC (nor of a parameter or local), of code reach.py knows
  (the C library's, intrinsics, read-only helpers of inlined.py); a cast `(T)(x)` is no call;
- every name is a parameter, a local, an enumerator, a const global of SRC (overlaps._read_only) or an
  object-like macro naming nothing (the one SRC's units saw, or its header's one `#define`): a mutable
  global, which a caller's aliasing check would not see, keeps it as today;
- it follows no loaded pointer (contained.self_contained), so what it touches is its arguments' pointees;
- signatures_borrow proves every pointer parameter (aliasing, unknown calls, indexing: the same rules) and
  signatures_soundness finds no unchecked unsafe operation in its body: its Rust is a safe fn.
The rules read it in a copy of the codebase that lists it among the functions (their facts are per function
id); callers in SRC then pass it references as to a SRC callee (interproc), and a call of it is known code
(reach.py). Anything short of that leaves it as today: raw pointers, an unsafe fn or the C wrapper.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from pathlib import Path

from llmigrate.core import CFunction, Codebase, RustSignature
from llmigrate.signatures.inlined import _cast, _header_defines, _literal
from llmigrate.signatures.kinds import element, is_pointer
from llmigrate.signatures.named import enumerator_names, functions_named
from llmigrate.signatures.overlaps import _read_only
from llmigrate.signatures.proof import Upgrade, parsed_body, unparen, walk
from llmigrate.signatures.readers import definition
from llmigrate.signatures.treewalk import node_text

MODULE = "shared"  # the Rust module its fn lives in (inline_rust.py)
# rules whose proof the C ABI entry completes (an overlap check, a `# Safety` on owned members): a helper has
# no entry, its callers are Rust
_ENTRY_RULES = frozenset({"disjoint-checked", "owned-buffer", "unfollowed-members"})
_ASM = re.compile(r"\b(asm|__asm__|__asm|volatile)\b")


@dataclasses.dataclass
class Helper:
    """A header function whose pointer parameters are all proven, read as a function of `scratch`."""

    fn: CFunction  # its definition, with the facts analysis gives SRC's functions
    scratch: Codebase  # the codebase with `fn` among its functions
    proven: dict[int, Upgrade]
    sig: RustSignature  # its fn of shared.rs


# [codebase (held so its id is not reused), name -> Helper or None]; built under interproc's lock
_MEMO: list = [None, {}]
_BUILDING = threading.local()


def helper(name: str, codebase: Codebase) -> Helper | None:
    """The proven helper `name` SRC calls (see the module's docstring), or None."""
    from llmigrate.signatures import interproc

    with interproc.LOCK:
        if getattr(_BUILDING, "on", False):
            return None  # asked while one is being read (of its scratch): no helper is known there
        if _MEMO[0] is not codebase:
            _MEMO[:] = [codebase, {}]
        if name not in _MEMO[1]:
            _MEMO[1][name] = None
            _BUILDING.on = True
            try:  # the scratch's proofs are memoised apart: `codebase`'s stay as they are (interproc.proofs)
                _MEMO[1][name] = _build(name, codebase)
            finally:
                _BUILDING.on = False
        return _MEMO[1][name]


def helper_of(fn: CFunction, codebase: Codebase) -> Helper | None:
    """The helper `fn` is (a function interproc or soundness met that SRC does not define), or None."""
    if fn.id in codebase.functions:
        return None
    found = helper(fn.name, codebase)
    return found if found is not None and found.fn.id == fn.id else None


def callee_named(name: str, caller: CFunction, codebase: Codebase) -> CFunction | None:
    """The function a call of `name` in `caller` runs, as the proofs know it: SRC's (a callee, or one a
    macro's body calls), or a proven helper's definition; None for other code."""
    ids = [c for c in caller.callees if c in codebase.functions and codebase.functions[c].name == name]
    if not ids:
        ids = functions_named(codebase).get(name, [])  # from a macro's body
    if ids:
        return codebase.functions[ids[0]]
    found = helper(name, codebase) if name in caller.external_calls else None
    return found.fn if found is not None else None


def _build(name: str, codebase: Codebase) -> Helper | None:
    from llmigrate.signatures import interproc

    fn = _header_function(name, codebase)
    if fn is None:
        return None
    scratch = dataclasses.replace(codebase, functions={**codebase.functions, fn.id: fn})
    try:
        return _proven_helper(fn, scratch)
    finally:
        interproc.forget(scratch)  # its proofs served this one reading; `codebase`'s were kept apart


def _proven_helper(fn: CFunction, scratch: Codebase) -> Helper | None:
    """`fn` as a proven helper, read as a function of `scratch` (the codebase listing it), or None."""
    from llmigrate.signatures import borrow, contained, reach, soundness
    from llmigrate.signatures.mapper import c_type_to_rust, interface
    from llmigrate.signatures.proof import array_fields

    body = parsed_body(fn)[0]
    pointers = [i for i, p in enumerate(fn.params) if is_pointer(p.type, scratch)]
    if body is None or not pointers or c_type_to_rust(fn.return_type, scratch).startswith("*") or \
            any(element(fn.params[i].type, scratch) is None for i in pointers) or \
            not contained.self_contained(fn, body, scratch, array_fields(scratch)) or \
            reach.reaches_unknown(fn.id, scratch, ({}, {})):
        return None
    found = borrow.decide(fn, scratch, lambda callee, i: None, ({}, {}))
    proven = {i: u for i, u in found.items() if isinstance(u, Upgrade)}
    if set(proven) != set(pointers) or any(u.via in _ENTRY_RULES or u.owned for u in proven.values()) or \
            soundness._own(fn, scratch) is not None:
        return None
    sig = interface(fn, scratch, {fn.file: MODULE})
    if sig.unsafe or sig.unsupported:
        return None
    return Helper(fn, scratch, proven, sig)


def _header_function(name: str, codebase: Codebase) -> CFunction | None:
    """`name`'s definition in a header outside SRC, with its calls and globals, when every name it uses is
    one the docstring allows; else None."""
    proto = codebase.prototypes.get(name)
    if name in functions_named(codebase) or proto is None or not proto.is_static:
        return None
    fn = definition(name, codebase)
    body = parsed_body(fn)[0] if fn is not None else None
    if fn is None or body is None or fn.is_variadic or _ASM.search(fn.source):
        return None
    own = {p.name for p in fn.params if p.name} | _declared(body)
    calls, globs = set(), set()
    for n in walk(body):
        if n.type == "call_expression" and not _cast(n, fn, codebase):
            f = unparen(n.child_by_field_name("function"))
            word = node_text(f) if f is not None and f.type == "identifier" else ""
            if not word or word in own or word in functions_named(codebase) or _macro(word, fn, codebase):
                return None
            calls.add(word)
        elif n.type == "identifier" and not _called(n):
            word = node_text(n)
            if word in own or word in enumerator_names(codebase) or _literal_macro(word, fn, codebase):
                continue
            if word in codebase.functions or not _read_only(codebase.globals.get(word)):
                return None
            globs.add(word)
    return dataclasses.replace(fn, id=f"{fn.file}:{name}", is_static=True, callees=[],
                               external_calls=sorted(calls), globals_used=sorted(globs), macros_used=[],
                               indirect_calls=False, address_taken=False)


def _declared(body) -> set[str]:
    """Every name a declaration of the body declares (a pointer or array local too: the rules read them)."""
    found = set()
    for n in walk(body):
        if n.type == "declaration":
            for d in n.children_by_field_name("declarator"):
                while d is not None and d.type != "identifier":
                    d = d.child_by_field_name("declarator")
                if d is not None:
                    found.add(node_text(d))
    return found


def _called(n) -> bool:
    p = n.parent
    while p is not None and p.type == "parenthesized_expression":
        p = p.parent
    f = p.child_by_field_name("function") if p is not None and p.type == "call_expression" else None
    return f is not None and unparen(f) is not None and unparen(f).id == n.id


def _macro(word: str, fn: CFunction, codebase: Codebase) -> bool:
    """`word` may be a function-like macro, whose expansion the proofs would not read."""
    if word in codebase.macros or word in codebase.outside_macros:
        return True
    try:
        text = (Path(codebase.root) / fn.file).read_text(errors="replace")
    except OSError:
        return True
    return re.search(rf"#\s*define\s+{re.escape(word)}\b", text) is not None


def _literal_macro(word: str, fn: CFunction, codebase: Codebase) -> bool:
    """`word` is an object-like macro naming nothing: the one SRC's units saw, or its header's one."""
    macro = codebase.outside_macros.get(word)
    if macro is not None:
        return macro.params is None and _literal(macro.body)
    bodies = _header_defines(str(Path(codebase.root) / fn.file)).get(word, [])
    return len(bodies) == 1 and _literal(bodies[0])
