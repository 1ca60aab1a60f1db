"""The builtin translation of shared items: src/shared.rs from every C file of SRC, through libclang.

Types come with their exact C layout (rustc re-checks it through `const _: () = assert!(...)` lines), enum
constants and constant macros carry the C type clang gives them, globals keep their initializers, and every
function or variable used but not defined in SRC gets an `extern "C"` declaration from the prototype clang
saw.
What cannot be expressed faithfully is listed in `SharedTranslation.failures`, never approximated.

Names function bodies rely on (all through `signatures.rust_ident`):
- records: `items_names.record_name`; a run of bit-fields is a `_bf<k>: [u8; N]` field read and written with
  `name()` / `set_name(v)`; anonymous members are `__anon<i>` fields (`items_names.member_path_after`);
- globals: their C name, `#[no_mangle]` when non-static; when several files have a global of one name, every
  one of them is `<module>__<name>`, listed in `SharedTranslation.names` under "file:name";
- externs: C name, canonical C types (`size_t` -> u64); the address of a function of SRC is its C ABI entry in
  ffi.rs (`RustSignature.abi_path`; a static function's is `<module>__abi_<name>`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import clang.cindex as ci

from llmigrate.backends.builtin import cfront, inline_rust
from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.bindings import included
from llmigrate.backends.builtin.globals_atomic import definition as atomic_definition
from llmigrate.backends.builtin.items_bitfields import HELPERS as BF_HELPERS
from llmigrate.backends.builtin.items_collect import Collected, collect, mentions_typedef
from llmigrate.backends.builtin.items_externs import extern_block, header_statics
from llmigrate.backends.builtin.items_globals import InitContext, NotConstant, init_expr, initializer
from llmigrate.backends.builtin.items_macros import PROBE_NAME, macro_consts, probe_source
from llmigrate.backends.builtin.items_names import is_unnamed, record_name
from llmigrate.backends.builtin.items_types import (
    STREAM_RECORDS,
    Item,
    by_value_records,
    enum_items,
    is_scalar_alias,
    nested_records,
    opaque_item,
    record_item,
    typedef_item,
    where,
)
from llmigrate.backends.builtin.items_walk import top_level_in
from llmigrate.core import Codebase, SharedTranslation
from llmigrate.signatures.mapper import map_signature, rust_ident, static_global_symbol

HEADER = "// Shared items of the C code: types, constants, globals and external declarations.\n"


def translate_shared(codebase: Codebase,
                     tus: dict[str, ci.TranslationUnit] | None = None) -> SharedTranslation:
    """src/shared.rs for `codebase`; `tus` (C file -> parsed unit) may be passed to reuse parses."""
    front = cfront.front_for(codebase)
    root = Path(codebase.root).resolve()
    tus = tus if tus is not None else _units(codebase, front)
    col = collect(root, tus, set(codebase.files))
    st = SharedTranslation(code="", failures=list(col.failures))
    types = _type_items(col, st)
    values = _value_items(col, st, codebase, front)
    col.overaligned = _overaligned(col, front)
    globals_ = _global_items(col, st, lambda fn: _function_value(fn, codebase, col))
    so_far = "\n".join(it.code for it in [*types, *values, *globals_])
    externs = {rust_ident(n) for n in [*col.extern_functions, *col.extern_vars]}
    rust, kept = inline_rust.translate(header_statics(col), codebase, col.rel, so_far, st.names, externs)
    st.notes += [f"{why}; it stays C (csrc/llmigrate_shared.c)" for _, why in sorted(kept.items())]
    externs = extern_block(col, st, frozenset(rust))
    asserts = [a for it in types for a in it.asserts]
    sections = [HEADER, *(it.code for it in types), *(it.code for it in values), externs,
                *(it.code for it in globals_), *(rust[name] for name in sorted(rust))]
    if asserts:
        sections.append("// Layout checks: rustc verifies clang's size, alignment and offsets.\n"
                        + "\n".join(asserts) + "\n")
    if any("llmigrate_bf_get" in it.code for it in types):
        sections.insert(1, BF_HELPERS)
    st.code = "\n".join(s for s in sections if s)
    return st


def _units(codebase: Codebase, front: cfront.Front) -> dict[str, ci.TranslationUnit]:
    """Every C file's unit, and those of headers defining functions that no C file includes (their static
    inline functions are translated too, so the types their signatures name must be in shared.rs)."""
    tus = {f: front.parse(f)[0] for f in codebase.c_files()}
    seen = {front.resolve(name) for tu in tus.values() for name in included(tu)}
    for h in sorted({fn.file for fn in codebase.functions.values() if not fn.file.endswith(".c")}):
        if front.resolve(str(front.root / h)) not in seen:
            tus[h] = front.parse(h)[0]
    return tus


def _type_items(col: Collected, st: SharedTranslation) -> list[Item]:
    items: list[Item] = []
    seen: set[str] = set()
    # Complete definitions first: a unit that only declares `struct foo;` must not hide another's definition.
    for decl in sorted(col.records, key=lambda d: d.get_definition() is None):
        _record(decl, col, st, items, seen)
    for decl in col.typedefs:
        try:
            item, err = typedef_item(decl, col.rel)
        except Exception as e:  # noqa: BLE001 - reported as this typedef's failure, the rest goes on
            item, err = None, f"{where(decl, col.rel)}: typedef '{decl.spelling}': internal error ({e!r})"
        if err:
            st.failures.append(err)
        if item and item.name in seen and (is_scalar_alias(item) or any(i.code == item.code for i in items)):
            pass  # the same alias again, or one bodies spell as its primitive anyway
        elif item and item.name in seen:
            # C keeps tags and typedef names apart; Rust has one type namespace.
            st.failures.append(f"{item.where}: typedef '{item.name}': a struct/union of that name already "
                               f"exists and is a different type")
            col.clashing_typedefs.add(item.name)
        elif item:
            seen.add(item.name)
            items.append(item)
        if item or rust_ident(decl.spelling) in seen:
            st.names[decl.spelling] = rust_ident(decl.spelling)
    return items


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


def _value_items(col: Collected, st: SharedTranslation, codebase: Codebase,
                 front: cfront.Front) -> list[Item]:
    items: list[Item] = []
    for decl in col.enums:
        if not is_unnamed(decl):
            st.names[f"enum {decl.spelling}"] = bt.rust_type(decl.enum_type)
        for it in enum_items(decl, col.rel):
            if any(i.code == it.code for i in items):
                continue  # the same enum reached through another path to its header
            if it.name in col.values_taken:
                it = _renamed_constant(col, st, it, decl.spelling if not is_unnamed(decl) else "enum")
            else:
                _claim(col, st, it.name, it.where, "enum constant")
            items.append(it)
    for it in _macro_items(codebase, front):
        if _claim(col, st, it.name, it.where, "macro"):
            items.append(it)
    return items


def _renamed_constant(col: Collected, st: SharedTranslation, it: Item, tag: str) -> Item:
    """An enum constant named like another shared item (a global of another file, a constant of another
    enum) is `<name>__<enum tag>` in Rust, listed in `names` under "file:name"; bodies use enum constants
    by value. (A parameter renamed for a global gets `_` appended: the two cannot meet.)"""
    name = f"{it.name}__{tag}"
    while name in col.values_taken:
        name += "_"
    st.names[f"{it.where.rsplit(':', 1)[0]}:{it.name}"] = name
    col.values_taken.add(name)
    code = it.code.replace(f"pub const {rust_ident(it.name)}:", f"pub const {name}:", 1)
    return Item(name, code, it.where)


def _claim(col: Collected, st: SharedTranslation, name: str, loc: str, what: str) -> bool:
    """Reserve a value name in shared.rs; a second, different item of that name is a failure."""
    if name in col.values_taken:
        st.failures.append(f"{loc}: {what} '{name}': the name is already used by another shared item")
        return False
    col.values_taken.add(name)
    st.names[name] = rust_ident(name)
    return True


def _macro_items(codebase: Codebase, front: cfront.Front) -> list[Item]:
    """Object-like macros of SRC that clang evaluates to constants, probed once per C file."""
    macros = sorted((m for m in codebase.macros.values() if not m.function_like and m.body.strip()),
                    key=lambda m: (m.file, m.line, m.name))
    found: dict[str, Item] = {}
    tried: set[str] = set()  # a header's macro is probed once, in the first C file that includes the header
    for rel in codebase.c_files():
        seen = {front.resolve(name) for name in included(front.parse(rel)[0])}
        todo = [m for m in macros if m.name not in found and (m.file == rel or m.name not in tried
                and not m.file.endswith(".c") and front.resolve(str(front.root / m.file)) in seen)]
        tried.update(m.name for m in todo)
        if not todo:
            continue
        probe = front.root / PROBE_NAME
        text = probe_source((front.root / rel).resolve(), [m.name for m in todo])
        tu = front.index.parse(str(probe), args=front.args, unsaved_files=[(str(probe), text)])
        consts = macro_consts(tu)
        for m in todo:
            if m.name in consts:
                found[m.name] = Item(m.name, consts[m.name], f"{m.file}:{m.line}")
    return sorted(found.values(), key=lambda it: it.where)


def _overaligned(col: Collected, front: cfront.Front) -> dict[str, int]:
    """Globals whose `aligned` attribute asks for more than their type's alignment: key -> alignment."""
    marked = [(k, v) for k, v in col.globals.items()
              if any(c.kind == ci.CursorKind.ALIGNED_ATTR for c in v.get_children())]
    out: dict[str, int] = {}
    for file in sorted({v.location.file.name for _, v in marked}):
        group = [(k, v) for k, v in marked if v.location.file.name == file]
        # gcc's __alignof__ of a variable is its declared alignment; clang agrees and evaluates it for us.
        asks = [f"enum {{ __llmigrate_align_{i} = __alignof__({v.spelling}) }};\n"
                for i, (_, v) in enumerate(group)]
        text = f'#include "{file}"\n' + "".join(asks)
        probe = str(front.root / PROBE_NAME)
        tu = front.index.parse(probe, args=front.args, unsaved_files=[(probe, text)])
        values = {c.spelling: c.enum_value for e in top_level_in(tu, [probe]) for c in e.get_children()}
        for i, (k, v) in enumerate(group):
            align = values.get(f"__llmigrate_align_{i}")
            if align is None or align > v.type.get_align():
                out[k] = align or -1
    return out


