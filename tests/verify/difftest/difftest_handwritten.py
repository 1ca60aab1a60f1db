"""A hand-written C library beside a hand-written crate exporting the same symbols, analysed for real and
journaled as compiled: what the differential-test tests run against (no translator involved)."""

from __future__ import annotations

from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.core import Codebase
from llmigrate.journal import COMPILED, Journal, new_function_entry


def handwritten(root: Path, name: str, c_files: dict[str, str],
                lib_rs: str) -> tuple[Path, Codebase, Journal]:
    """OUT, the codebase of SRC and a journal with every function compiled."""
    src, out = root / "src", root / "out"
    src.mkdir()
    for rel, text in c_files.items():  # "../inc/x.h": a header outside SRC
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    (out / "src").mkdir(parents=True)
    (out / "Cargo.toml").write_text(f'[package]\nname = "{name}"\nversion = "0.1.0"\nedition = "2021"\n\n'
                                    '[lib]\ncrate-type = ["rlib", "staticlib"]\n')
    (out / "src" / "lib.rs").write_text(lib_rs)
    cb = analyze_dir(src, load_config(src))
    journal = Journal.create(out, str(src), "handwritten", None)
    for fid, fn in cb.functions.items():
        journal.functions[fid] = new_function_entry(fn.name, fn.file, fid, fn.hash, name)
        journal.functions[fid]["status"] = COMPILED
    return out, cb, journal
