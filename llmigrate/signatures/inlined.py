"""`static inline` functions of headers outside SRC that are known code for the unknown-call rule (reach.py).

A kernel shim's `rol64(u64 w, unsigned s) { return (w << (s & 63)) | (w >> (-s & 63)); }`,
`crc7_byte(u8 crc, u8 d) { return crc7_syndrome_table[(u8)((crc << 1) ^ d)]; }` or
`le64_to_cpup(const __le64 *p) { return *p; }` runs no code of the program and touches no memory a caller's
reference may cover but what its arguments lead to, which the caller's proofs read: a pointer passed to a
function outside SRC keeps that pointer raw ("passed to a function outside SRC", proof.use_kind). The
definition read is the one every unit saw (readers.definition: the header's text at the line analysis
recorded). It is known when, in its body:
- every call is by name, never through an expression, of itself, another such helper, a C library function
  that only reads its arguments (_PURE), a bit intrinsic, or memcpy/memmove into a local (a cast `(u8)(x)`
  is no call);
- every name is a parameter, a local (no `static` one: a global in disguise), an enumerator, an object-like
  macro whose body names nothing (the headers' one SRC names, or else the helper's header's one `#define`),
  or a const global of SRC (overlaps._read_only: nothing writes
  its bytes); a mutable global, read or written, makes it unknown (the aliasing check would have to see it);
- only plain names are assigned (a parameter's value, a local): nothing is written through a pointer;
- a pointer parameter is only read through (`*p`, `p[i]`, `p->f`) or is memcpy's or memmove's source, or
  memcmp's argument; no local is a pointer (one may carry a parameter to a library call that writes it);
- no inline assembly, no `volatile`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.named import enumerator_names, functions_named
from llmigrate.signatures.overlaps import _read_only
from llmigrate.signatures.proof import is_write, node_text, op, parse_c, parsed_body, unparen, up, walk
from llmigrate.signatures.readers import _header_typedef, definition

# a pointer parameter may be passed to these, at these argument positions, which they only read
_READ_ARGS = {"memcpy": (1,), "memmove": (1,), "memcmp": (0, 1)}
_LITERAL_MACRO = re.compile(r"[\s\w()+\-*/%<>&|^~!?:.']*")
_NAMES = re.compile(r"\b[A-Za-z_]\w*")
_NUMBERS = re.compile(r"\b\d\w*")
# C library functions that run no code of the program and write nothing through their arguments
_PURE = frozenset("""strlen strnlen strcmp strncmp memcmp memchr strchr strrchr abs labs llabs isalpha isdigit
isalnum isspace isupper islower isxdigit ispunct isprint isgraph iscntrl toupper tolower""".split())
_BITS = re.compile(r"__builtin_(clz|ctz|popcount|parity|bswap|ffs|clrsb|expect|constant_p)\w*")
_COPIES = ("memcpy", "memmove", "__builtin_memcpy")
_TYPE_WORDS = frozenset("void char short int long signed unsigned float double const _Bool bool".split())
# a cast `(T)(x)` names a type SRC or the header defines, or one of these; any other `x_t` may be a
# function pointer called
_STDINT = re.compile(r"u?int(8|16|32|64|ptr|max)_t|s?size_t|ptrdiff_t")
_DEPTH = 4


def known_helper(name: str, codebase: Codebase, depth: int = 0) -> bool:
    """`name`, called by SRC and not defined there, is a `static inline` function of a header outside SRC
    whose body touches only its arguments' values, what its pointer arguments point to (read only) and const
    globals of SRC, and calls only what the module's docstring allows."""
    if depth > _DEPTH or name in functions_named(codebase):
        return False
    proto = codebase.prototypes.get(name)
    fn = definition(name, codebase) if proto is not None and proto.is_static else None
    body = parsed_body(fn)[0] if fn is not None else None
    if fn is None or body is None or re.search(r"\b(asm|__asm__|__asm|volatile)\b", fn.source):
        return False
    params = {p.name: p.type for p in fn.params if p.name}
    local = _locals(body)
    if local is None or local & params.keys():
        return False
    for n in walk(body):
        if n.type == "call_expression" and not _cast(n, fn, codebase) and \
                not _known_call(n, fn, local | params.keys(), codebase, depth):
            return False
        if n.type in ("assignment_expression", "update_expression") and not _plain_target(n, params, local):
            return False
        if n.type == "identifier" and not _named(n, fn, params, local, codebase):
            return False
    return True


def _locals(body: Node) -> set[str] | None:
    """The names the body's declarations declare, or None when one is `static` or a pointer (or a
    function: a nested declaration)."""
    found = set()
    for n in walk(body):
        if n.type != "declaration":
            continue
        if any(c.type == "storage_class_specifier" and node_text(c) != "register" for c in n.children):
            return None
        for d in n.children_by_field_name("declarator"):
            d = d.child_by_field_name("declarator") if d.type == "init_declarator" else d
            while d is not None and d.type == "array_declarator":
                d = d.child_by_field_name("declarator")
            if d is None or d.type != "identifier":
                return None
            found.add(node_text(d))
    return found