def _function_value(fn: ci.Cursor, codebase: Codebase, col: Collected) -> tuple[str, str] | None:
    """(path, Rust fn type) of a function's address in a constant: its C ABI entry in ffi.rs (a static
    function's adapter: RustSignature.abi_path), or the extern."""
    name = fn.spelling
    if name not in col.defined_functions:
        col.extern_functions.setdefault(name, fn)
        return name, bt.fn_pointer(fn.type.get_canonical())[7:-1]  # as items_externs declares it
    defn = fn.get_definition()
    file = col.rel(defn.location.file.name) if defn is not None and defn.location.file else None
    cfn = next((f for f in codebase.functions.values() if f.name == name and f.file == file), None)
    if cfn is None:
        return None
    sig = map_signature(cfn, codebase)
    if sig.abi_path is None:
        return None
    params = ", ".join(p.abi_type for p in sig.params)
    ret = "" if sig.abi_ret == "()" else f" -> {sig.abi_ret}"
    return sig.abi_path, f"unsafe extern \"C\" fn({params}){ret}"


@dataclass
class KeptInC:
    """A global whose initializer is not translated: its C definition stays (csrc/), Rust declares it."""

    why: str


def _value(init: ci.Cursor | None, var: ci.Cursor, rust: str, ctx: InitContext) -> str | KeptInC:
    """The Rust initializer of a global; an exported global whose initializer cannot be evaluated (a macro
    builds it from an address cast, ...) keeps its C definition rather than a made-up value."""
    if init is None:
        return bt.zero_value(rust)  # C's static zero-initialisation
    try:
        return init_expr(init, var.type, ctx)
    except NotConstant as e:
        if var.linkage == ci.LinkageKind.INTERNAL and var.location.file is not None \
                and var.location.file.name.endswith(".c") and not _names_statics(init):
            return KeptInC(str(e))  # csrc/ gives the file's static a private exported alias
        if var.linkage != ci.LinkageKind.EXTERNAL or ctx.global_name(var) != rust_ident(var.spelling):
            raise  # no C symbol the Rust could name
        return KeptInC(str(e))


