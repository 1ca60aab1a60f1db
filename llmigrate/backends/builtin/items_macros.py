"""Object-like macros with constant values as Rust `const`s, typed and valued by clang itself.

For each C file one probe translation unit includes the file and declares, for every object-like macro
of SRC, `__typeof__(NAME) __llmigrate_probe_NAME = NAME;`. A macro whose declaration compiles to an arithmetic
constant (or a string literal) becomes a const of exactly the C type of its expansion; the others are not
constants and are left to the function bodies, which see them expanded.
"""

from __future__ import annotations

from pathlib import Path

import clang.cindex as ci

from llmigrate.backends.builtin import cfront
from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.items_values import evaluate, scalar_literal, string_pointer
from llmigrate.signatures.mapper import rust_ident

PREFIX = "__llmigrate_probe_"
PROBE_NAME = "__llmigrate_probe.c"
# CXTranslationUnit_SkipFunctionBodies: a probe asks clang about file-scope names only (a macro's value and
# type, a global's alignment), so the C file it includes is read without its function bodies (on the
# corpus a third less parsing for the same answers).
_PROBE_OPTIONS = 0x40


def parse_probe(front: cfront.Front, text: str) -> ci.TranslationUnit:
    """`text`, a probe (a file of SRC included, then declarations asking clang), parsed as PROBE_NAME."""
    probe = str(front.root / PROBE_NAME)
    return front.index.parse(probe, args=front.args, options=_PROBE_OPTIONS, unsaved_files=[(probe, text)])


def probe_source(c_file: Path, names: list[str]) -> str:
    lines = [f'#include "{c_file}"']
    lines += [f"__typeof__({n}) {PREFIX}{n} = {n};" for n in names]
    return "\n".join(lines) + "\n"


def macro_consts(probe: ci.TranslationUnit) -> dict[str, str]:
    """NAME -> `pub const NAME: T = v;` for every probe declaration that compiled to a constant."""
    bad_lines = {d.location.line for d in probe.diagnostics
                 if d.severity >= ci.Diagnostic.Error and d.location.file
                 and d.location.file.name.endswith(PROBE_NAME)}
    out: dict[str, str] = {}
    for c in probe.cursor.get_children():
        if c.kind != ci.CursorKind.VAR_DECL or not c.spelling.startswith(PREFIX):
            continue
        if c.location.line in bad_lines:
            continue
        name = c.spelling[len(PREFIX):]
        item = _const_item(name, c)
        if item:
            out[name] = item
    return out


def _const_item(name: str, var: ci.Cursor) -> str | None:
    init = [k for k in var.get_children() if k.kind.is_expression()]
    if not init:
        return None
    # The expression keeps clang's type sugar (`u32`, `size_t`); the variable's `__typeof__` type hides it.
    etype = init[-1].type
    t = etype.get_canonical()
    if t.kind == ci.TypeKind.CONSTANTARRAY and t.element_type.get_size() == 1:
        data = evaluate(init[-1])
        # clang hands strings over NUL-terminated: one with an inner NUL is not taken.
        if not isinstance(data, bytes) or len(data) + 1 != t.element_count:
            return None
        return f"pub const {rust_ident(name)}: *const i8 = {string_pointer(data, '*const i8')};\n"
    try:
        rust = bt.rust_type(etype)
    except bt.Unsupported:
        return None
    if not (bt.is_int(rust) or bt.is_float(rust) or rust == "bool"):
        return None
    value = evaluate(init[-1])
    if not isinstance(value, int | float):
        return None
    lit = scalar_literal(value, rust)
    return f"pub const {rust_ident(name)}: {rust} = {lit};\n" if lit is not None else None
