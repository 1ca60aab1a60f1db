"""`void *` parameters typed by their uses (issue 15): a comparator's `const void *a` read only as `const
struct T *x = a;`, a context pointer cast to one struct, a byte buffer read as `const u8 *`.

A `void *` parameter has a view when its every use in the body converts it to one and the same `T *`: either
it only initialises a local declared at the top of the body (`const T *x = a;` or `= (const T *)a;`, the
only declaration of that local), or every use is a cast `(T *)a` to the same type. It is then never
stored, returned, compared nor passed on as void, so the proofs may read it as that `T *`: `typed` gives
the function with the parameter declared `T *` and the body rewritten (the local renamed to the parameter
and its declaration dropped; the casts dropped), which the borrow proofs and the soundness scan read in
its place. The C ABI keeps the `void *`: ffi.rs casts it before making the reference
(`RustParam.view`), and callers in SRC pass raw pointers (interproc: "value"), as they may hold another
type.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase, Param
from llmigrate.signatures import libfns
from llmigrate.signatures.cstr import READERS
from llmigrate.signatures.expand import redefined_mentions
from llmigrate.signatures.kinds import CHAR, element, is_struct, kind, resolve, split
from llmigrate.signatures.proof import (
    BODY_HEAD,
    _outer,
    body_of,
    body_only,
    declares,
    is_field,
    macro_mentions,
    node_text,
    occurrences,
    up,
    walk,
)
from llmigrate.signatures.voidbytes import counted, overrun


@dataclass(frozen=True)
class View:
    """The pointer type a `void *` parameter is used as, the local it initialises (None: casts), and whether
    the parameter is a `const void *` (then only a shared view of it is admissible, whatever the cast)."""

    c_type: str
    local: str | None = None
    const: bool = False
    count: str | None = None  # rule byte-count (voidbytes.py): bytes only a counted call touches, this many
    uninit: bool = False  # and only copied or set, never compared: they may be uninitialised


# [codebase the memo is for (held so its id cannot be reused), fid -> (views, typed function)]
_MEMO: list = [None, {}]
_LOCK = threading.RLock()


def views(fn: CFunction, codebase: Codebase) -> dict[int, View]:
    """Parameter index -> its view, for each `void *` parameter its uses type."""
    return _memo(fn, codebase)[0]


def typed(fn: CFunction, codebase: Codebase) -> CFunction:
    """`fn` as the proofs read it: each viewed parameter declared as its view, the body rewritten to use it
    as one (the same function: C converts `void *` implicitly); `fn` itself when none has a view."""
    return _memo(fn, codebase)[1]


def _memo(fn: CFunction, codebase: Codebase) -> tuple[dict[int, View], CFunction]:
    with _LOCK:
        if _MEMO[0] is not codebase:
            _MEMO[:] = [codebase, {}]
        if fn.id not in _MEMO[1]:
            _MEMO[1][fn.id] = _decide(fn, codebase)
        return _MEMO[1][fn.id]


def _decide(fn: CFunction, codebase: Codebase) -> tuple[dict[int, View], CFunction]:
    body, shift = _body(fn)
    found: dict[int, tuple[View, list[tuple[int, int, str]]]] = {}
    for i, p in enumerate(fn.params):  # a body that parses only expanded may still hold a byte cursor
        rules = () if not _is_void_pointer(p.type, codebase) or fn.is_variadic or not fn.source else \
            (_view, _bytes, _string, _cursor) if body is not None else (_cursor,)
        one = next((v for rule in rules if (v := rule(fn, p, body, codebase)) is not None), None)
        if one is not None:
            found[i] = one
    if not found:
        return {}, fn
    data = fn.source.encode()
    edits = sorted((e for _, es in found.values() for e in es), reverse=True)
    for start, end, text in edits:
        data = data[:start + shift] + text.encode() + data[end + shift:]
    params = [dataclasses.replace(p, type=found[i][0].c_type) if i in found else p
              for i, p in enumerate(fn.params)]
    return {i: v for i, (v, _) in found.items()}, \
        dataclasses.replace(fn, source=data.decode(), params=params)


def _body(fn: CFunction) -> tuple[Node | None, int]:
    """The body the proofs read (proof.parsed_body), and what to add to its byte offsets to find them in
    `fn.source`: a body parsed apart from a declaration that does not parse (`uint32_t WEAK f(...)`) sits
    behind another head."""
    if not fn.source or fn.is_variadic:
        return None, 0
    body = body_of(fn)
    if body is not None:
        return body, 0
    start = fn.source.find("{", max(len(fn.signature) - 1, 0))
    body = body_only(fn.source, fn.signature)
    return body, len(fn.source[:start].encode()) - len(BODY_HEAD.encode())


def _is_void_pointer(c_type: str, codebase: Codebase) -> bool:
    base, depth, _ = split(c_type)
    return depth == 1 and "[" not in c_type and "(" not in c_type and resolve(base, codebase) == "void" \
        and "volatile" not in c_type.split()


def _mentioned(fn: CFunction, codebase: Codebase, name: str) -> bool:
    return macro_mentions(fn, codebase, name) or redefined_mentions(fn, codebase, name)


def _view(fn: CFunction, p: Param, body: Node, codebase: Codebase
          ) -> tuple[View, list[tuple[int, int, str]]] | None:
    """The view of `void *` parameter `p` and the edits (byte start, end, new text) typing the body, or
    None when some use is not a conversion to one pointer type."""
    if not p.name or _mentioned(fn, codebase, p.name):
        return None
    uses = occurrences(body, p.name)
    if not uses:
        return None
    const = split(p.type)[2]
    if len(uses) == 1:
        local = _local(uses[0], body, fn, codebase)
        if local is not None:
            view, edits = local
            return (dataclasses.replace(view, const=const), edits) if _fits(view.c_type, codebase) else None
    casts = [_cast(u) for u in uses]
    if any(c is None for c in casts):
        return None
    types = {_normal(_cast_type(c), codebase) for c in casts}
    if len(types) != 1:
        return None
    c_type = _cast_type(casts[0])
    if not _fits(c_type, codebase):
        return None
    return View(c_type, const=const), [(c.start_byte, c.end_byte, p.name) for c in casts]


def _bytes(fn: CFunction, p: Param, body: Node, codebase: Codebase
           ) -> tuple[View, list[tuple[int, int, str]]] | None:
    """The byte view of `void *` parameter `p` that only counted C library calls use (voidbytes.py): the
    proofs read it as `unsigned char *` (const unless a call writes it); the body is unchanged, C converting
    it back at each call."""
    if not p.name or _mentioned(fn, codebase, p.name):
        return None
    found = counted(fn, p.name, body, codebase)
    if found is None or overrun(fn, p.name, found.count, codebase):
        return None
    const = split(p.type)[2]
    return View(("" if found.written else "const ") + "unsigned char *", const=const, count=found.count,
                uninit=not found.compared), []


def _cursor(fn: CFunction, p: Param, body: Node, codebase: Codebase
            ) -> tuple[View, list[tuple[int, int, str]]] | None:
    """The byte view of a `void *` parameter rule byte-cursor proves (cursorslice.py): the proofs read it
    as `const unsigned char *`, the body unchanged (its `+= K` steps bytes either way, a GNU C extension)."""
    from llmigrate.signatures import cursorslice
    from llmigrate.signatures.bodies import proof_body

    if not p.name or _mentioned(fn, codebase, p.name):
        return None
    body = proof_body(fn, codebase, [fn.params.index(p)])[0]  # the kernel's rounds are macros of SRC
    if cursorslice.proven(fn, p, body, codebase) is None:
        return None
    return View(cursorslice.VIEW, const=split(p.type)[2]), []


def _string(fn: CFunction, p: Param, body: Node, codebase: Codebase
            ) -> tuple[View, list[tuple[int, int, str]]] | None:
    """The view `const char *` of a `void *` parameter whose every use is a string argument of a C library
    function reading one (`strcmp(a, b)`, `strlen(a)`: cstr.READERS; `strdup(a)`: libfns.reads_string),
    which C converts it to; whether it is a C string is then rule c-string's to prove."""
    if not p.name or _mentioned(fn, codebase, p.name):
        return None
    for u in occurrences(body, p.name) or [None]:
        args = up(u) if u is not None else None
        call = args.parent if args is not None and args.type == "argument_list" else None
        f = call.child_by_field_name("function") if call is not None else None
        name = node_text(f) if f is not None and f.type == "identifier" else ""
        ops = [a for a in args.named_children if a.type != "comment"] if call is not None else []
        at = next((k for k, a in enumerate(ops) if a.id == u.id), None)
        reader = name in READERS and at in READERS[name][0] and len(ops) == READERS[name][1] or \
            libfns.reads_string(name, at, len(ops))  # strdup, fopen, strcpy's source...
        if not reader or any(g.name == name for g in codebase.functions.values()):
            return None
    return View("const char *", const=split(p.type)[2]), []


