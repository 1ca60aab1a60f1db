"""The run journal, OUT/.llmigrate/journal.json: what happened to every function, saved after every unit.

What `--resume`, `verify`, `report` and `check` read: a snapshot written atomically, plus journal.log, a JSON
line per unit saved since (a unit costs the same at 30,000 functions as at 30), replayed on load; locked, as
units finish on several threads. The records below own its schema; only this module turns them into JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from llmigrate.journal.records import (
    FINAL_STATUSES,
    JOURNAL_VERSION,
    CargoOutcome,
    CTestRecord,
    Evidence,
    FunctionRecord,
    JournalError,
    RefineRecord,
    RepairRound,
    RunRecord,
    SharedRecord,
    Status,
    UnitRecord,
    VerifyRecord,
    _plain,
    upgrade,
)

__all__ = ["FINAL_STATUSES", "JOURNAL_VERSION", "CargoOutcome", "CTestRecord", "Evidence", "FunctionRecord",
           "Journal", "JournalError", "RefineRecord", "RepairRound", "RunRecord", "SharedRecord", "Status",
           "UnitRecord", "VerifyRecord", "journal_path", "upgrade"]


def journal_path(out: Path) -> Path:
    return out / ".llmigrate" / "journal.json"


LOG_NAME = "journal.log"  # first line {"base": sha256 of the snapshot}, then one line per save_records
COMPACT_MIN = 1 << 20  # bytes: a small journal's log is not compacted after every few units


class Journal:
    """The RunRecord of OUT, its files and its lock; mutate `run` under `lock`, then `save()` (everything, at
    a stage's end) or `save_records(fids)` (what one unit changed: O(1), appended to the log)."""

    def __init__(self, path: Path, run: RunRecord):
        self.path, self.log_path, self.run, self.lock = path, path.with_name(LOG_NAME), run, threading.RLock()
        self.log_bytes, self.snapshot_bytes, self.compact_min = 0, 0, COMPACT_MIN

    @classmethod
    def create(cls, out: Path, source: str, backend: str, model: str | None) -> Journal:
        now = _now()
        return cls(journal_path(out), RunRecord(source, backend, model, started=now, updated=now))

    @classmethod
    def load(cls, out: Path) -> Journal:
        """The journal of OUT, its log replayed; JournalError (naming the file) when this version cannot."""
        raw = (path := journal_path(out)).read_bytes()
        try:
            data = upgrade(path, json.loads(raw))
        except ValueError as e:  # JSONDecodeError, UnicodeDecodeError
            raise JournalError(f"{path}: unreadable journal: not valid JSON: {e}") from e
        try:
            return cls(path, RunRecord.from_json(data)).replay(hashlib.sha256(raw).hexdigest())
        except (TypeError, ValueError, AttributeError) as e:  # a field of the wrong shape
            raise JournalError(f"{path}: unreadable journal: {type(e).__name__}: {e}") from e

    @property
    def functions(self) -> dict[str, FunctionRecord]:
        return self.run.functions

    def update_function(self, fid: str, **values: Any) -> None:
        """Set fields of one function's record and save them at once, so a kill loses nothing finished."""
        with self.lock:
            self.functions[fid].update(**values)
            self.save_records([fid])

    def save_records(self, fids: Iterable[str], units: Iterable[str] = ()) -> None:
        """Append these records and the token totals to the log as one line (a kill leaves it whole or cut);
        compacting once the log is as large as the snapshot keeps the cost per record constant."""
        with self.lock:
            if not self.path.is_file():  # no snapshot yet for a log to continue: the first save is whole
                return self.save()
            self.run.updated = _now()
            line = {"functions": {f: self.functions[f].to_json() for f in fids}, "updated": self.run.updated,
                    "units": {u: _plain(self.run.units[u]) for u in units},
                    "tokens": {"in": self.run.tokens_in, "out": self.run.tokens_out}}
            with open(self.log_path, "ab", buffering=0) as f:  # unbuffered: the line goes in one write(2)
                self.log_bytes += f.write((_dumps(line) + "\n").encode("utf-8"))
            if self.log_bytes >= max(self.compact_min, self.snapshot_bytes):
                self.save()

    def replay(self, base: str) -> Journal:
        """Apply the log if it continues the snapshot whose sha256 is `base` (else it is stale)."""
        lines = self.log_path.read_text(encoding="utf-8").splitlines() if self.log_path.is_file() else []
        if lines and _loads(lines[0]).get("base") == base:
            for line in filter(None, map(_loads, lines[1:])):
                p = RunRecord.from_json(dict(source="", backend="", model=None, started="", **line))
                self.functions.update(p.functions)
                self.run.units.update(p.units)
                self.run.tokens_in, self.run.tokens_out = p.tokens_in, p.tokens_out
                self.run.updated = p.updated
        return self

    def save(self) -> None:
        """Write the whole snapshot atomically, then start an empty log on it (a compaction)."""
        with self.lock:
            self.run.updated, self.run.version = _now(), JOURNAL_VERSION
            self.path.parent.mkdir(parents=True, exist_ok=True)
            text = _dumps(self.run.to_json())
            _replace(self.path, text)
            _replace(self.log_path, _dumps({"base": hashlib.sha256(text.encode("utf-8")).hexdigest()}) + "\n")
            self.log_bytes, self.snapshot_bytes = 0, len(text)


def _dumps(data: Any) -> str:
    # Compact: indent=1 made a 200-function journal cost 7-16 ms per save instead of ~2.5 ms.
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def _loads(text: str) -> dict[str, Any]:
    try:  # {} for a line a kill cut short
        return json.loads(text)
    except ValueError:
        return {}


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` atomically: a reader sees the old file or the new one, never half of it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
