"""Rust names for C records and their members, shared by items (shared.rs) and the body translator.

C allows unnamed structs/unions: a top-level one named by a typedef takes the typedef's name; one nested as an
anonymous member becomes `<outer>__anon<i>` and is reached through a field `__anon<i>`, where `i` is the
member's position among the outer record's fields. A body translating `s.x` (x inside an anonymous member)
asks `member_path` for the Rust field chain.
"""

from __future__ import annotations

import itertools

import clang.cindex as ci

from llmigrate.signatures.mapper import rust_ident

RECORD_KINDS = (ci.CursorKind.STRUCT_DECL, ci.CursorKind.UNION_DECL)


def is_unnamed(record: ci.Cursor) -> bool:
    """True for a struct/union declared without a tag (`struct {`), even when clang spells it by a typedef."""
    toks = [t.spelling for t in itertools.islice(record.get_tokens(), 2)]
    if len(toks) == 2 and toks[1] == "{":
        return True
    return not record.spelling.isidentifier() or record.is_anonymous() or "(unnamed" in record.type.spelling \
        or "(anonymous" in record.type.spelling


def _typedef_name(record: ci.Cursor) -> str | None:
    """The typedef that names an unnamed top-level record: `typedef struct { ... } point;` -> "point"."""
    parent = record.semantic_parent
    if parent is None or parent.kind != ci.CursorKind.TRANSLATION_UNIT:
        return None
    # clang (>= 16) spells such a record by its typedef name.
    name = record.type.get_canonical().spelling.replace("struct ", "").replace("union ", "").strip()
    return name if name.isidentifier() else None


def is_anonymous_member(field: ci.Cursor) -> bool:
    """A FIELD_DECL that is an unnamed struct/union member (`union { int a; float b; };`)."""
    return field.kind == ci.CursorKind.FIELD_DECL and not field.spelling.isidentifier()


def record_name(record: ci.Cursor) -> str:
    """The Rust name of a struct/union declaration (definition or reference)."""
    record = record.get_definition() or record
    if not is_unnamed(record):
        return rust_ident(record.spelling)
    named = _typedef_name(record)
    if named:
        return rust_ident(named)
    parent = record.semantic_parent
    if parent is not None and parent.kind in RECORD_KINDS:
        for i, f in enumerate(parent.type.get_fields()):
            if f.type.get_canonical().get_declaration() == record:
                return f"{record_name(parent)}__anon{i}"
    loc = record.location
    return f"anon__{_stem(loc.file.name if loc.file else 'tu')}_{loc.line}_{loc.column}"


def _stem(path: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in path.rsplit("/", 1)[-1])


def field_name(field: ci.Cursor, index: int) -> str:
    """The Rust name of the `index`-th field of its record (anonymous members get `__anon<i>`)."""
    return f"__anon{index}" if is_anonymous_member(field) else rust_ident(field.spelling)


def member_path_after(field: ci.Cursor, base: ci.Cursor | None) -> list[str]:
    """`member_path(field)` minus the steps an implicit anonymous-member access in `base` already took.

    For `p->lo` with `lo` inside `union { struct { int lo; }; }`, libclang shows the base as an implicit
    MEMBER_REF_EXPR to the anonymous union: its translation already ends in `.__anon1`.
    """
    path = member_path(field)
    while base is not None and base.kind in (ci.CursorKind.UNEXPOSED_EXPR, ci.CursorKind.PAREN_EXPR):
        kids = list(base.get_children())
        base = kids[0] if len(kids) == 1 else None
    ref = base.referenced if base is not None and base.kind == ci.CursorKind.MEMBER_REF_EXPR else None
    if ref is None or not is_anonymous_member(ref):
        return path
    prefix = member_path(ref)
    return path[len(prefix):] if path[:len(prefix)] == prefix else path


def member_path(field: ci.Cursor) -> list[str]:
    """Rust field names from the nearest named record down to `field`, crossing anonymous members."""
    path: list[str] = []
    cur = field
    while True:
        parent = cur.semantic_parent
        fields = list(parent.type.get_fields())
        idx = next(i for i, f in enumerate(fields) if f == cur)
        path.insert(0, field_name(cur, idx))
        grand = parent.semantic_parent
        if grand is None or grand.kind not in RECORD_KINDS:
            return path
        holder = next((f for f in grand.type.get_fields()
                       if f.type.get_canonical().get_declaration() == parent), None)
        if holder is None or not is_anonymous_member(holder):
            return path
        cur = holder