def _fits(c_type: str, codebase: Codebase) -> bool:
    """A view of type `c_type` is a borrowable pointer to a scalar or complete struct."""
    return element(c_type, codebase) is not None and "volatile" not in c_type.split()


def _normal(c_type: str, codebase: Codebase) -> tuple[str, int, bool]:
    base, depth, const = split(c_type)
    return resolve(base, codebase), depth, const


def _cast(n: Node) -> Node | None:
    """The cast expression `(T *)n` whose operand is `n` (through parentheses), or None."""
    p = up(n)
    return p if p is not None and p.type == "cast_expression" and is_field(n, p, "value") else None


def _cast_type(cast: Node) -> str:
    t = cast.child_by_field_name("type")
    return " ".join(node_text(t).replace("*", " * ").split()) if t is not None else ""


def _local(use: Node, body: Node, fn: CFunction, codebase: Codebase
           ) -> tuple[View, list[tuple[int, int, str]]] | None:
    """The view of a parameter whose only use initialises a pointer local at the top of the body (`const T
    *x = a;`, or `= (const T *)a;`), with the edits: drop that declarator, name the local's uses `a`."""
    value = _cast(use) or _outer(use)
    init = up(value)
    if init is None or init.type != "init_declarator" or not is_field(value, init, "value"):
        return None
    decl = init.parent
    if decl is None or decl.type != "declaration" or decl.parent is None or decl.parent.id != body.id:
        return None
    star = init.child_by_field_name("declarator")
    name = star.child_by_field_name("declarator") if star is not None and star.type == "pointer_declarator" \
        else None
    if name is None or name.type != "identifier" or any(c.type == "storage_class_specifier"
                                                         for c in decl.children):
        return None
    local = node_text(name)
    spec = decl.child_by_field_name("type")
    quals = [node_text(c) for c in decl.children if c.type == "type_qualifier"]
    if spec is None or "volatile" in quals or any(c.type == "type_qualifier" for c in star.children):
        return None
    c_type = " ".join([*quals, node_text(spec), "*"])
    if value.type == "cast_expression" and _normal(_cast_type(value), codebase) != _normal(c_type, codebase):
        return None
    if _mentioned(fn, codebase, local):
        return None
    renames = [(n.start_byte, n.end_byte, node_text(use)) for n in walk(body)
               if n.type == "identifier" and node_text(n) == local and n.id != name.id]
    if any(declares(n) for n in walk(body) if n.type == "identifier" and node_text(n) == local
           and n.id != name.id):
        return None  # declared again: another variable of that name
    if any(start < decl.end_byte for start, _, _ in renames):
        return None  # spelled like the local before its declaration: another variable (a global)
    return View(c_type, local), [_drop(init, decl), *renames]


