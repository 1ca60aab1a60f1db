"""Which library functions a C test executed, measured by running it, never read from its text.

The C side of the tests is built with `--coverage`; each run writes its counters into its own scratch
directory (GCOV_PREFIX), and `gcov --json-format` reads them back there, so every test's evidence is its own
even when runs overlap.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.core import Codebase
from llmigrate.verify import sandbox

FLAGS = ["--coverage"]
_DIR = ".gcov"  # inside a run's scratch directory
GCOV_TIMEOUT = 120.0


@dataclass
class Coverage:
    """Maps what gcov names ((source file, function name)) to function ids; `unavailable` says why not."""

    ids: dict[tuple[str, str], str] = field(default_factory=dict)
    gcov: str = "gcov"
    unavailable: str | None = None

    def env(self, box: Path) -> dict[str, str]:
        """Environment additions for a run in scratch directory `box`: where its counters go."""
        if self.unavailable:
            return {}
        return {"GCOV_PREFIX": str(box / _DIR), "GCOV_PREFIX_STRIP": "0"}

    def executed(self, box: Path) -> tuple[list[str] | None, str]:
        """(sorted function ids the run in `box` executed, or None when unknown; why unknown)."""
        if self.unavailable:
            return None, self.unavailable
        data = sorted((box / _DIR).rglob("*.gcda"))
        if not data:
            return [], ""  # it ran none of the library (or ended without exit handlers: _exit, a signal)
        for gcda in data:  # gcov wants the compile-time notes beside the counters
            notes = Path("/", gcda.relative_to(box / _DIR)).with_suffix(".gcno")
            if notes.is_file():
                shutil.copyfile(notes, gcda.with_suffix(".gcno"))
        run = sandbox.spawn([self.gcov, "--json-format", "--stdout", *map(str, data)], timeout=GCOV_TIMEOUT,
                            cwd=box)
        if run.rc != 0:
            return None, f"gcov failed ({run.rc}): {run.stderr.strip()[-500:]}"
        return sorted(self._ran(run.stdout)), ""

    def _ran(self, stdout: str) -> set[str]:
        ran = set()
        for line in stdout.splitlines():
            doc = json.loads(line) if line.startswith("{") else {}
            base = Path(doc.get("current_working_directory") or "/")
            for f in doc.get("files", []):
                path = str((base / f["file"]).resolve())
                ran |= {self.ids[path, fn["name"]] for fn in f.get("functions", [])
                        if fn.get("execution_count") and (path, fn["name"]) in self.ids}
        return ran


def for_codebase(src: Path, codebase: Codebase | None) -> Coverage:
    """The function-id map of SRC's functions, or why coverage cannot be measured here."""
    gcov = shutil.which("gcov")
    if codebase is None:
        return Coverage(unavailable="no analysis of SRC to name the functions by")
    if gcov is None:
        return Coverage(unavailable="gcov is not installed, so which functions a C test ran is unknown")
    ids = {(str((src / fn.file).resolve()), fn.name): fid for fid, fn in codebase.functions.items()}
    return Coverage(ids, gcov=gcov)
