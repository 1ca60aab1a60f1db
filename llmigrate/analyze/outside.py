"""Types and functions of headers outside SRC that the compiler reads (a kernel shim in an include dir).

A pointer parameter to a struct such a header defines, or to a typedef of a scalar it names, is as provable
as one to a type of SRC: the compiler sees it complete, and the crate declares it (`#[repr(C)]`, its layout
asserted).
Only what is defined there counts: a struct a header only declares stays incomplete. System headers (the C
library's) are left out: their records may be opaque in the crate (`FILE`). The types are spelled as analysis
spells SRC's (`u32 [4]`, `struct {...}` for a typedef's untagged record), so the rules read them alike; only
those SRC names (and what they hold) join `Codebase.types`, behind SRC's own. Functions such a header
declares join `Codebase.prototypes`, so a call of one with scalar parameters and result is a checked call.
Macros such a header defines join `Codebase.outside_macros` (by name, when SRC names one, does not define
it and declares no function of that name, and every unit that met it met the one definition), so the
soundness scan reads `unlikely(x)` of a kernel shim as its expansion, as it reads SRC's own macros.
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.core import CFunction, CMacro, Codebase, CType, Param

try:
    import clang.cindex as ci
except ImportError:  # pragma: no cover - depends on the environment
    ci = None

KINDS = frozenset() if ci is None else frozenset({ci.CursorKind.STRUCT_DECL, ci.CursorKind.UNION_DECL,
                                                  ci.CursorKind.ENUM_DECL, ci.CursorKind.TYPEDEF_DECL,
                                                  ci.CursorKind.FUNCTION_DECL,
                                                  ci.CursorKind.MACRO_DEFINITION})  # what `read` records
_WORD = re.compile(r"[A-Za-z_]\w*")
_NAME = re.compile(r"\b(?:(?:struct|union|enum)\s+)?[A-Za-z_]\w*")


@dataclass
class Outside:
    """What headers outside SRC define, by name (the first definition the units met wins)."""

    types: dict[str, CType] = field(default_factory=dict)
    functions: dict[str, CFunction] = field(default_factory=dict)
    macros: dict[str, list[CMacro]] = field(default_factory=dict)  # every distinct definition met, by name

    def update(self, other: Outside) -> None:
        for k, t in other.types.items():
            self.types.setdefault(k, t)
        for k, f in other.functions.items():
            self.functions.setdefault(k, f)
        for defs in other.macros.values():
            for m in defs:
                _define(self, m)


def read(c: ci.Cursor, root: Path, out: Outside, compiler_dir: str | None = None) -> None:
    """Record top-level cursor `c` of a header outside SRC (not a system header, nor one of the compiler's
    own, under `compiler_dir`) when it defines a type or declares a function with a prototype."""
    name = c.location.file.name
    if c.location.is_in_system_header or compiler_dir and name.startswith(compiler_dir.rstrip("/") + "/"):
        return
    file = os.path.relpath(name, root)
    K = ci.CursorKind
    if c.kind in (K.STRUCT_DECL, K.UNION_DECL) and c.is_definition() and not _untagged(c):
        name = f"{'struct' if c.kind == K.STRUCT_DECL else 'union'} {c.spelling}"
        fields = _fields(c)
        out.types.setdefault(name, CType(name, name.split()[0], file, c.location.line, _source(name, fields),
                                         fields=fields, depends_on=_mentions(fields)))
    elif c.kind == K.ENUM_DECL and c.is_definition() and c.spelling.isidentifier() and not _untagged(c):
        name = f"enum {c.spelling}"
        values = [(e.spelling, str(e.enum_value)) for e in c.get_children() if e.kind == K.ENUM_CONSTANT_DECL]
        out.types.setdefault(name, CType(name, "enum", file, c.location.line, "", enumerators=values))
    elif c.kind == K.TYPEDEF_DECL:
        t = _typedef(c, file)
        if t is not None:
            out.types.setdefault(t.name, t)
    elif c.kind == K.MACRO_DEFINITION:
        _define(out, _macro(c, file))
    elif c.kind == K.FUNCTION_DECL and c.type.kind == ci.TypeKind.FUNCTIONPROTO:
        params = [Param(p.spelling, _spelled(p.type.spelling)) for p in c.get_arguments()]
        out.functions.setdefault(c.spelling, CFunction(
            c.spelling, c.spelling, file, c.extent.start.line, c.extent.end.line, "",
            _spelled(c.result_type.spelling), params, is_static=c.storage_class == ci.StorageClass.STATIC,
            is_variadic=c.type.is_function_variadic()))


def _macro(c: ci.Cursor, file: str) -> CMacro:
    """A `#define` as the compiler read it: its parameters when a `(` follows the name with no space between,
    its body the remaining tokens, a space where the source has any (or a line continuation) between two."""
    toks = list(c.get_tokens())
    params: list[str] | None = None
    rest = toks[1:]
    if rest and rest[0].spelling == "(" and rest[0].extent.start.offset == toks[0].extent.end.offset:
        close = next((i for i, t in enumerate(rest) if t.spelling == ")"), len(rest) - 1)
        params = [t.spelling for t in rest[1:close] if t.spelling != ","]
        rest = rest[close + 1:]
    body = "".join(("" if i == 0 or t.extent.start.offset == rest[i - 1].extent.end.offset else " ") +
                   t.spelling for i, t in enumerate(rest))
    return CMacro(c.spelling, file, c.location.line, params, body)


def _define(out: Outside, m: CMacro) -> None:
    """Record `m` unless the same definition (parameters and body) is already known: two distinct ones make
    the name ambiguous (which one the compiler used depends on the unit), and add_to then leaves it out."""
    defs = out.macros.setdefault(m.name, [])
    if not any(d.params == m.params and d.body == m.body for d in defs):
        defs.append(m)


def _typedef(c: ci.Cursor, file: str) -> CType | None:
    under = c.underlying_typedef_type
    decl = under.get_declaration()
    if decl.kind in (ci.CursorKind.STRUCT_DECL, ci.CursorKind.UNION_DECL) and _untagged(decl):
        if not decl.is_definition():
            return None
        fields = _fields(decl)
        kw = "struct" if decl.kind == ci.CursorKind.STRUCT_DECL else "union"
        return CType(c.spelling, "typedef", file, c.location.line, f"typedef {_source(kw, fields)[:-1]} "
                     f"{c.spelling};", fields=fields, target=f"{kw} {{...}}", depends_on=_mentions(fields))
    target = _spelled(under.spelling)
    if "(unnamed" in target or "(anonymous" in target:
        return None  # an untagged enum: not needed, its values are SRC's macros' business
    return CType(c.spelling, "typedef", file, c.location.line, f"typedef {target} {c.spelling};",
                 target=target, depends_on=_mentions([Param("", target)]))


def _untagged(record: ci.Cursor) -> bool:
    """A struct/union/enum declared without a tag (`struct {`), which clang may spell by its typedef."""
    toks = [t.spelling for t in itertools.islice(record.get_tokens(), 2)]
    return len(toks) == 2 and toks[1] == "{" or record.is_anonymous() or not record.spelling.isidentifier()


def _fields(record: ci.Cursor) -> list[Param]:
    """The members, an anonymous struct or union member as one unnamed member spelling its own
    (`union { int b; char * c; }`), or `union {...}` when they cannot be spelled (then of unknown layout)."""
    out: list[Param] = []
    for f in record.get_children():
        if f.kind != ci.CursorKind.FIELD_DECL:
            continue
        if f.spelling.isidentifier():
            out.append(Param(f.spelling, _spelled(f.type.spelling)))
            continue
        inner = f.type.get_declaration()
        kw = "union" if inner.kind == ci.CursorKind.UNION_DECL else "struct"
        members = [_declarator(g) for g in _fields(inner)]
        out.append(Param("", f"{kw} {{ {' '.join(members)} }}" if all(members) else f"{kw} {{...}}"))
    return out


def _declarator(p: Param) -> str | None:
    """`int b;`, `char * c;`, `u32 a[4];` for a member, None when it has no simple spelling."""
    if not p.name or "(" in p.type or "{" in p.type:
        return None
    base, _, dims = p.type.partition("[")
    return f"{base.strip()} {p.name}{'[' + dims if dims else ''};"


def _source(head: str, fields: list[Param]) -> str:
    body = " ".join(d if (d := _declarator(f)) else f"{f.type};" for f in fields)
    return f"{head} {{ {body} }};"


def _spelled(c_type: str) -> str:
    """clang's spelling of a type as analysis writes abstract declarators: `u32[4]` -> `u32 [4]`."""
    return " ".join(re.sub(r"(?<=[\w)])\[", " [", c_type).split())


