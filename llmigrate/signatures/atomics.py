"""Scalar C globals as Rust atomics (issue 15): a global of integer, bool, enum or floating type that is not
const becomes `pub static NAME: core::sync::atomic::AtomicI32` (the atomic of the same size and alignment,
so C code naming it `extern int NAME;` reads and writes the same bytes), accessed with Relaxed loads and
stores. Touching it is then safe Rust, and a function whose body is otherwise checked is a safe fn.

This module is what the signatures (soundness) and the builtin's shared items agree on: which Rust scalar
types have an atomic, and which globals of the analysis become one.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.core import Codebase
from llmigrate.signatures.kinds import unsized
from llmigrate.signatures.memo import per_codebase
from llmigrate.signatures.proof import node_text

# Rust scalar -> the atomic holding it: floats live in the unsigned atomic of their size, as their bits.
ATOMIC_TYPES = {"bool": "AtomicBool", "i8": "AtomicI8", "u8": "AtomicU8", "i16": "AtomicI16",
                "u16": "AtomicU16", "i32": "AtomicI32", "u32": "AtomicU32", "i64": "AtomicI64",
                "u64": "AtomicU64", "isize": "AtomicIsize", "usize": "AtomicUsize", "f32": "AtomicU32",
                "f64": "AtomicU64"}
ATOMIC = "core::sync::atomic::"
RELAXED = "core::sync::atomic::Ordering::Relaxed"
# one copy per thread, or an alignment the atomic type does not have: stays a `static mut`
_NOT_PLAIN = re.compile(r"\b(?:_Thread_local|__thread|thread_local|_Alignas|aligned|section)\b")


def atomic_type(rust: str) -> str | None:
    """The full path of the atomic type holding Rust scalar `rust`, or None when it has none."""
    name = ATOMIC_TYPES.get(rust)
    return ATOMIC + name if name else None


def atomic_global(key: str, codebase: Codebase) -> bool:
    """The global (a key of `codebase.globals`) is defined in SRC, not const, of a scalar type with an
    atomic, plain (not thread-local, not over-aligned) and initialised by a constant the builtin evaluates:
    its Rust is an atomic, safe to touch."""
    return key in _atomic_keys(codebase)


@per_codebase
def _atomic_keys(codebase: Codebase) -> set[str]:
    from llmigrate.signatures.mapper import c_type_to_rust

    addressed = {g.name for g in codebase.globals.values()} | {f.name for f in codebase.functions.values()}
    keys = set()
    for key, g in sorted(codebase.globals.items()):
        if g.is_const or g.is_extern or any(ch in g.type for ch in "[*(") or re.search(r"\bconst\b", g.type):
            continue
        init = g.source if g.by_macro else g.init or ""  # a macro's definition: its invocation
        if _NOT_PLAIN.search(g.source) or not _plain_init(init, codebase, addressed, set()):
            continue
        if c_type_to_rust(g.type, codebase) in ATOMIC_TYPES:
            keys.add(key)
    return keys


def atomic_local(decl: Node, name: Node, codebase: Codebase) -> str | None:
    """"atomic" when the `static` local `name` (an identifier of declaration `decl`, tree-sitter) becomes an
    atomic helper (a plain declarator of a scalar type, initialised by a constant), else None."""
    from llmigrate.signatures.mapper import c_type_to_rust

    kind = decl.child_by_field_name("type")
    if name.parent is None or name.parent.type not in ("init_declarator", "declaration") or kind is None \
            or _NOT_PLAIN.search(node_text(decl)):
        return None
    if c_type_to_rust(node_text(kind), codebase) not in ATOMIC_TYPES:
        return None
    value = name.parent.child_by_field_name("value") if name.parent.type == "init_declarator" else None
    plain = value is None or _plain_init(node_text(value), codebase, _addressed(codebase), set())
    return "atomic" if plain else None


@per_codebase
def _addressed(codebase: Codebase) -> set[str]:
    """The names whose address an initializer may take: every global and function of SRC (once per
    codebase: per static local, the set made the scan quadratic in the codebase, issue 17)."""
    return {g.name for g in codebase.globals.values()} | {f.name for f in codebase.functions.values()}


def _plain_init(text: str, codebase: Codebase, addressed: set[str], seen: set[str]) -> bool:
    """The initializer (through the macros it uses) names no address: no `&`, string, global or function.
    An address cast to an integer is a constant C has and the builtin does not evaluate: such a global keeps
    its C definition, and shared.rs declares it `static mut` (items.py)."""
    if "&" in text or '"' in text:
        return False
    for word in re.findall(r"[A-Za-z_]\w*", text):
        if word in seen:
            continue
        seen.add(word)
        macro = codebase.macros.get(word)
        if word in addressed or macro is not None and not _plain_init(macro.body, codebase, addressed, seen):
            return False
    return True


def immutable_global(name: str, codebase: Codebase) -> bool:
    """The global becomes a plain Rust `static` (C const data holding no pointer): reading it is safe."""
    g = codebase.globals.get(name)  # (an array's size may spell `*` or parentheses: `u16 t[N * (K + 1)]`)
    if g is None or not g.is_const or g.is_extern or "*" in unsized(g.type) or "(" in unsized(g.type):
        return False
    base = re.sub(r"\[[^\]]*\]|\bconst\b|\bvolatile\b", " ", g.type).split()
    ct = codebase.types.get(" ".join(base))
    return ct is None or not any("*" in unsized(f.type) or "(" in unsized(f.type) for f in ct.fields)
