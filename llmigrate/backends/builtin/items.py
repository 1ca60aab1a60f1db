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

from llmigrate.backends.builtin import cfront, inline_rust, items_stream
from llmigrate.backends.builtin.items_bitfields import HELPERS as BF_HELPERS
from llmigrate.backends.builtin.items_collect import Collected
from llmigrate.backends.builtin.items_externs import extern_block, header_statics
from llmigrate.backends.builtin.items_macros import macro_consts, parse_probe, probe_source
from llmigrate.backends.builtin.items_types import Item, is_scalar_alias
from llmigrate.backends.builtin.items_vars import function_value, global_items, overaligned
from llmigrate.core import Codebase, SharedTranslation
from llmigrate.signatures.mapper import rust_ident

HEADER = "// Shared items of the C code: types, constants, globals and external declarations.\n"


def translate_shared(codebase: Codebase) -> SharedTranslation:
    """src/shared.rs for `codebase`, its C files read one at a time (items_stream)."""
    front = cfront.front_for(codebase)
    front.trim(cfront.KEEP_TUS)
    done = items_stream.stream(codebase, front)
    col, st = done.col, done.st
    types = _type_items(done)
    values = _value_items(done, codebase, front)
    col.overaligned = overaligned(col, front)
    globals_ = global_items(col, st, lambda fn: function_value(fn, codebase, col))
    so_far = "\n".join(it.code for it in [*types, *values, *globals_])
    externs = {rust_ident(n) for n in [*col.extern_functions, *col.extern_vars]}
    statics = header_statics(col.extern_functions)
    rust, kept = inline_rust.translate(statics, codebase, col.rel, so_far, st.names, externs)
    st.notes += [f"{why}; it stays C (csrc/llmigrate_shared.c)" for _, why in sorted(kept.items())]
    externs = extern_block(col.extern_functions, col.extern_vars, st, frozenset(rust))
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


def _type_items(done: items_stream.Streamed) -> list[Item]:
    """The records (emitted during the pass), then the typedefs: Rust has one type namespace."""
    col, st, items, seen = done.col, done.st, done.types, done.seen
    for td in done.typedefs:
        item, err = td.item, td.err
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
        if item or rust_ident(td.spelling) in seen:
            st.names[td.spelling] = rust_ident(td.spelling)
    return items


def _value_items(done: items_stream.Streamed, codebase: Codebase, front: cfront.Front) -> list[Item]:
    col, st = done.col, done.st
    items: list[Item] = []
    for enum in done.enums:
        if enum.tag is not None:
            st.names[f"enum {enum.tag}"] = enum.rust
        for it in enum.items:
            if any(i.code == it.code for i in items):
                continue  # the same enum reached through another path to its header
            if it.name in col.values_taken:
                it = _renamed_constant(col, st, it, enum.tag if enum.tag is not None else "enum")
            else:
                _claim(col, st, it.name, it.where, "enum constant")
            items.append(it)
    for it in _macro_items(codebase, front, col):
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


def _macro_items(codebase: Codebase, front: cfront.Front, col: Collected) -> list[Item]:
    """Object-like macros of SRC that clang evaluates to constants, probed once per C file."""
    macros = sorted((m for m in codebase.macros.values() if not m.function_like and m.body.strip()),
                    key=lambda m: (m.file, m.line, m.name))
    found: dict[str, Item] = {}
    tried: set[str] = set()  # a header's macro is probed once, in the first C file that includes the header
    for rel in codebase.c_files():
        seen = col.includes[rel]
        todo = [m for m in macros if m.name not in found and (m.file == rel or m.name not in tried
                and not m.file.endswith(".c") and front.resolve(str(front.root / m.file)) in seen)]
        tried.update(m.name for m in todo)
        if not todo:
            continue
        text = probe_source((front.root / rel).resolve(), [m.name for m in todo])
        consts = macro_consts(parse_probe(front, text))
        for m in todo:
            if m.name in consts:
                found[m.name] = Item(m.name, consts[m.name], f"{m.file}:{m.line}")
    return sorted(found.values(), key=lambda it: it.where)
