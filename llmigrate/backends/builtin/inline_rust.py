"""`static inline` functions of headers outside SRC as safe Rust fns of shared.rs (issue 15).

A header function SRC calls (an include dir's `rol64`, `crc7_byte`) has no symbol; items_inline.py gives it a
C definition under a private name, which the Rust reaches through the extern block: every call is then an
unsafe operation. One whose parameters and result are scalars is translated instead, once per crate, by the
same translator as SRC's functions, into a private-to-the-crate `pub fn` of shared.rs with the prototype's
canonical types (those the extern declaration had, so a call converts its arguments alike). It is kept only
when its Rust needs no `unsafe` at all and names only what shared.rs defines: then a call of it is a call of a
safe Rust fn, as signatures_soundness already judged a call of a scalar prototype outside SRC. Else (asm,
a builtin the translator does not know, a pointer or a mutable global touched) the C wrapper stays, and the
reason is a note of the shared module. A header function calling another is tried again once that one is
Rust, until nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.funcs import translate_function
from llmigrate.backends.builtin.globals_atomic import atomic_statics, immutable_statics
from llmigrate.backends.builtin.items_inline import set_rust
from llmigrate.backends.builtin.items_types import where
from llmigrate.core import CFunction, Codebase, Param, RustParam, RustSignature
from llmigrate.rust_syntax import blank
from llmigrate.signatures.mapper import param_names, rust_ident

_DEFINED = re.compile(r"^\s*pub (?:static(?: mut)?|const|fn|struct|union|type|enum) (?:r#)?(\w+)",
                      re.MULTILINE)
_SHARED_PATH = re.compile(r"\bcrate::shared::(?:r#)?(\w+)")


class Kept(Exception):
    """Why a header function stays the C wrapper."""


def translate(candidates: dict[str, ci.Cursor], codebase: Codebase, rel: Callable[[str], str],
              shared_code: str, names: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """(C name -> Rust items, C name -> why it stays C) for the header static functions `candidates` (C
    name -> a declaration clang saw); `shared_code` is shared.rs without them, `names` its C -> Rust names,
    `rel` spells a file as the shared module's failures do."""
    defined = set(_DEFINED.findall(shared_code))
    immutable, atomics = immutable_statics(shared_code), atomic_statics(shared_code)
    done: dict[str, str] = {}
    kept: dict[str, str] = {}
    try:
        while True:
            before = len(done)
            for name in sorted(candidates.keys() - done.keys()):
                set_rust(frozenset(done))
                try:
                    done[name] = _one(candidates[name], codebase, rel, names, immutable, atomics,
                                      defined | {rust_ident(n).removeprefix("r#") for n in done})
                    kept.pop(name, None)
                except Kept as e:
                    kept[name] = str(e)
            if len(done) == before:
                return done, kept
    finally:
        set_rust(frozenset())


def _one(decl: ci.Cursor, codebase: Codebase, rel: Callable[[str], str], names: dict[str, str],
         immutable: frozenset[str], atomics: dict[str, str], defined: set[str]) -> str:
    defn = decl.get_definition()
    at = where(defn, rel)
    t = defn.type.get_canonical()
    if t.kind != ci.TypeKind.FUNCTIONPROTO or t.is_function_variadic():
        raise Kept(f"{at}: '{defn.spelling}' is variadic or has no prototype")
    types = [bt.param_type(a) for a in t.argument_types()]
    ret = bt.rust_type(t.get_result())
    if not all(_scalar(r) for r in types) or not (ret == "()" or _scalar(ret)):
        raise Kept(f"{at}: '{defn.spelling}' takes or returns a pointer or an aggregate: only scalar header "
                   "functions are translated")
    sig = _signature(defn, types, ret, codebase)
    try:
        text = translate_function(defn, sig, codebase, rel(defn.location.file.name), {}, names, immutable,
                                  atomics)
    except bt.Unsupported as e:
        c = e.cursor if e.cursor is not None and e.cursor.location.file else defn
        raise Kept(f"{where(c, rel)}: {e.construct}: {e.reason}") from None
    except Exception as e:  # noqa: BLE001 - a translator bug: the C wrapper stays, the rest goes on
        raise Kept(f"{at}: internal error in the builtin translator: {type(e).__name__}: {e}") from None
    code = blank(text)
    if re.search(r"\bunsafe\b", code):
        raise Kept(f"{at}: '{defn.spelling}' needs unsafe code in Rust (a pointer, a mutable global or a C "
                   "library call): its callers would make an unchecked call")
    missing = sorted({n for n in _SHARED_PATH.findall(code) if n not in defined})
    if missing:
        raise Kept(f"{at}: '{defn.spelling}' uses `{missing[0]}`, which shared.rs does not define")
    return text


def _scalar(rust: str) -> bool:
    return bt.is_int(rust) or bt.is_float(rust) or rust == "bool"


def _signature(defn: ci.Cursor, types: list[str], ret: str, codebase: Codebase) -> RustSignature:
    """A safe fn of shared.rs with the prototype's canonical types; parameters named as SRC's are."""
    spelled = [p.spelling for p in defn.get_arguments()]
    fn = CFunction(defn.spelling, defn.spelling, "", 0, 0, "", "",
                   [Param(spelled[i] if i < len(spelled) else "", "") for i in range(len(types))])
    params = [RustParam(n, a.type.spelling, r, r) for n, a, r in
              zip(param_names(fn, codebase), defn.get_arguments(), types, strict=False)]
    if len(params) != len(types):
        raise Kept(f"'{defn.spelling}': clang names {len(params)} of its {len(types)} parameters")
    return RustSignature(defn.spelling, defn.spelling, "shared", rust_ident(defn.spelling), params, ret, ret,
                         unsafe=False, exported=False)
