"""`extern "C"` declarations for functions and variables SRC uses but does not define (libc and others)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import clang.cindex as ci

from llmigrate.backends.builtin import items_inline
from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.items_types import where
from llmigrate.core import SharedTranslation
from llmigrate.signatures.libc import PURE_LIBM, PURE_RULE, PURE_WHY
from llmigrate.signatures.mapper import rust_ident

K = ci.TypeKind


@dataclass
class ExternFn:
    """An external function's line of the extern block, made when it is first met (its unit then goes)."""

    decl: str | None  # the `pub fn ...;` line, or None with `failure`
    failure: str | None
    inline: list[tuple[list[str], str]]  # (prelude, wrapper) C for a header's static function
    header_static: ci.Cursor | None  # that function's declaration, kept: inline_rust may translate it


@dataclass
class ExternVar:
    decl: str | None
    failure: str | None


def extern_function(fn: ci.Cursor, name: str, rel: Callable[[str], str]) -> ExternFn:
    defn = fn.get_definition()
    static = fn if defn is not None and defn.linkage == ci.LinkageKind.INTERNAL else None
    found: list[tuple[list[str], str]] = []
    try:
        return ExternFn(function_decl(fn, name, found), None, found, static)
    except bt.Unsupported as e:
        return ExternFn(None, f"{where(fn, rel)}: {e.construct}: {e.reason}", [], static)
    except Exception as e:  # noqa: BLE001 - reported as this declaration's failure, the rest goes on
        return ExternFn(None, f"{where(fn, rel)}: extern '{name}': internal error ({e!r})", [], static)


def extern_var(var: ci.Cursor, rel: Callable[[str], str]) -> ExternVar:
    name = var.spelling
    try:
        return ExternVar(f"    pub static mut {rust_ident(name)}: {bt.rust_type(var.type)};\n", None)
    except bt.Unsupported as e:
        return ExternVar(None, f"{where(var, rel)}: {e.construct}: extern '{name}': {e.reason}")


def _params(fn: ci.Cursor) -> list[str]:
    names = [p.spelling for p in fn.get_arguments()] if fn.kind == ci.CursorKind.FUNCTION_DECL else []
    out, used = [], set()
    for i, t in enumerate(fn.type.get_canonical().argument_types()):
        name = names[i] if i < len(names) and names[i].isidentifier() else f"arg{i}"
        name = rust_ident(name.lstrip("_") or f"arg{i}")
        if name in used or name[0].isdigit():
            name = f"arg{i}"
        used.add(name)
        out.append(f"{name}: {bt.param_type(t)}")
    return out


def function_decl(fn: ci.Cursor, name: str | None = None,
                  inline: list[tuple[list[str], str]] | None = None) -> str:
    """`pub fn name(a: T, ...) -> R;` for a prototype clang saw; raises Unsupported when it has none.

    Canonical types throughout (`size_t` -> u64): clang already hands library builtins such as strlen over
    without their typedefs, and the body translator converts arguments to the canonical prototype.
    """
    t = fn.type.get_canonical()
    defn = fn.get_definition()
    link = ""
    if defn is not None and defn.linkage == ci.LinkageKind.INTERNAL:
        # a `static inline` helper of a header outside SRC: no symbol to link against, so the crate's C part
        # defines one (items_inline); `inline` collects its C
        if inline is None:
            raise bt.Unsupported("static function outside SRC", f"'{fn.spelling}' has no external symbol")
        inline.append((items_inline.prelude(defn), items_inline.wrapper(defn)))
        link = f"    #[link_name = \"{items_inline.link_name(defn.spelling)}\"]\n"
    if t.kind == K.FUNCTIONNOPROTO:
        raise bt.Unsupported("K&R declaration", f"'{fn.spelling}' has no prototype: parameters unknown")
    params = _params(fn)
    if t.is_function_variadic():
        if not params:
            raise bt.Unsupported("variadic function", f"'{fn.spelling}' has no fixed parameter")
        params.append("...")
    ret = bt.rust_type(t.get_result())
    tail = "" if ret == "()" else f" -> {ret}"
    # `name` differs from the spelling for a library builtin (`__builtin_strlen` declares `strlen`)
    name = name or fn.spelling
    if not link and pure_libm(name, ret, params):
        return f"    // SAFETY: rule {PURE_RULE}: `{name}` {PURE_WHY}\n    pub safe fn {rust_ident(name)}(" \
            f"{', '.join(params)}){tail};\n"
    return f"{link}    pub fn {rust_ident(name)}({', '.join(params)}){tail};\n"


def pure_libm(name: str, ret: str, params: list[str]) -> bool:
    """The C library's `name`, as declared (`x: f64` parameters, Rust result type), is a pure <math.h>
    function: floats and ints in, a float out (a prototype of other types is not the one libm defines)."""
    return name in PURE_LIBM and ret in ("f64", "f32") and bool(params) and \
        all(p.split(": ")[-1] in ("f64", "f32", "i32") for p in params)


def header_statics(functions: dict[str, ExternFn]) -> dict[str, ci.Cursor]:
    """The functions SRC calls that a header outside it defines `static` (name -> a declaration)."""
    return {name: fn.header_static for name, fn in sorted(functions.items()) if fn.header_static is not None}


def extern_block(functions: dict[str, ExternFn], variables: dict[str, ExternVar], st: SharedTranslation,
                 in_rust: frozenset[str] = frozenset()) -> str:
    """The extern block, functions then variables, each sorted by name; failures recorded, not emitted.
    `in_rust`: header static functions shared.rs defines in Rust (inline_rust.py), declared nowhere else."""
    lines, inline = [], []
    for name in sorted(functions.keys() - in_rust):
        fn = functions[name]
        if fn.decl is None:
            st.failures.append(fn.failure)
            continue
        lines.append(fn.decl)
        inline += fn.inline
        st.names.setdefault(name, rust_ident(name))
    for name in sorted(variables):
        var = variables[name]
        if var.decl is None:
            st.failures.append(var.failure)
            continue
        lines.append(var.decl)
        st.names.setdefault(name, rust_ident(name))
    st.c_code = items_inline.c_unit(inline)
    return 'unsafe extern "C" {\n' + "".join(lines) + "}\n" if lines else ""