def _mentions(fields: list[Param]) -> list[str]:
    """The type names member types mention (`struct minmax_sample`, `u32`)."""
    return sorted({m.group(0) for f in fields for m in _NAME.finditer(f.type)})


def add_to(codebase: Codebase, outside: Outside) -> None:
    """Add the types of `outside` SRC names (in a function, type, global or macro), with those they mention,
    behind SRC's own; and the functions it declares that SRC names but does not define, behind SRC's
    prototypes."""
    texts = [f.source for f in codebase.functions.values()] + [t.source for t in codebase.types.values()] + \
        [g.source or g.type for g in codebase.globals.values()] + [m.body for m in codebase.macros.values()]
    words = {w for text in texts for w in _WORD.findall(text or "")}
    wanted = sorted(k for k in outside.types if k.split()[-1] in words)
    seen: set[str] = set()
    while wanted:
        name = wanted.pop()
        if name in seen or name in codebase.types:
            continue
        seen.add(name)
        wanted += [d for d in outside.types[name].depends_on if d in outside.types]
    for name in sorted(seen):
        codebase.types[name] = outside.types[name]
    defined = {f.name for f in codebase.functions.values()}
    for name in sorted((outside.functions.keys() & words) - defined - codebase.prototypes.keys()):
        codebase.prototypes[name] = outside.functions[name]
    _add_macros(codebase, outside, words, defined | codebase.prototypes.keys() | outside.functions.keys())


def _add_macros(codebase: Codebase, outside: Outside, words: set[str], functions: set[str]) -> None:
    """The macros of `outside` SRC names, and those their bodies name, with one definition each (the one
    every unit's compiler used), unless SRC defines the name or some header declares a function of it."""
    wanted = sorted(outside.macros.keys() & words)
    while wanted:
        name = wanted.pop()
        defs = outside.macros[name]
        if name in codebase.outside_macros or name in codebase.macros or name in functions or len(defs) != 1:
            continue
        codebase.outside_macros[name] = defs[0]
        wanted += [w for w in _WORD.findall(defs[0].body) if w in outside.macros]
