"""A function's `static` locals as the globals they are (issue 15).

A static local outlives the call: what it holds persists from one call to the next, so a pointer stored in
it by an earlier call (`static char *k; if (p) k = p; else *k = 0;`) may lead into any object a caller
passed then, a reference parameter of a later caller included; and its own bytes, once its address has
left the function (`return &c;`, an array's decay, a struct's members taken), may be any pointer's pointee.
The summaries of what a call touches must count such a static like a global: the globals a call reaches
(reach.globals_reached, whose kinds overlaps reads), and the writes a read-only function may make
(contained). A static of scalars whose address never leaves its function is harmless: no other pointer
reaches its bytes and it holds none, so it is not counted.
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.core import CFunction, CGlobal, Codebase
from llmigrate.signatures.kinds import ANY, array_typed, kind, member_type, reach, record, resolve, split
from llmigrate.signatures.memo import per_codebase
from llmigrate.signatures.proof import body_of, node_text, op, walk

_SEP = "#static:"  # keys no C name contains: `<function id>#static:<name>`
_APART = "#apart:"
_PLACES = ("parenthesized_expression", "field_expression", "subscript_expression")


def declared(body: Node) -> dict[str, str]:
    """The static locals `body` declares, with their C types (`char *`, `const int [4]`)."""
    found: dict[str, str] = {}
    if b"static" not in body.text:  # most bodies: no walk (each body is read here for every codebase fact)
        return found
    for n in walk(body):
        if n.type != "declaration" or not any(
                c.type == "storage_class_specifier" and node_text(c) == "static" for c in n.children):
            continue
        const = any(c.type == "type_qualifier" and node_text(c) == "const" for c in n.children)
        base = ("const " if const else "") + node_text(n.child_by_field_name("type"))
        for d in n.children_by_field_name("declarator"):
            name, ctype = _declarator(d, base)
            if name:
                found[name] = ctype
    return found


def _const_object(ctype: str) -> bool:
    """`const T x`, `const T x[N]`: the static's own bytes are never written (a pointer to const is not)."""
    return ctype.startswith("const ") and "*" not in ctype and "volatile" not in ctype.split()


def _declarator(d: Node, base: str) -> tuple[str | None, str]:
    """(name, C type) of one declarator of a declaration of type `base`."""
    d = d.child_by_field_name("declarator") if d.type == "init_declarator" else d
    stars, dims = "", ""
    while d is not None and d.type in ("pointer_declarator", "array_declarator", "parenthesized_declarator"):
        if d.type == "pointer_declarator":
            stars += "*"
        elif d.type == "array_declarator":
            size = d.child_by_field_name("size")
            dims += f"[{node_text(size) if size is not None else ''}]"
        d = d.child_by_field_name("declarator") if d.type != "parenthesized_declarator" else \
            (d.named_children[0] if d.named_children else None)
    if d is None or d.type != "identifier":
        return None, ""
    return node_text(d), f"{base} {stars}{dims}".strip()


def escaping(body: Node, codebase: Codebase) -> frozenset[str]:
    """The static locals of `body` whose address may leave the function: an array (it decays), a struct or
    union (a member may be an array), or a name under `&`. Conservative by name."""
    statics = declared(body)
    if not statics:  # only a static local's address is looked for below
        return frozenset()
    out = {name for name, ctype in statics.items()
           if array_typed(ctype, codebase) or _record_like(ctype, codebase)}
    for n in walk(body):
        if n.type == "pointer_expression" and op(n) == "&" and (root := _root(n)) in statics:
            out.add(root)
    return frozenset(out)


def _record_like(ctype: str, codebase: Codebase) -> bool:
    """A struct or union object (a member may be an array that decays), or one of unknown layout."""
    base, depth, _ = split(member_type(ctype, codebase))
    return depth == 0 and (record(resolve(base, codebase), codebase) is not None or
                           kind(base, codebase) == ANY)


def _root(n: Node) -> str | None:
    """The name `&x`, `&x.f`, `&x[i]` (through parentheses) takes an address in."""
    n = n.child_by_field_name("argument")
    while n is not None and n.type in _PLACES:
        if n.type == "field_expression" and op(n) == "->":
            return None  # through a pointer: the pointee's address, not the local's
        n = n.child_by_field_name("argument") if n.type != "parenthesized_expression" else \
            (n.named_children[0] if n.named_children else None)
    return node_text(n) if n is not None and n.type == "identifier" else None


@per_codebase(watch=lambda codebase: (len(codebase.types), len(codebase.functions)))
def persistent(codebase: Codebase) -> dict[str, CGlobal]:
    """Every function's static locals that matter to what a call touches, keyed `<fid>#static:<name>`, as
    globals: those holding pointers (what they lead to) and those whose address escapes (their bytes)."""
    found: dict[str, CGlobal] = {}
    for fid, fn in codebase.functions.items():
        body = body_of(fn)
        if body is None:
            continue
        out = escaping(body, codebase)
        for name, ctype in declared(body).items():
            if name in out or _holds_pointers(ctype, codebase):
                found[f"{fid}{_SEP}{name}"] = CGlobal(name=name, file=fn.file, line=fn.start_line, type=ctype,
                                                       is_static=True, is_const=_const_object(ctype))
    return found


def _holds_pointers(ctype: str, codebase: Codebase) -> bool:
    ctype = member_type(ctype, codebase)  # a typedef of a pointer (`str k;`) is that pointer
    base, depth, _ = split(ctype)
    return depth - ("[" in ctype) > 0 or "(" in ctype or bool(reach(base, codebase))


def of(fn: CFunction, codebase: Codebase) -> frozenset[str]:
    """The keys of `fn`'s own static locals that matter: those persistent() counts as globals, and those
    of scalars that stay put yet may change (no const object), keyed `<fid>#apart:<name>`: no pointer
    reaches them (overlaps skips them), but the kept C an overlap check falls back to holds its own copy,
    whose value the Rust's does not follow (checked.checkable)."""
    return _by_function(codebase).get(fn.id, frozenset())


@per_codebase(watch=lambda codebase: (len(codebase.types), len(codebase.functions)))
def _by_function(codebase: Codebase) -> dict[str, frozenset[str]]:
    counted = persistent(codebase)
    found: dict[str, set[str]] = {}
    for fid, fn in codebase.functions.items():
        body = body_of(fn)
        for name, ctype in (declared(body) if body is not None else {}).items():
            key = f"{fid}{_SEP}{name}"
            if key in counted or not _const_object(ctype):
                found.setdefault(fid, set()).add(key if key in counted else f"{fid}{_APART}{name}")
    return {fid: frozenset(keys) for fid, keys in found.items()}


def lookup(name: str, codebase: Codebase) -> CGlobal | None:
    """The global `name` names: one of SRC's, or a function's static local by its key (persistent)."""
    return persistent(codebase).get(name) if _SEP in name else codebase.globals.get(name)


def is_static_key(name: str) -> bool:
    """`name` is the key of a function's static local (of), not a global of SRC."""
    return _SEP in name or _APART in name


def changing(name: str, codebase: Codebase) -> bool:
    """`name` is the key of a static local that may change (no const object): the kept C holds its own."""
    if apart(name):
        return True
    g = persistent(codebase).get(name) if _SEP in name else None
    return g is not None and not g.is_const


def apart(name: str) -> bool:
    """`name` is the key of a static local no pointer reaches (of): no memory a parameter may share."""
    return _APART in name