def _cast(call: Node, fn: CFunction, codebase: Codebase) -> bool:
    """`call` is a cast `(T)(x)`, which tree-sitter reads as a call (_type_name: T names a type)."""
    f = call.child_by_field_name("function")
    inner = unparen(f) if f is not None and f.type == "parenthesized_expression" else None
    return inner is not None and inner.type == "identifier" and _type_name(node_text(inner), fn, codebase)


def _type_name(word: str, fn: CFunction, codebase: Codebase) -> bool:
    return word in _TYPE_WORDS or word in codebase.types or bool(_STDINT.fullmatch(word)) or \
        bool(_header_typedef(str(Path(codebase.root) / fn.file), word))


def _known_call(call: Node, fn: CFunction, names: set[str], codebase: Codebase, depth: int) -> bool:
    """`call` calls by name itself, a read-only library function or bit intrinsic, a copy into a local, or
    another known helper (`names`: the helper's locals and parameters, which no call may name)."""
    f = call.child_by_field_name("function")
    word = node_text(f) if f is not None and f.type == "identifier" else ""
    if word in _COPIES:
        args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
        to = unparen(args[0]) if args else None
        if to is not None and to.type == "pointer_expression" and op(to) == "&":
            to = unparen(to.child_by_field_name("argument"))
        return to is not None and to.type == "identifier" and node_text(to) in names - _params(fn)
    if not word or word in names:  # a call through a parameter or local, though a helper may share its name
        return False
    return word == fn.name or word in _PURE or bool(_BITS.fullmatch(word)) or \
        known_helper(word, codebase, depth + 1)


def _params(fn: CFunction) -> set[str]:
    return {p.name for p in fn.params if p.name}


def _plain_target(n: Node, params: dict[str, str], local: set[str]) -> bool:
    """The assignment or increment `n` writes a plain name: a local, or a parameter's own value."""
    target = n.child_by_field_name("left") if n.type == "assignment_expression" else \
        n.child_by_field_name("argument")
    target = unparen(target) if target is not None else None
    return target is not None and target.type == "identifier" and node_text(target) in local | params.keys()


def _named(n: Node, fn: CFunction, params: dict[str, str], local: set[str], codebase: Codebase) -> bool:
    """Identifier `n` of the body names something the helper may touch (see the module's docstring)."""
    word = node_text(n)
    p = up(n)
    if p is not None and p.type == "call_expression" and _callee(n, p):
        return True  # the callee, or a cast's type: _known_call and _cast decide
    if word in local:
        return True
    if word in params:
        return not _pointer(params[word]) or _read_through(n, word)
    if word in enumerator_names(codebase):
        return True
    macro = codebase.outside_macros.get(word)
    if macro is not None:
        return macro.params is None and _literal(macro.body)
    bodies = _header_defines(str(Path(codebase.root) / fn.file)).get(word, [])
    if bodies:  # a macro of the helper's own header SRC does not name: its one definition there
        return len(bodies) == 1 and _literal(bodies[0])
    return word not in codebase.functions and _read_only(codebase.globals.get(word)) and not is_write(n)


def _callee(n: Node, call: Node) -> bool:
    f = unparen(call.child_by_field_name("function"))
    return f is not None and f.id == n.id


def _pointer(c_type: str) -> bool:
    return "*" in c_type or "[" in c_type


def _read_through(n: Node, word: str) -> bool:
    """Pointer parameter use `n` reads what it points to: `*p`, `p[i]`, `p->f` as values (not written,
    not address-taken), or an argument of a function that only reads it (_READ_ARGS)."""
    p = up(n)
    if p is None:
        return False
    if p.type == "argument_list":
        call = p.parent
        f = unparen(call.child_by_field_name("function")) if call is not None else None
        args = [a for a in p.named_children if a.type != "comment"]
        at = next((i for i, a in enumerate(args) if unparen(a) is not None and unparen(a).id == n.id), None)
        return f is not None and at in _READ_ARGS.get(node_text(f), ())
    read = p.type == "pointer_expression" and op(p) == "*" or \
        p.type == "subscript_expression" and p.child_by_field_name("argument").id == n.id or \
        p.type == "field_expression" and op(p) == "->"
    if not read or is_write(p):
        return False
    q = up(p)
    return q is None or not (q.type == "pointer_expression" and op(q) == "&")


@lru_cache(maxsize=64)
def _header_defines(path: str) -> dict[str, list[str]]:
    """The bodies of the object-like `#define`s of the header at `path`, by name."""
    try:
        root = parse_c(Path(path).read_bytes())
    except OSError:
        return {}
    found: dict[str, list[str]] = {}
    for n in walk(root):
        if n.type == "preproc_def":
            value = n.child_by_field_name("value")
            found.setdefault(node_text(n.child_by_field_name("name")), []).append(
                node_text(value).strip() if value is not None else "")
    return found


def _literal(body: str) -> bool:
    """An object-like macro's body names nothing: numbers and operators (`64`, `(8 * sizeof(long))`)."""
    words = _NAMES.findall(_NUMBERS.sub("", body))
    return bool(_LITERAL_MACRO.fullmatch(body)) and all(w == "sizeof" or w in _TYPE_WORDS for w in words)
