"""C snippets written to a file of their own and mapped by the signature mapper, for the signatures tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.core import Codebase, RustSignature
from llmigrate.signatures.mapper import map_all


def mapped(folder: Path, c: str) -> tuple[Codebase, dict[str, RustSignature]]:
    """The codebase of `c` written to `folder/m.c`, and every function's signature."""
    (folder / "m.c").write_text(c)
    codebase = analyze_dir(folder)
    return codebase, map_all(codebase)


def each_mapped(folder: Path, sources: list[str]) -> Iterator[tuple[str, Codebase, dict[str, RustSignature]]]:
    """(source, codebase, signatures) of each of `sources`, each alone in a subfolder of `folder`."""
    for i, c in enumerate(sources):
        sub = folder / str(i)
        sub.mkdir()
        yield (c, *mapped(sub, c))