def _names_statics(c: ci.Cursor, seen: set[int] | None = None) -> bool:
    """The initializer names a static variable, or a static function that does (directly or through other
    static functions): the kept C has its own copy of those, which the Rust would not share. A stateless
    static function may have both copies."""
    seen = set() if seen is None else seen
    for k in c.walk_preorder():
        r = k.referenced if k.kind == ci.CursorKind.DECL_REF_EXPR else None
        if r is None:
            continue
        if r.kind == ci.CursorKind.VAR_DECL and (r.linkage == ci.LinkageKind.INTERNAL
                                                 or r.storage_class == ci.StorageClass.STATIC):
            return True
        if r.kind == ci.CursorKind.FUNCTION_DECL and r.linkage == ci.LinkageKind.INTERNAL \
                and r.hash not in seen:
            seen.add(r.hash)
            body = r.get_definition()
            if body is None or _names_statics(body, seen):
                return True
    return False


def _declared(name: str, rust: str, why: str, symbol: str | None) -> str:
    """The Rust side of a global kept in C (reintegrate.keep_c keeps its definition in csrc/); `symbol`: the
    alias of a static one."""
    link = f"    #[link_name = \"{symbol}\"]\n" if symbol else ""  # a C identifier: nothing to escape
    return (f"// Kept in C: its initializer is not translated ({' '.join(why.split())}).\n"
            f"unsafe extern \"C\" {{\n{link}    pub static mut {name}: {rust};\n}}\n")


