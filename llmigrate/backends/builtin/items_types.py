"""Structs, unions, enums and typedefs of the C code as Rust items with the exact C layout."""

from __future__ import annotations

from dataclasses import dataclass, field

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.items_bitfields import accessors, runs
from llmigrate.backends.builtin.items_names import (
    RECORD_KINDS,
    field_name,
    is_anonymous_member,
    is_unnamed,
    record_name,
)
from llmigrate.signatures.mapper import VOID, rust_ident

# Rust's primitive types: an alias of that name would shadow the primitive in every module.
RUST_PRIMITIVES = frozenset("bool char str i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64"
                            .split())

K = ci.TypeKind


@dataclass
class Item:
    """One Rust item for shared.rs, with the C location it came from (for ordering and messages)."""

    name: str
    code: str
    where: str  # "file:line"
    asserts: list[str] = field(default_factory=list)  # layout checks rustc evaluates
    deps: list[str] = field(default_factory=list)  # Rust type names it mentions


def where(cursor: ci.Cursor, rel=lambda p: p) -> str:
    loc = cursor.location
    return f"{rel(loc.file.name) if loc.file else '?'}:{loc.line}"


def _field_type(f: ci.Cursor) -> str:
    t = f.type.get_canonical()
    if t.kind == K.INCOMPLETEARRAY:
        # A flexible array member adds no size; [T; 0] keeps its offset and alignment exactly.
        return f"[{bt.rust_type(f.type.get_canonical().element_type)}; 0]"
    if is_anonymous_member(f):
        return record_name(t.get_declaration())
    return bt.rust_type(f.type)


def _simulate(fields: list[tuple[int, int]], packed: int | None) -> tuple[list[int], int, int]:
    """Offsets, size and alignment Rust's repr(C) gives fields of (size, align), optionally packed(N)."""
    offsets, off, align = [], 0, 1
    for size, a in fields:
        a = min(a, packed) if packed else a
        off = (off + a - 1) // a * a
        offsets.append(off)
        off += size
        align = max(align, a)
    return offsets, off, align


def nested_records(decl: ci.Cursor) -> list[ci.Cursor]:
    """The unnamed struct/union definitions used as member types of a record."""
    canon = [f.type.get_canonical() for f in decl.type.get_fields()]
    return [t.get_declaration() for t in canon if t.kind == K.RECORD and is_unnamed(t.get_declaration())]


def by_value_records(t: ci.Type) -> str | None:
    """The Rust name of the record a value of type `t` holds inline (through arrays), if any."""
    c = t.get_canonical()
    while c.kind in (K.CONSTANTARRAY, K.INCOMPLETEARRAY):
        c = c.element_type.get_canonical()
    return record_name(c.get_declaration()) if c.kind == K.RECORD else None


def record_item(decl: ci.Cursor, rel, failed: set[str]) -> tuple[Item | None, str | None]:
    """The Rust struct/union for a record definition, or why it cannot have C's layout in Rust."""
    name = record_name(decl)
    is_union = decl.kind == ci.CursorKind.UNION_DECL
    fields = list(decl.type.get_fields())
    for f in fields:
        if f.is_bitfield() and is_union:
            return None, f"{where(f, rel)}: bitfield: '{name}.{f.spelling}' in a union is not translated"
        inner = by_value_records(f.type)
        if inner in failed:
            return None, f"{where(f, rel)}: struct member: '{name}' holds '{inner}', which is not translated"
    bit_runs = runs(fields)
    try:
        members = _members(fields, bit_runs)
    except bt.Unsupported as e:
        return None, f"{where(decl, rel)}: {e.construct}: in '{name}': {e.reason}"
    repr_, err = _repr(decl, [(s, a) for _, _, s, a, _ in members], [o for *_, o in members], is_union)
    if err:
        return None, f"{where(decl, rel)}: layout: '{name}' {err}"
    kw = "union" if is_union else "struct"
    body = "".join(f"    pub {n}: {t},\n" for n, t, *_ in members)
    code = f"#[repr({repr_})]\n#[derive(Clone, Copy)]\npub {kw} {name} {{\n{body}}}\n"
    code += accessors(name, list(dict.fromkeys(bit_runs.values())))
    asserts = [f"const _: () = assert!(core::mem::size_of::<{name}>() == {decl.type.get_size()});",
               f"const _: () = assert!(core::mem::align_of::<{name}>() == {decl.type.get_align()});"]
    for n, _, _, _, off in members:
        asserts.append(f"const _: () = assert!(core::mem::offset_of!({name}, {n}) == {off});")
    return Item(name, code, where(decl, rel), asserts, [t for _, t, *_ in members]), None


