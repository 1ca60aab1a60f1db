"""A small C project written from texts, migrated with the builtin backend through the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers.paths import ROOT


def migrate_files(tmp_path: Path, files: dict[str, str]) -> tuple[subprocess.CompletedProcess, Path]:
    """Write `files` (path relative to SRC -> text) under tmp_path/src, run `llmigrate migrate` with the
    builtin backend into tmp_path/out; (the finished process, OUT)."""
    src, out = tmp_path / "src", tmp_path / "out"
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text)
    done = subprocess.run([sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out),
                           "--backend", "builtin"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    return done, out
