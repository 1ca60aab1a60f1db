"""Does a migrated crate's static library link? A C program referencing every symbol the crate exports
(`#[no_mangle]` items: the ffi.rs entries and exported globals) is linked against it; the C tests alone may
never reference the object holding an unresolved symbol, and a C caller that does would fail to link.
"""

from __future__ import annotations

import re
from pathlib import Path

from llmigrate.verify import sandbox
from llmigrate.verify.build import RUST_NATIVE_LIBS

LINK_TIMEOUT = 120.0
_EXPORT = re.compile(r"#\[no_mangle\]\s*pub\s+(?:unsafe\s+)?(?:extern\s+\"C\"\s+)?"
                     r"(?:fn|static(?:\s+mut)?)\s+(?:r#)?([A-Za-z_]\w*)")
_UNDEFINED = re.compile(r"undefined reference to [`']([^'`]+)'")


def exported_symbols(crate: Path) -> list[str]:
    """The `#[no_mangle]` names of every source file of CRATE, in file order."""
    names: list[str] = []
    for path in sorted((crate / "src").rglob("*.rs")):
        names += _EXPORT.findall(path.read_text(encoding="utf-8", errors="replace"))
    return list(dict.fromkeys(names))


def probe_source(symbols: list[str]) -> str:
    """A C program taking the address of every symbol; their C types do not matter to the linker."""
    decls = "".join(f"extern char {s};\n" for s in symbols)
    refs = ", ".join(f"&{s}" for s in symbols) or "0"
    return f"{decls}void *volatile llmigrate_refs[] = {{{refs}}};\nint main(void) {{ return 0; }}\n"


def library_links(crate: Path, staticlib: Path, work: Path, compiler: str = "gcc") -> tuple[bool, str]:
    """(links, the first unresolved symbol or the linker's first error; "" when it links)."""
    work.mkdir(parents=True, exist_ok=True)
    probe = work / "link_probe.c"
    probe.write_text(probe_source(exported_symbols(crate)), encoding="utf-8")
    cmd = [compiler, "-w", "-fno-builtin", str(probe), str(staticlib), "-o", str(work / "link_probe"),
           *RUST_NATIVE_LIBS]
    # A link is a build step: it runs like the compiler, outside the sandbox that holds programs under test.
    run = sandbox.spawn(cmd, timeout=LINK_TIMEOUT)
    if run.rc == 0:
        return True, ""
    return False, first_link_error(run.stderr) if not run.timed_out else "the link timed out"


def first_link_error(stderr: str) -> str:
    """The first unresolved symbol the linker names, else its first error line."""
    m = _UNDEFINED.search(stderr)
    if m:
        return f"undefined: {m.group(1)}"
    lines = [ln.strip() for ln in stderr.splitlines() if "error" in ln or "multiple definition" in ln]
    return (lines or [stderr.strip() or "link failed"])[0][:200]