def _global_items(col: Collected, st: SharedTranslation, function_value) -> list[Item]:
    ctx = InitContext(global_name=lambda v: col.global_names.get(col.global_key(v)),
                      function_value=function_value)
    items = []
    for key, var in col.globals.items():
        name = col.global_names[key]
        loc = where(var, col.rel)
        try:
            if by_value_records(var.type) in col.failed_records:
                raise NotConstant(f"its type holds '{by_value_records(var.type)}', which is not translated")
            if mentions_typedef(var.type, col.clashing_typedefs):
                raise NotConstant("its type uses a typedef whose name Rust gives to another struct")
            if key in col.overaligned:
                raise NotConstant(f"declared with alignment {col.overaligned[key]}, more than its type has; "
                                  "a Rust static cannot be over-aligned")
            if var.tls_kind != ci.TLSKind.NONE:
                # one copy per thread in C; a `static mut` would be shared by all threads
                raise NotConstant("thread-local storage (_Thread_local/__thread) is not translated")
            rust = bt.rust_type(var.type)
            init = initializer(var)
            value = _value(init, var, rust, ctx)
        except (bt.Unsupported, NotConstant) as e:
            st.failures.append(f"{loc}: global '{var.spelling}': {e}")
            continue
        except Exception as e:  # noqa: BLE001 - one odd global must not stop the whole shared module
            st.failures.append(f"{loc}: global '{var.spelling}': internal error ({type(e).__name__}: {e})")
            continue
        # Renamed (clashing) globals are listed as "file:name", like the ids of clashing static functions.
        renamed = name != rust_ident(var.spelling)
        st.names[f"{loc.rsplit(':', 1)[0]}:{var.spelling}" if renamed else var.spelling] = name
        if isinstance(value, KeptInC):
            symbol = static_global_symbol(loc.rsplit(":", 1)[0], var.spelling) \
                if var.linkage == ci.LinkageKind.INTERNAL else None
            items.append(Item(name, _declared(name, rust, value.why, symbol), loc))
            continue
        # A non-static global keeps its C symbol, so C callers, C tests and functions kept in C share it.
        export = "#[no_mangle]\n" if var.linkage == ci.LinkageKind.EXTERNAL and not renamed else ""
        atomic = None if bt.is_const(var.type) else atomic_definition(name, rust, value)  # a scalar
        plain = f"pub {bt.static_keyword(var.type)} {name}: {rust} = {value};\n"
        items.append(Item(name, export + (atomic or plain), loc))
    return items

