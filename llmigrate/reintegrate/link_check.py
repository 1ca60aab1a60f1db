"""Does the library link? A C program taking the address of every symbol the crate exports, linked against the
staticlib.

`cargo build` succeeding proves little for C callers: a cdylib may keep undefined symbols, and the staticlib
is an archive nobody has linked yet. Linking a program that takes the address of every exported function and
global pulls every object of the archive in, so an undefined symbol (a Rust wrapper calling a kept C function
nothing defines) or one defined twice (a global both shared.rs and the kept C define) fails here, with the
symbol and the function that needs it.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.cargo import RUST_NATIVE_LIBS
from llmigrate.core import Codebase, RustSignature
from llmigrate.reintegrate.crate_state import CrateState
from llmigrate.reintegrate.keep_c import c_symbol

_RUST_EXPORT = re.compile(r"#\[\s*no_mangle\s*\]\s*pub\s+(?:unsafe\s+)?"
                          r"(?:extern\s+\"C\"\s+fn|static(?:\s+mut)?)\s+(?:r#)?([A-Za-z_]\w*)")
_IN_FUNCTION = re.compile(r"in function [`'‘]([^`'’]+)['’`]")
_PROBLEM = re.compile(r"(undefined reference to|multiple definition of) [`'‘]([^`'’]+)['’`]")
_RUST_HASH = re.compile(r"::h[0-9a-f]{16}$")
LINK_TIMEOUT = 120.0


@dataclass
class LinkCheck:
    """The outcome: `links` only when the program linked; each error names the symbol and who needs it."""

    links: bool
    errors: list[str] = field(default_factory=list)
    symbols: int = 0  # how many symbols the program referenced


def check_crate(state: CrateState) -> LinkCheck:
    """Link the program for every symbol `state`'s crate exports against the staticlib `cargo build` made."""
    name = state.name.replace("-", "_")  # the [lib] name cargo gives the package reintegrate wrote
    symbols = exported_symbols(state.files, state.codebase, state.signatures)
    lib = state.target / "debug" / f"lib{name}.a"
    return check_links(lib, symbols, state.config.compiler, owners(name, state.signatures))


def exported_symbols(files: dict[str, str], codebase: Codebase,
                     signatures: dict[str, RustSignature]) -> list[str]:
    """What a C caller may link to: the `#[no_mangle]` functions and statics of the crate's Rust, every
    exported function (kept in C under its own name too) and every non-static global SRC defines."""
    names = set()
    for rel, text in files.items():
        if rel.endswith(".rs"):
            names.update(_RUST_EXPORT.findall(text))
    names.update(sig.c_name for sig in signatures.values() if sig.exported)
    names.update(g.name for g in codebase.globals.values() if not g.is_static and not g.is_extern)
    return sorted(names)


def program(symbols: list[str]) -> str:
    """C taking the address of every symbol: declared as `char` so functions and data link alike."""
    decls = "".join(f"extern char {s};\n" for s in symbols)
    refs = "".join(f"    (const void *)&{s},\n" for s in symbols)
    return (f"/* llmigrate link check: every symbol the library exports. */\n{decls}"
            f"__attribute__((used)) const void *const llmigrate_link_check[] = {{\n{refs}    0\n}};\n"
            "int main(void) { return llmigrate_link_check[0] == 0; }\n")


def check_links(lib: Path, symbols: list[str], compiler: str, owner: dict[str, str]) -> LinkCheck:
    """Link `program(symbols)` against the staticlib `lib`; `owner` maps link-level names to function ids."""
    if not lib.is_file():
        return LinkCheck(False, [f"{lib.name}: cargo build produced no staticlib"], len(symbols))
    if "main" in symbols:
        return LinkCheck(False, ["main: the library exports `main`, so no C program can link it (was main "
                                 "renamed by -Dmain=... for the C build?)"], len(symbols))
    with tempfile.TemporaryDirectory(prefix="llmigrate-link-") as tmp:
        c = Path(tmp) / "link_check.c"
        c.write_text(program(symbols), encoding="utf-8")
        cmd = [compiler, "-w", "-fno-builtin", str(c), str(lib), "-o", str(Path(tmp) / "link_check"),
               *RUST_NATIVE_LIBS]  # -fno-builtin: `extern char abs;` is no clash with a builtin
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=LINK_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as e:
            return LinkCheck(False, [f"cannot run {compiler} to link the check program: {e}"], len(symbols))
    if proc.returncode == 0:
        return LinkCheck(True, [], len(symbols))
    return LinkCheck(False, link_errors(proc.stderr, owner) or [proc.stderr.strip()[-2000:]], len(symbols))


def link_errors(stderr: str, owner: dict[str, str]) -> list[str]:
    """One line per undefined or doubly defined symbol: the symbol, and the functions needing it."""
    needed: dict[tuple[str, str], list[str]] = {}
    where = None
    for line in stderr.splitlines():
        m = _IN_FUNCTION.search(line)
        if m:
            where = function_of(m.group(1), owner)
            continue
        m = _PROBLEM.search(line)
        if m:
            users = needed.setdefault((m.group(1), m.group(2)), [])
            if where is not None and where not in users and m.group(1) == "undefined reference to":
                users.append(where)
    out = []
    for (what, symbol), users in needed.items():
        why = f"{what} `{symbol}`"
        out.append(f"{why} (needed by {', '.join(sorted(users))})" if users else why)
    return sorted(out)


def function_of(name: str, owner: dict[str, str]) -> str:
    """The function id a linker's "in function" name belongs to (a Rust path, a C or a kept-C symbol)."""
    name = _RUST_HASH.sub("", name)
    parts = [p for p in name.split("::") if not p.startswith(("{{", "_{{"))]
    for n in range(len(parts), 0, -1):
        key = "::".join(parts[:n])
        for k in (key, key.rsplit("__", 1)[0]):  # a private helper `<name>__*` belongs to <name>
            if k in owner:
                return owner[k]
    return name


def owners(crate: str, signatures: dict[str, RustSignature]) -> dict[str, str]:
    """Link-level names -> function id: Rust paths (`<crate>::<module>::<name>`, its ffi entry), C names and
    the names kept C is compiled under."""
    out = {}
    for fid, sig in signatures.items():
        out[f"{crate}::{sig.module}::{sig.rust_name}"] = fid
        out[f"{crate}::ffi::{sig.c_name}"] = fid
        out[c_symbol(sig)] = fid
        out.setdefault(sig.c_name, fid)
    return out