def _members(fields: list[ci.Cursor], bit_runs: dict) -> list[tuple[str, str, int, int, int]]:
    """(Rust name, Rust type, size, align, byte offset) of each Rust field; bit-field runs as byte arrays."""
    out = []
    for i, f in enumerate(fields):
        if f.is_bitfield():
            run = bit_runs.get(i)
            if run is not None and run.members[0][0] == f:
                out.append((run.name, f"[u8; {run.size}]", run.size, 1, run.start))
            continue
        out.append((field_name(f, i), _field_type(f), max(f.type.get_size(), 0), max(f.type.get_align(), 1),
                    f.get_field_offsetof() // 8))
    return out


def _repr(decl: ci.Cursor, shape: list[tuple[int, int]], offsets: list[int],
          is_union: bool) -> tuple[str, str | None]:
    """`C`, `C, packed(N)` or `C, align(N)` reproducing clang's layout, or why none does."""
    size, align = decl.type.get_size(), decl.type.get_align()
    if size < 0:
        return "", "has no complete layout"
    # packed(N) also covers `#pragma pack`; the simulation accepts only an exact reproduction.
    for packed in (None, align):
        if is_union:
            sim_off = [0] * len(shape)
            end = max((s for s, _ in shape), default=0)
            nat = max((min(a, packed) if packed else a for _, a in shape), default=1)
        else:
            sim_off, end, nat = _simulate(shape, packed)
        if sim_off != offsets:
            continue
        rust_align = nat
        extra = ""
        if align > nat and not packed:
            extra, rust_align = f", align({align})", align
        elif align < nat and not packed:
            continue
        if (end + rust_align - 1) // rust_align * rust_align == size:
            return "C" + (f", packed({packed})" if packed else "") + extra, None
    return "", f"(size {size}, align {align}) cannot be reproduced with repr(C)/packed/align"


def enum_items(decl: ci.Cursor, rel) -> list[Item]:
    """Each enumerator as `pub const NAME: <enum integer type> = value;`."""
    rust = bt.rust_type(decl.enum_type)
    return [Item(c.spelling, f"pub const {rust_ident(c.spelling)}: {rust} = {c.enum_value};\n", where(c, rel))
            for c in decl.get_children() if c.kind == ci.CursorKind.ENUM_CONSTANT_DECL]


def typedef_item(decl: ci.Cursor, rel) -> tuple[Item | None, str | None]:
    """`pub type name = ...;` for every typedef the code uses: bodies name aggregates and function pointers
    by it, and a signature may spell any typedef (`time_t`, `utf16_t`) by its C name."""
    name = rust_ident(decl.spelling)
    try:
        rust = bt.rust_type(decl.type)
        target = bt.rust_type(decl.underlying_typedef_type) if rust == name else rust
    except bt.Unsupported as e:
        return None, f"{where(decl, rel)}: {e.construct}: typedef '{decl.spelling}': {e.reason}"
    if target == name or name in RUST_PRIMITIVES or (_is_scalar(target) and _reserved(decl.spelling)):
        return None, None
    target = VOID if target == "()" else target
    return Item(name, f"pub type {name} = {target};\n", where(decl, rel), deps=[target]), None


def is_scalar_alias(item: Item) -> bool:
    """A typedef item naming a primitive: bodies never use it, so a clash only drops it."""
    return _is_scalar(item.deps[0] if item.deps else "")


def _is_scalar(rust: str) -> bool:
    return bt.is_int(rust) or bt.is_float(rust) or rust in ("bool", "()", VOID)


def _reserved(name: str) -> bool:
    # The C library's own `__off_t`, `_G_fpos_t`...: reached through the typedefs that use them, named by none
    return name.startswith("__") or (name.startswith("_") and name[1:2].isupper())


STREAM_RECORDS = {"_IO_FILE"}  # the struct glibc's (and musl's) FILE names


def opaque_item(decl: ci.Cursor, rel, why: str = "incomplete in C") -> Item:
    """A struct usable only behind a pointer (incomplete, or not translatable) as a zero-sized opaque type."""
    name = record_name(decl)
    return Item(name, f"// Opaque: {why}.\n#[repr(C)]\npub struct {name} {{\n    _opaque: [u8; 0],\n}}\n",
                where(decl, rel))


def is_record(cursor: ci.Cursor) -> bool:
    return cursor.kind in RECORD_KINDS
