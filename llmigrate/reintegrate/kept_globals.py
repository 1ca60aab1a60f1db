"""Globals the kept C and the Rust share: one copy, on one side, which the other side declares.

A file-static global has no symbol, so the side holding it exports it under a private one
(`signatures.mapper.static_global_symbol`): the kept C aliases a static whose initializer stays C, which
shared.rs declares; shared.rs exports a static it defines that the kept C uses, which the kept C declares.
"""

from __future__ import annotations

import re

from llmigrate.core import CGlobal, Codebase
from llmigrate.signatures.mapper import rust_ident, static_global_symbol


def aliased_statics(codebase: Codebase, shared: str) -> list[CGlobal]:
    """Static globals of C files that the shared module declares by their alias (their initializer stays
    C): the kept C defines the alias, so the one C copy is what Rust reads and writes too."""
    return [g for g in codebase.globals.values() if g.is_static and g.file.endswith(".c") and g.source
            and f'#[link_name = "{static_global_symbol(g.file, g.name)}"]' in shared]


def rust_owned_statics(codebase: Codebase, shared: str, users: set[str]) -> dict[str, CGlobal]:
    """Symbol -> static global of a C file that the kept C uses (`users`: the kept functions and the static
    ones they need) and shared.rs defines under its C name: that Rust static is the only copy, exported
    under a private symbol (`export_statics`) that the kept C declares."""
    used = {key for fid in users for key in codebase.functions[fid].globals_used}
    owned = {}
    for key in sorted(used):
        g = codebase.globals.get(key)
        if g is not None and key == g.name and g.is_static and g.file.endswith(".c") and g.source \
                and _single_declarator(g.source) and _defined_in(g.name, shared):
            owned[static_global_symbol(g.file, g.name)] = g
    return owned


def export_statics(shared: str, owned: dict[str, CGlobal]) -> str:
    """shared.rs with each static of `owned` exported under its symbol, for the kept C to declare."""
    for symbol, g in owned.items():
        shared = re.sub(rf"(?m)^(pub\s+static\s+(mut\s+)?{re.escape(rust_ident(g.name))}\s*:)",
                        lambda m, s=symbol: f'#[export_name = "{s}"]\n{m.group(1)}', shared, count=1)
    return shared


def _defined_in(name: str, shared: str) -> bool:
    return re.search(rf"(?m)^pub\s+static\s+(mut\s+)?{re.escape(rust_ident(name))}\s*:[^;]*=", shared) \
        is not None


def _single_declarator(source: str) -> bool:
    """`static int a = 1;`, not `static int a, b;` (one extern declaration stands for it)."""
    depth = 0
    for ch in source.split("=", 1)[0]:
        depth += (ch in "([{") - (ch in ")]}")
        if ch == "," and depth == 0:
            return False
    return True
