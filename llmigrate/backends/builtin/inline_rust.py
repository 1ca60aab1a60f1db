"""`static inline` functions of headers outside SRC as Rust fns of shared.rs (issue 15).

A header function SRC calls (an include dir's `rol64`, `crc7_byte`) has no symbol; items_inline.py gives it a
C definition under a private name, which the Rust reaches through the extern block: every call is then an
unsafe operation. Instead, each is translated once per crate by the same translator as SRC's functions into a
`pub fn` of shared.rs with the prototype's canonical types (those the extern declaration had, so a call
converts its arguments alike):
- one whose parameters and result are scalars is kept only when its Rust needs no `unsafe` at all: a call of
  it is then a call of a safe Rust fn, as signatures_soundness already judges a call of a scalar prototype
  outside SRC (so whether it is Rust or C changes no caller's safety);
- one whose pointer parameters the rules prove as a SRC function's (signatures/hdrinline.py) is a safe fn
  with that signature (`&mut minmax`), which callers in SRC call as a SRC callee;
- another taking or returning a raw pointer is an `unsafe fn` with raw pointers, as its extern declaration
  was: signatures_soundness makes its callers unsafe fns ("a function outside SRC taking a pointer").
Either must name only what shared.rs defines. Else (asm, a builtin the translator does not know, a mutable
global touched by a scalar one, an aggregate passed by value) the C wrapper stays, and the reason is a note
of the shared module. A header function calling another is tried again once that one is Rust, until nothing
changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.funcs import translate_function
from llmigrate.backends.builtin.globals_atomic import atomic_statics, immutable_statics
from llmigrate.backends.builtin.items_inline import rust_names, set_rust
from llmigrate.backends.builtin.items_types import where
from llmigrate.core import CFunction, Codebase, Param, RustParam, RustSignature
from llmigrate.rust_syntax import blank
from llmigrate.signatures.hdrinline import helper
from llmigrate.signatures.mapper import param_names, rust_ident

_DEFINED = re.compile(r"^\s*pub (?:static(?: mut)?|const|fn|struct|union|type|enum) (?:r#)?(\w+)",
                      re.MULTILINE)
_SHARED_PATH = re.compile(r"\bcrate::shared::(?:r#)?(\w+)")


class Kept(Exception):
    """Why a header function stays the C wrapper."""


def translate(candidates: dict[str, ci.Cursor], codebase: Codebase, rel: Callable[[str], str],
              shared_code: str, names: dict[str, str],
              externs: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """(C name -> Rust items, C name -> why it stays C) for the header static functions `candidates` (C
    name -> a declaration clang saw); `shared_code` is shared.rs without them or its extern block, `names`
    its C -> Rust names, `externs` the names that block declares; `rel` spells a file as the shared module's
    failures do."""
    defined = set(_DEFINED.findall(shared_code)) | externs
    immutable, atomics = immutable_statics(shared_code), atomic_statics(shared_code)
    done: dict[str, tuple[str, bool]] = {}
    kept: dict[str, str] = {}
    try:
        while True:
            before = len(done)
            for name in sorted(candidates.keys() - done.keys()):
                set_rust({n: unsafe for n, (_, unsafe) in done.items()})
                try:
                    done[name] = _one(candidates[name], codebase, rel, names, immutable, atomics, defined)
                    kept.pop(name, None)
                except Kept as e:
                    kept[name] = str(e)
            if len(done) == before:
                return {n: text for n, (text, _) in done.items()}, kept
    finally:
        set_rust({})


def _one(decl: ci.Cursor, codebase: Codebase, rel: Callable[[str], str], names: dict[str, str],
         immutable: frozenset[str], atomics: dict[str, str], defined: set[str]) -> tuple[str, bool]:
    """The Rust of one header function and whether it is an unsafe fn; raises Kept."""
    defn = decl.get_definition()
    at = where(defn, rel)
    t = defn.type.get_canonical()
    if t.kind != ci.TypeKind.FUNCTIONPROTO or t.is_function_variadic():
        raise Kept(f"{at}: '{defn.spelling}' is variadic or has no prototype")
    types = [bt.param_type(a) for a in t.argument_types()]
    ret = bt.rust_type(t.get_result())
    if not all(_scalar(r) or bt.is_ptr(r) for r in [*types, ret] if r != "()"):
        raise Kept(f"{at}: '{defn.spelling}' takes or returns an aggregate or a function pointer: only "
                   "header functions of scalars and pointers are translated")
    proven = helper(defn.spelling, codebase)  # its pointers proven as a SRC function's (hdrinline.py)
    unsafe = proven is None and any(bt.is_ptr(r) for r in [*types, ret])  # raw: callers are unsafe fns
    sig = proven.sig if proven is not None else _signature(defn, types, ret, codebase, unsafe)
    try:
        text = translate_function(defn, sig, codebase, rel(defn.location.file.name), {}, names, immutable,
                                  atomics)
    except bt.Unsupported as e:
        c = e.cursor if e.cursor is not None and e.cursor.location.file else defn
        raise Kept(f"{where(c, rel)}: {e.construct}: {e.reason}") from None
    except Exception as e:  # noqa: BLE001 - a translator bug: the C wrapper stays, the rest goes on
        raise Kept(f"{at}: internal error in the builtin translator: {type(e).__name__}: {e}") from None
    code = blank(text)
    if not unsafe and re.search(r"\bunsafe\b", code):
        raise Kept(f"{at}: '{defn.spelling}' needs unsafe code in Rust (a mutable global, a C library "
                   "call): a safe fn calling it would make an unchecked call")
    mine = {rust_ident(n).removeprefix("r#") for n in rust_names()}
    missing = sorted({n for n in _SHARED_PATH.findall(code) if n not in defined | mine})
    if missing:
        raise Kept(f"{at}: '{defn.spelling}' uses `{missing[0]}`, which shared.rs does not define")
    return text, unsafe


def _scalar(rust: str) -> bool:
    return bt.is_int(rust) or bt.is_float(rust) or rust == "bool"


def _signature(defn: ci.Cursor, types: list[str], ret: str, codebase: Codebase,
               unsafe: bool) -> RustSignature:
    """A fn of shared.rs with the prototype's canonical types; parameters named as SRC's are."""
    spelled = [p.spelling for p in defn.get_arguments()]
    fn = CFunction(defn.spelling, defn.spelling, "", 0, 0, "", "",
                   [Param(spelled[i] if i < len(spelled) else "", "") for i in range(len(types))])
    params = [RustParam(n, a.type.spelling, r, r) for n, a, r in
              zip(param_names(fn, codebase), defn.get_arguments(), types, strict=False)]
    if len(params) != len(types):
        raise Kept(f"'{defn.spelling}': clang names {len(params)} of its {len(types)} parameters")
    return RustSignature(defn.spelling, defn.spelling, "shared", rust_ident(defn.spelling), params, ret, ret,
                         unsafe=unsafe, exported=False)