def _drop(init: Node, decl: Node) -> tuple[int, int, str]:
    """The edit removing declarator `init` from `decl` (the whole declaration when it is the only one)."""
    declarators = decl.children_by_field_name("declarator")
    if len(declarators) == 1:
        return decl.start_byte, decl.end_byte, ""
    at = next(k for k, d in enumerate(declarators) if d.id == init.id)
    if at + 1 < len(declarators):
        return init.start_byte, declarators[at + 1].start_byte, ""
    return declarators[at - 1].end_byte, init.end_byte, ""


def admissible(conv: str, via: str | None, view: View, codebase: Codebase) -> bool:
    """A proof of a viewed parameter the C ABI entry and the builtin can carry out through the cast: a
    reference (a shared one of a `const void *`), or a slice of bytes or structs (a wider scalar's slice
    copies an unaligned pointer's elements, which the cast would hide); not a C string, a stepped slice,
    nor an overlap check."""
    if conv in ("cstr", "opt_cstr"):  # a string argument of the C library (`_string`), read only
        return view.c_type == "const char *" and via in (None, "c-string")
    if via in ("stepped-count", "disjoint-checked") or conv not in _CONVS or \
            view.const and conv in ("mut_ref", "opt_mut", "slice_mut"):
        return False  # C may write through a cast of a `const void *`; the C ABI entry has a `*const`
    base = split(view.c_type)[0]
    return not conv.startswith("slice") or is_struct(base, codebase) or kind(base, codebase) == CHAR


_CONVS = ("ref", "mut_ref", "opt_ref", "opt_mut", "slice", "slice_mut")


# what aliases.py (a typed pointer's local that stands for it) shares with the `void *` views
body_and_shift, mentioned, local_of = _body, _mentioned, _local
