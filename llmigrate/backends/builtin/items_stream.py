"""The shared items' pass over SRC, one translation unit at a time: memory stays bounded in SRC's size.

Each unit is parsed, collected (items_collect), and what it added turned into summaries (records emitted,
typedefs and enums as items, globals as `GlobalFacts`) before the next one is parsed; the Front keeps only
its last few units. Units come in the order of their file names, as when all were held at once.

Collecting a unit asks whether a name is defined in SRC, and which headers no C file includes (those are
read as units of their own); for the units not read yet the analysis answers (`Hints`). When the end finds
one of those answers wrong, the pass runs again with what the first one learnt, which is then exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import clang.cindex as ci

from llmigrate.backends.builtin import cfront
from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.bindings import included
from llmigrate.backends.builtin.items_collect import Collected, Known, add_unit, name_globals
from llmigrate.backends.builtin.items_names import is_unnamed, record_name
from llmigrate.backends.builtin.items_types import (
    STREAM_RECORDS,
    Item,
    enum_items,
    nested_records,
    opaque_item,
    record_item,
    typedef_item,
    where,
)
from llmigrate.backends.builtin.items_vars import global_facts
from llmigrate.core import Codebase, SharedTranslation


@dataclass(frozen=True)
class Hints:
    """What SRC defines, for the units not read yet: function and non-static variable names, and the
    headers defining functions that some C file includes."""

    functions: frozenset[str]
    variables: frozenset[str]
    covered: frozenset[str]


@dataclass
class TypedefSeen:
    item: Item | None
    err: str | None
    spelling: str


@dataclass
class EnumSeen:
    tag: str | None  # None for an unnamed enum
    rust: str | None  # its integer type, for a named one
    items: list[Item]


@dataclass
class Streamed:
    """What the pass leaves for the end of translate_shared: no cursor but those the end needs."""

    col: Collected
    st: SharedTranslation
    types: list[Item] = field(default_factory=list)  # records, in emission order
    seen: set[str] = field(default_factory=set)  # Rust names of the records emitted
    opaque: list[tuple[str, Item]] = field(default_factory=list)  # records only declared, emitted last
    typedefs: list[TypedefSeen] = field(default_factory=list)
    enums: list[EnumSeen] = field(default_factory=list)


def stream(codebase: Codebase, front: cfront.Front, hints: Hints | None = None) -> Streamed:
    """Every unit of SRC collected, one at a time; `hints` (the analysis's by default) answer for the units
    not read yet."""
    hints = _hints(codebase) if hints is None else hints
    done, learnt = _pass(codebase, front, hints)
    if learnt is None:
        return done
    done, _ = _pass(codebase, front, learnt)  # exact this time
    return done


def _pass(codebase: Codebase, front: cfront.Front, hints: Hints) -> tuple[Streamed, Hints | None]:
    """One pass; and the hints it learnt, None when every hinted answer was right."""
    col = Collected(root=Path(codebase.root).resolve(), defined_functions=Known(hints.functions),
                    defined_vars=Known(hints.variables))
    s = Streamed(col, SharedTranslation(code="", failures=[]))
    c_files, headers = codebase.c_files(), _function_headers(codebase)
    for h in headers:
        front.assume_unincluded(h, h not in hints.covered)
    analyzed = set(codebase.files)
    front.scanning = True  # keeps the first files parsed for the units (cfront.Front.scanning)
    try:
        for rel in sorted([*c_files, *(h for h in headers if h not in hints.covered)]):
            tu = front.parse(rel)[0]
            if rel.endswith(".c"):
                col.includes[rel] = frozenset(front.resolve(name) for name in included(tu))
            add_unit(tu, col, analyzed)
            _summarise(s)
    finally:
        front.scanning = False
    for name, item in s.opaque:
        if name not in s.seen:
            s.seen.add(name)
            s.types.append(item)
    name_globals(col)
    covered = frozenset(h for h in headers if _covered(h, col, front))
    exact = [col.defined_functions.settle(), col.defined_vars.settle(), covered == hints.covered]
    if all(exact):
        return s, None
    return s, Hints(frozenset(col.defined_functions.met), frozenset(col.defined_vars.met), covered)


def _function_headers(codebase: Codebase) -> list[str]:
    return sorted({fn.file for fn in codebase.functions.values() if not fn.file.endswith(".c")})


def _covered(header: str, col: Collected, front: cfront.Front) -> bool:
    target = front.resolve(str(front.root / header))
    return any(target in found for found in col.includes.values())


def _hints(codebase: Codebase) -> Hints:
    """The analysis's answers: the names it found defined, and headers some file includes by that name."""
    written = {Path(name.strip('<>"')).name for names in codebase.includes.values() for name in names}
    return Hints(frozenset(fn.name for fn in codebase.functions.values()),
                 frozenset(g.name for g in codebase.globals.values() if not g.is_static and not g.is_extern),
                 frozenset(h for h in _function_headers(codebase) if Path(h).name in written))


def _summarise(s: Streamed) -> None:
    """Turn what the unit just collected added into summaries, so that the unit can go."""
    col = s.col
    for decl in col.records:
        if decl.get_definition() is None:
            s.opaque.append((record_name(decl), opaque_item(decl, col.rel)))
        else:  # definitions come first, in the order met: a unit only declaring one never hides it
            _record(decl, col, s.st, s.types, s.seen)
    s.typedefs += [_typedef(decl, col) for decl in col.typedefs]
    s.enums += [EnumSeen(None if is_unnamed(d) else d.spelling,
                         None if is_unnamed(d) else bt.rust_type(d.enum_type), enum_items(d, col.rel))
                for d in col.enums]
    for key, var in col.fresh.items():
        col.globals[key] = global_facts(var, col)
    col.records, col.typedefs, col.enums, col.fresh = [], [], [], {}


def _typedef(decl: ci.Cursor, col: Collected) -> TypedefSeen:
    try:
        item, err = typedef_item(decl, col.rel)
    except Exception as e:  # noqa: BLE001 - reported as this typedef's failure, the rest goes on
        item, err = None, f"{where(decl, col.rel)}: typedef '{decl.spelling}': internal error ({e!r})"
    return TypedefSeen(item, err, decl.spelling)


def _record(decl: ci.Cursor, col: Collected, st: SharedTranslation, items: list[Item],
            seen: set[str]) -> None:
    """Emit a record after the unnamed records it holds; one that fails stays usable behind pointers."""
    name = record_name(decl)
    defn = decl.get_definition()
    if name in seen:
        site = where(defn, col.rel) if defn is not None else None
        if site is not None and col.record_sites.get(name, site) != site:
            # C tags are per scope or file; Rust has one `name` in shared.rs for both.
            st.failures.append(f"{site}: struct '{name}': another definition of that name "
                               f"({col.record_sites[name]}) is in shared.rs; bodies using this one would get "
                               "the wrong layout")
        return
    seen.add(name)
    if defn is not None:
        col.record_sites[name] = where(defn, col.rel)
    if defn is None:
        items.append(opaque_item(decl, col.rel))
        return
    if name in STREAM_RECORDS and defn.location.is_in_system_header:
        items.append(opaque_item(defn, col.rel, "the C library's FILE, whose members are the library's (C11 "
                                 "7.21.1p2): C code holds it only through pointers, and a reference to this "
                                 "zero-sized type covers no memory the library may use meanwhile"))
        return
    for inner in nested_records(defn):
        _record(inner, col, st, items, seen)
    try:
        item, err = record_item(defn, col.rel, col.failed_records)
    except Exception as e:  # noqa: BLE001 - reported as this record's failure, the rest goes on
        item, err = None, f"{where(defn, col.rel)}: struct '{name}': internal error ({type(e).__name__}: {e})"
    if err:
        st.failures.append(err)
        col.failed_records.add(name)
        items.append(opaque_item(defn, col.rel, "not translated, see the failures of shared items"))
        return
    items.append(item)
    if not is_unnamed(defn):
        kind = "union" if defn.kind == ci.CursorKind.UNION_DECL else "struct"
        st.names[f"{kind} {defn.spelling}"] = name
