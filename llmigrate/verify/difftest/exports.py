"""Test-only C ABI entries for the crate's static functions, so the harness can call their Rust side too.

A static C function has no exported symbol in the crate (ffi.rs exports non-static ones only), but its Rust
translation is a `pub fn` of its module. A small wrapper crate, compiled with rustc against the crate's
release rlib that `cargo build` already made, exports each one as `__llmigrate_test_<module>__<name>`
through the same conversions ffi.rs uses; its staticlib carries the whole crate, so the Rust side links it
instead of the crate's own staticlib. The crate itself is not changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

from llmigrate.core import Codebase
from llmigrate.reintegrate import overlap
from llmigrate.reintegrate.crate import c_symbol, ffi_entry
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


def wrapper_entries(codebase: Codebase, fids: list[str], lib: str) -> dict[str, str]:
    """Each static function's `#[no_mangle] extern "C"` entry, calling the crate's `pub fn`."""
    modules = module_map(codebase)
    entries = {}
    for fid in fids:
        real = map_signature(codebase.functions[fid], codebase, modules)
        sig = dataclasses.replace(real, c_name=test_symbol(codebase, fid, modules), exported=True)
        # an entry checking for overlap runs the C original csrc/ compiles (the crate's lib carries it)
        entries[fid] = re.sub(r"\bcrate::", f"{lib}::", ffi_entry(sig, symbol=c_symbol(real)))
    return entries


def wrapper_source(entries: dict[str, str], lib: str) -> tuple[str, dict[str, range]]:
    """The wrapper crate's text, and the lines (1-based) each entry spans, to blame rustc's errors on."""
    text, spans = f"#![allow(warnings)]\nuse {lib}::shared::*;\n{_helpers(entries)}", {}
    for fid, entry in entries.items():
        first = text.count("\n") + 2
        text += "\n" + entry
        spans[fid] = range(first, text.count("\n") + 2)
    return text, spans


def _helpers(entries: dict[str, str]) -> str:
    """The overlap checks' helpers (private to ffi.rs) the entries call, defined once in the wrapper."""
    calls = "".join(entries.values())
    return (overlap.HELPER_FN if f"{overlap.HELPER}(" in calls else "") + \
        (overlap.SIZE_FN if f"{overlap.SIZE}(" in calls else "")


def build_exports(out: Path, codebase: Codebase, fids: list[str], work: Path) -> tuple[Path, dict[str, str]]:
    """The wrapper's staticlib (the crate plus the static functions' entries), and the functions whose entry
    did not build, with rustc's error: they are left out, so one entry cannot cost every other its test.
    Raises BuildError when the wrapper does not build for a reason no entry is to blame for."""
    entries = wrapper_entries(codebase, fids, _ALIAS)
    failed: dict[str, str] = {}
    while True:
        errors = _compile(out, wrapper_source(entries, _ALIAS)[0], work)
        if errors is None:
            return work / f"lib{WRAPPER}.a", failed
        blamed = _blame(errors, wrapper_source(entries, _ALIAS)[1])
        if not blamed:
            first = [ln for ln in errors.splitlines() if ln.startswith("error")]
            raise BuildError(f"rustc {WRAPPER}.rs: {'; '.join(first[:3]) or errors[-500:]}")
        for fid, why in blamed.items():
            failed[fid] = why
            del entries[fid]


def _compile(out: Path, text: str, work: Path) -> str | None:
    """rustc's errors for the wrapper `text` (their first lines and places), or None when it built."""
    lib = crate_lib_name(out)
    release = out / "target" / "release"
    rlib = release / f"lib{lib}.rlib"
    if not rlib.is_file():
        raise BuildError(f"{rlib} is missing: the crate's rlib is needed to export its static functions")
    source, archive, stamp = work / f"{WRAPPER}.rs", work / f"lib{WRAPPER}.a", work / f"lib{WRAPPER}.key"
    # Named apart from anything in the crate (a crate `quadtree` may well define a type `quadtree`).
    source.write_text(text, encoding="utf-8")
    # Cached by content: the same entries over the same rlib (a rerun's harness) make the same archive.
    key = hashlib.sha256(text.encode() + b"\0" + rlib.read_bytes()).hexdigest()
    if archive.is_file() and stamp.is_file() and stamp.read_text() == key:
        return None
    stamp.unlink(missing_ok=True)
    # cwd OUT: rustup then picks the toolchain cargo used there.
    run = sandbox.spawn(["rustc", "--edition", "2021", "--crate-type", "staticlib", "--crate-name", WRAPPER,
                         "-C", "opt-level=1", str(source), "--extern", f"{_ALIAS}={rlib}",
                         "-L", f"dependency={release / 'deps'}", "-o", str(archive)],
                        cwd=out, timeout=300)
    if run.rc == 0:
        stamp.write_text(key)
        return None
    return run.stderr.strip() or f"rustc exited with {run.rc}"


_ERROR_AT = re.compile(r"^(error[^\n]*)\n\s*--> [^\n]*?:(\d+):\d+", re.M)


def _blame(errors: str, spans: dict[str, range]) -> dict[str, str]:
    """Function id -> the first rustc error inside its entry."""
    blamed: dict[str, str] = {}
    for message, line in _ERROR_AT.findall(errors):
        fid = next((f for f, span in spans.items() if int(line) in span), None)
        if fid is not None:
            blamed.setdefault(fid, message)
    return blamed
