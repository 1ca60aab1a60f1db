"""What the compiler sees in a C file that analysis does not: the types of headers outside SRC (a kernel
shim, the C library's typedefs such as `uint_least32_t`), the object-like macros they define (an array
parameter's dimension), and functions that can end without a return value.

Analysis reads SRC's own files only. When a function's parameter names a type it does not know, the file is
preprocessed with SRC's flags and the result parsed the way analysis parses SRC, and the types found are
added behind SRC's own (which win).
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from llmigrate.analyze.blank import find_blanks
from llmigrate.analyze.parse import parse_file
from llmigrate.core import CMacro, Codebase, CType
from llmigrate.verify import sandbox
from llmigrate.verify.build import c_flags

_NO_RETURN = re.compile(r"In function .(\w+).:\n[^\n]*(?:warning|error): control reaches end of non-void "
                        r"function")


def with_seen_types(codebase: Codebase, files: list[str]) -> Codebase:
    """`codebase` with the types `files` see through their includes added behind its own."""
    found: dict[str, CType] = {}
    with tempfile.TemporaryDirectory(prefix="llmigrate-seen-") as tmp:
        for k, file in enumerate(sorted(set(files))):
            for ctype in _types_of(codebase, file, Path(tmp), f"seen_{k}.c"):
                found.setdefault(ctype.name, ctype)
    if not found:
        return codebase
    return dataclasses.replace(codebase, types={**found, **codebase.types})


_DEFINE = re.compile(r"#define ([A-Za-z_]\w*) (.+)")


def with_seen_macros(codebase: Codebase, files: list[str]) -> Codebase:
    """`codebase` with the object-like macros `files` see through their includes added behind its own."""
    found: dict[str, CMacro] = {}
    for file in sorted(set(files)):
        src = Path(codebase.root)
        flags = [*c_flags(src, codebase.config), f"-I{(src / file).parent}", "-E", "-dM"]
        run = sandbox.spawn([codebase.config.compiler, *flags, str(src / file)], timeout=60)
        for name, body in _DEFINE.findall(run.stdout if run.rc == 0 else ""):
            found.setdefault(name, CMacro(name, file, 0, None, body.strip()))
    found = {k: m for k, m in found.items() if k not in codebase.macros}
    return dataclasses.replace(codebase, macros={**codebase.macros, **found}) if found else codebase


def _types_of(codebase: Codebase, file: str, tmp: Path, name: str) -> list[CType]:
    src = Path(codebase.root)
    path = src / file
    flags = [*c_flags(src, codebase.config), f"-I{path.parent}", "-E", "-P"]
    run = sandbox.spawn([codebase.config.compiler, *flags, str(path)], timeout=60)  # the preprocessor
    if run.rc != 0:
        return []
    (tmp / name).write_text(run.stdout, encoding="utf-8")
    facts = parse_file(str(tmp), name, find_blanks([]))
    return [ctype for ctype, _ in facts.types]


def falls_off_the_end(codebase: Codebase, files: list[str]) -> set[str]:
    """Names of functions of `files` the compiler says can end without returning a value: what they return
    then is undefined, and not compared."""
    src = Path(codebase.root)

    def warned(file: str) -> set[str]:
        flags = [*c_flags(src, codebase.config), f"-I{(src / file).parent}", "-S", "-o", "/dev/null",
                 "-Wreturn-type", "-Wno-error"]
        run = sandbox.spawn([codebase.config.compiler, *flags, str(src / file)], timeout=60)
        return set(_NO_RETURN.findall(run.stderr))

    with ThreadPoolExecutor(max_workers=max(1, codebase.config.jobs)) as pool:  # a compiler per file
        return set().union(*pool.map(warned, sorted(set(files))))
