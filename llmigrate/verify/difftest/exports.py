"""Test-only C ABI entries for the crate's static functions, so the harness can call their Rust side too.

A static C function has no exported symbol in the crate (ffi.rs exports non-static ones only), but its Rust
translation is a `pub fn` of its module. A small wrapper crate, compiled with rustc against the crate's
release rlib that `cargo build` already made, exports each one as `__llmigrate_test_<module>__<name>`
through the same conversions ffi.rs uses; its staticlib carries the whole crate, so the Rust side links it
instead of the crate's own staticlib. The crate itself is not changed.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from llmigrate.core import Codebase
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import map_signature, module_map
from llmigrate.verify import sandbox
from llmigrate.verify.build import BuildError, crate_lib_name

WRAPPER = "llmigrate_difftest_exports"
_ALIAS = "llmigrate_crate_under_test"


def test_symbol(codebase: Codebase, fid: str, modules: dict[str, str] | None = None) -> str:
    """The symbol under which the wrapper exports the Rust side of static function `fid`."""
    fn = codebase.functions[fid]
    modules = modules or module_map(codebase)
    return f"__llmigrate_test_{modules.get(fn.file, 'm')}__{fn.name}"


def wrapper_source(codebase: Codebase, fids: list[str], lib: str) -> str:
    """The wrapper crate: one `#[no_mangle] extern "C"` entry per static function, calling the crate."""
    modules = module_map(codebase)
    parts = ["#![allow(warnings)]\n", f"use {lib}::shared::*;\n"]
    for fid in fids:
        sig = map_signature(codebase.functions[fid], codebase, modules)
        sig = dataclasses.replace(sig, c_name=test_symbol(codebase, fid, modules))
        parts.append("\n" + re.sub(r"\bcrate::", f"{lib}::", ffi_entry(sig)))
    return "".join(parts)


def build_exports(out: Path, codebase: Codebase, fids: list[str], work: Path) -> Path:
    """The wrapper's staticlib (the crate plus the static functions' entries); raises BuildError."""
    lib = crate_lib_name(out)
    release = out / "target" / "release"
    rlib = release / f"lib{lib}.rlib"
    if not rlib.is_file():
        raise BuildError(f"{rlib} is missing: the crate's rlib is needed to export its static functions")
    source, archive = work / f"{WRAPPER}.rs", work / f"lib{WRAPPER}.a"
    # Named apart from anything in the crate (a crate `quadtree` may well define a type `quadtree`).
    source.write_text(wrapper_source(codebase, fids, _ALIAS), encoding="utf-8")
    # cwd OUT: rustup then picks the toolchain cargo used there.
    run = sandbox.spawn(["rustc", "--edition", "2021", "--crate-type", "staticlib", "--crate-name", WRAPPER,
                       "-C", "opt-level=1", str(source), "--extern", f"{_ALIAS}={rlib}",
                       "-L", f"dependency={release / 'deps'}", "-o", str(archive)],
                      cwd=out, timeout=300)
    if run.rc != 0:
        errors = [ln for ln in run.stderr.splitlines() if ln.startswith("error")]
        raise BuildError(f"rustc {source.name}: {'; '.join(errors[:3]) or run.stderr.strip()[-500:]}")
    return archive
