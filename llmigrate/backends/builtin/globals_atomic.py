"""Scalar globals as atomics (signatures/atomics.py): their definition in shared.rs, and in function bodies
their reads, writes and addresses as Relaxed loads, stores and `as_ptr()` (C's plain accesses: a program
without data races sees the same values; with one, C's behaviour is undefined anyway).

An atomic has the size and alignment of its scalar, and `#[no_mangle]` keeps the C symbol, so C code (kept
functions, C tests) declaring `extern int NAME;` reads and writes the same bytes. A float lives in the
unsigned atomic of its size as its bits.
"""

from __future__ import annotations

import re

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import unparen
from llmigrate.backends.builtin.cursors import strip, ty
from llmigrate.backends.builtin.dispatch import place
from llmigrate.signatures.atomics import RELAXED, atomic_type

# `pub static NAME: core::sync::atomic::AtomicI32 = ...` at the top level of shared.rs
_ATOMIC_STATIC = re.compile(r"^pub static (\w+): core::sync::atomic::(Atomic\w+) =", re.MULTILINE)


# A plain `static` at the top level of shared.rs (an extern block's are indented and `static mut`), not an
# atomic one.
_STATIC = re.compile(r"^pub static (?!mut\b)(\w+): (?!core::sync::atomic::)", re.MULTILINE)


# A `safe fn` of the extern block (rule pure-libm, items_externs.py): called without `unsafe`.
_SAFE_FN = re.compile(r"^    pub safe fn (\w+)\(", re.MULTILINE)


def immutable_statics(shared_code: str) -> frozenset[str]:
    """The paths of shared.rs's plain (immutable) statics, C const data, safe to read, and of its extern
    block's `safe fn`s, safe to call (whoever wrote shared.rs: the body calls what it declares)."""
    names = _STATIC.findall(shared_code) + _SAFE_FN.findall(shared_code)
    return frozenset(f"crate::shared::{name}" for name in names)


def atomic_statics(shared_code: str) -> dict[str, str]:
    """Path (`crate::shared::NAME`) -> atomic type name of each atomic static shared.rs defines."""
    return {f"crate::shared::{name}": t for name, t in _ATOMIC_STATIC.findall(shared_code)}


def definition(name: str, rust: str, value: str) -> str | None:
    """`pub static NAME: Atomic.. = Atomic..::new(value);` for a global of Rust scalar type `rust` and
    initial value `value`, or None when `rust` has no atomic."""
    atomic = atomic_type(rust)
    if atomic is None:
        return None
    init = f"{rust}::to_bits({unparen(value)})" if bt.is_float(rust) else unparen(value)
    return f"pub static {name}: {atomic} = {atomic}::new({init});\n"


def atomic_place(c: ci.Cursor, ctx: FnCtx) -> tuple[str, str] | None:
    """(path, Rust scalar type) when lvalue `c` is an atomic global, else None."""
    s = strip(c)
    if s.kind != ci.CursorKind.DECL_REF_EXPR or s.referenced is None \
            or s.referenced.kind != ci.CursorKind.VAR_DECL:
        return None
    path = place(s, ctx)
    return (path, ty(s)) if path in ctx.atomics else None


def load(path: str, rust: str) -> str:
    """The value of the atomic global `path` holding a `rust`."""
    bits = f"{path}.load({RELAXED})"
    return f"{rust}::from_bits({bits})" if bt.is_float(rust) else bits


def store(path: str, rust: str, value: str) -> str:
    """A statement storing `value` (a `rust`) into the atomic global `path`."""
    bits = f"{rust}::to_bits({unparen(value)})" if bt.is_float(rust) else unparen(value)
    return f"{path}.store({bits}, {RELAXED});"


def address(path: str, rust: str) -> str:
    """A `*mut rust` to the atomic global's bytes (what C's `&NAME` gives)."""
    ptr = f"{path}.as_ptr()"
    return f"({ptr} as *mut {rust})" if bt.is_float(rust) else ptr



def step(path: str, up: bool, amount: str, value: str | None) -> str:
    """`x++`/`x--`/`x += n`/`x -= n` on an integer atomic as one `fetch_add`/`fetch_sub`, which wraps as the
    translation's integer arithmetic does: a statement when `value` is None, else the expression giving C's
    value, "old" (postfix) or "new"."""
    call = f"{path}.{'fetch_add' if up else 'fetch_sub'}({unparen(amount)}, {RELAXED})"
    if value is None:
        return call + ";"
    return call if value == "old" else f"{call}.{'wrapping_add' if up else 'wrapping_sub'}({unparen(amount)})"
