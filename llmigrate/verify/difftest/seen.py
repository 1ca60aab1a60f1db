"""The types a C file sees that SRC does not define: those of headers outside SRC (a kernel shim, the C
library's typedefs such as `uint_least32_t`), learned from the compiler's view of the file.

Analysis reads SRC's own files only. When a function's parameter names a type it does not know, the file is
preprocessed with SRC's flags and the result parsed the way analysis parses SRC, and the types found are
added behind SRC's own (which win).
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from llmigrate.analyze.blank import find_blanks
from llmigrate.analyze.parse import parse_file
from llmigrate.core import Codebase, CType
from llmigrate.verify import sandbox
from llmigrate.verify.build import c_flags


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
