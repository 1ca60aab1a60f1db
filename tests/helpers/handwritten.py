"""A hand-written crate standing in for a migrated one, and a journal saying each function compiled."""

from __future__ import annotations

from pathlib import Path

from helpers.paths import DATA
from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.core import Codebase, RunContext
from llmigrate.journal import FunctionRecord, Journal, Status


def write_crate(out: Path, name: str, rust: str) -> None:
    """OUT/Cargo.toml (rlib + staticlib) and OUT/src/lib.rs holding `rust`."""
    (out / "src").mkdir(parents=True)
    (out / "Cargo.toml").write_text(f'[package]\nname = "{name}"\nversion = "0.1.0"\nedition = "2021"\n\n'
                                    '[lib]\ncrate-type = ["rlib", "staticlib"]\n')
    (out / "src" / "lib.rs").write_text(rust)


def compiled_journal(src: Path, out: Path, cb: Codebase) -> Journal:
    """A journal of SRC's functions, every one `compiled` (what verify judges)."""
    journal = Journal.create(out, str(src.resolve()), "handwritten", None)
    for fid, fn in cb.functions.items():
        journal.functions[fid] = FunctionRecord(fn.name, fn.file, fid, fn.hash, "lib", status=Status.COMPILED)
    return journal


def compiled_context(src: Path, out: Path, cb: Codebase) -> RunContext:
    """The run context verify works from, with `compiled_journal`'s journal."""
    return RunContext(src, out, cb.config, cb, compiled_journal(src, out, cb))


def handwritten_library(root: Path, name: str, c_files: dict[str, str], lib_rs: str) -> RunContext:
    """A hand-written C library (ROOT/src; "../inc/x.h" puts a header outside SRC) beside a hand-written crate
    exporting the same symbols (ROOT/out), analysed for real, every function compiled: what differential tests
    run against with no translator involved."""
    src, out = root / "src", root / "out"
    src.mkdir()
    for rel, text in c_files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    write_crate(out, name, lib_rs)
    cb = analyze_dir(src, load_config(src))
    return compiled_context(src, out, cb)


def data_library(root: Path, folder: str) -> RunContext:
    """`handwritten_library` of the C files and lib.rs of tests/data/FOLDER, its crate named after it."""
    data = DATA / folder
    c_files = {p.name: p.read_text() for p in sorted(data.glob("*.[ch]"))}
    return handwritten_library(root, data.name, c_files, (data / "lib.rs").read_text())
