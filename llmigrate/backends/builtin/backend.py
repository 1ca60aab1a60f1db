"""The `builtin` backend: a deterministic, offline, rule-based C-to-Rust translator built on libclang.

Shared items (types, globals, constants, extern declarations) come from `items.py`; function bodies from
`funcs.py`. A construct it cannot translate faithfully fails the unit with a reason
"file:line: construct: reason" instead of producing approximate code.
"""

from __future__ import annotations

import functools
import os
import re
import threading

from llmigrate.backends import register
from llmigrate.backends.builtin.cfront import KEEP_TUS, ParseFailure, front_for
from llmigrate.backends.builtin.funcs import translate_function
from llmigrate.backends.builtin.globals_atomic import atomic_statics
from llmigrate.backends.builtin.items import translate_shared
from llmigrate.backends.builtin.types import Unsupported, use_aliases
from llmigrate.config import Config
from llmigrate.core import (
    CFunction,
    Codebase,
    LlmigrateError,
    RepairRequest,
    SharedTranslation,
    Translation,
    UnitRequest,
)
from llmigrate.signatures.mapper import map_signature

# libclang translation units are not safe to use from several threads; units of a level may run concurrently.
_LOCK = threading.RLock()
# A plain `static` at the top level of shared.rs (an extern block's are indented and `static mut`), not an
# atomic one (globals_atomic.py).
_STATIC = re.compile(r"^pub static (?!mut\b)(\w+): (?!core::sync::atomic::)", re.MULTILINE)
# A `safe fn` of the extern block (rule pure-libm, items_externs.py): called without `unsafe`.
_SAFE_FN = re.compile(r"^    pub safe fn (\w+)\(", re.MULTILINE)


class BuiltinTranslator:
    """Implements core.Translator without a model."""

    name = "builtin"
    model: str | None = None
    deterministic = True  # the same request gets the same answer: repair stops when an error comes back
    cpu_bound = True  # GIL-bound libclang and Python work: the translate driver runs units in processes

    def translate_shared(self, codebase: Codebase) -> SharedTranslation:
        with _LOCK:
            shared = translate_shared(codebase)
            front_for(codebase).trim(KEEP_TUS)  # units need only their own file's parse
            return shared

    def translate_unit(self, request: UnitRequest) -> Translation:
        with _LOCK:
            use_aliases(request.shared.code)
            immutable, atomics = _statics(request.shared.code)
            front = front_for(request.codebase)
            code: dict[str, str] = {}
            reasons: list[str] = []
            for fid in request.unit.functions:
                text, why = translate_one(front, request.codebase.functions[fid], request, immutable, atomics)
                if text is not None:
                    code[fid] = text
                reasons += why
        if reasons:
            return Translation(request.unit.id, {}, ok=False, reasons=reasons, backend=self.name)
        return Translation(request.unit.id, code, backend=self.name)

    def repair_unit(self, request: RepairRequest) -> Translation:
        # Deterministic rules give the same output again; claiming a repair would be dishonest.
        first = request.diagnostics[0].splitlines()[0] if request.diagnostics else "no diagnostics"
        unit = request.request.unit.id
        why = f"{unit}: repair: the builtin translator is deterministic and cannot improve ({first})"
        return Translation(unit, {}, ok=False, backend=self.name, reasons=[why])


@functools.lru_cache(maxsize=2)
def _statics(shared_code: str) -> tuple[frozenset[str], dict[str, str]]:
    """shared.rs's immutable and atomic statics, read once per run: the units of a run share one module,
    which grows with the codebase, so reading it per unit made the run quadratic. (A str caches its hash:
    the lookup costs nothing after the first unit.)"""
    return immutable_statics(shared_code), atomic_statics(shared_code)


def immutable_statics(shared_code: str) -> frozenset[str]:
    """The paths of shared.rs's plain (immutable) statics, C const data, safe to read, and of its extern
    block's `safe fn`s, safe to call (whoever wrote shared.rs: the body calls what it declares)."""
    names = _STATIC.findall(shared_code) + _SAFE_FN.findall(shared_code)
    return frozenset(f"crate::shared::{name}" for name in names)


def translate_one(front, fn: CFunction, request: UnitRequest, immutable: frozenset[str] = frozenset(),
                  atomics: dict[str, str] | None = None) -> tuple[str | None, list[str]]:
    """Rust text for one function, or None with the reasons it cannot be translated."""
    where = f"{fn.file}:{fn.start_line}"
    try:
        errors = front.errors_in(fn.file, fn.start_line, fn.end_line)
    except ParseFailure as e:
        return None, [str(e)]
    if errors:
        return None, [_parse_error(e) for e in errors]
    cursor = front.function(fn.file, fn.name, fn.start_line)
    if cursor is None:
        return None, [f"{where}: function: libclang found no definition of '{fn.name}' (check include "
                      "dirs and defines in llmigrate.toml)"]
    sig = request.signatures.get(fn.id)
    try:
        if sig is None:
            sig = map_signature(fn, request.codebase)
        return translate_function(cursor, sig, request.codebase, fn.file, request.signatures,
                                  request.shared.names, immutable, atomics), []
    except Unsupported as e:
        line = e.cursor.location.line if e.cursor is not None and e.cursor.location.file else fn.start_line
        return None, [f"{fn.file}:{line}: {e.construct}: {e.reason}"]
    except LlmigrateError:
        raise
    except Exception as e:  # a bug in the translator: report it on this function, keep the run going
        if os.environ.get("LLMIGRATE_DEBUG"):
            raise
        return None, [f"{where}: internal error in the builtin translator: {type(e).__name__}: {e}"]


def _parse_error(error: str) -> str:
    where, message = error.split(": ", 1)
    if "is not declared" in message:  # already says what is missing and why
        return error
    hint = " (the builtin translator needs C that compiles: check include_dirs/defines in llmigrate.toml)"
    if message.startswith("function definition is not allowed here"):
        # GCC accepts it: a nested function, a GNU extension clang (which the builtin reads C with) lacks
        hint = " (a GCC nested function: clang, which the builtin reads C with, has no nested functions)"
    return f"{where}: parse error: {message}{hint}"


@register("builtin")
def _factory(config: Config) -> BuiltinTranslator:
    return BuiltinTranslator()
