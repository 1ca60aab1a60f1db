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
from dataclasses import dataclass, field, fields, is_dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

# errors, not core: core's run contexts hold a Journal, so the journal imports nothing from core
from llmigrate.errors import LlmigrateError

# 2: the records below; a function carries its C (source, lines, callees) and the regressed tests that ran it.
JOURNAL_VERSION = 2


class Status(StrEnum):
    """Where a function is: pending -> translated | failed -> compiled | kept_in_c | failed -> verified."""

    PENDING = "pending"
    TRANSLATED = "translated"
    COMPILED = "compiled"
    VERIFIED = "verified"
    KEPT_IN_C = "kept_in_c"
    FAILED = "failed"


FINAL_STATUSES = (Status.VERIFIED, Status.COMPILED, Status.KEPT_IN_C, Status.FAILED)  # report.json's


class JournalError(LlmigrateError, ValueError):
    """The journal file cannot be read as a journal of this version; the message names the file."""


def journal_path(out: Path) -> Path:
    return out / ".llmigrate" / "journal.json"


LOG_NAME = "journal.log"  # first line {"base": sha256 of the snapshot}, then one line per save_records
COMPACT_MIN = 1 << 20  # bytes: a small journal's log is not compacted after every few units


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The keys of `data` that are fields of `cls` (a record of a newer minor shape loads, extras dropped)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _plain(value: Any) -> Any:
    """A record as JSON-ready dicts and lists."""
    if is_dataclass(value):
        value = vars(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return [_plain(v) for v in value] if isinstance(value, list) else value


@dataclass
class RepairRound:
    """One repair round of a function: what the compiler (or a differential test) said, and its outcome."""

    round: int
    kind: str  # "compile" | "differential"
    diagnostics: list[str]
    code: str  # the code the round was given
    fixed_by: str | None  # "rustc" | "backend" | "builtin" (standing in for a model's Rust) | None
    outcome: str = "still_failing"  # "fixed" | "still_failing" | "rolled_back"
    note: str | None = None
    broke: list[str] | None = None  # unit ids a rolled-back repair broke

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RepairRound:
        return cls(**_known(cls, data))


@dataclass
class Evidence:
    """What checked a function's Rust: the C tests passing on both sides that executed it (measured by
    coverage of the C side), and the differential inputs on which it answered like the C."""

    c_tests: list[str] = field(default_factory=list)
    inputs_compared: int = 0  # inputs, on which the C is defined, compared equal; 0 unless equivalent
    whole_input_space: bool = False  # the generator found no more distinct inputs than these
    verified_by: list[str] = field(default_factory=list)  # "c_tests" | "differential": enough to verify

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Evidence | None:
        return _maybe(cls, data)


@dataclass
class RefineRecord:
    """What `llmigrate refine` did to a function: a model's safer rewrite, kept or rejected, and why."""

    outcome: str  # "kept" | "rejected" | "skipped" (nothing to make safer, nothing asked)
    reason: str | None
    unsafe_before: int  # unsafe lines of the Rust it had (rust_syntax.code_metrics)
    unsafe_after: int | None = None  # of the rewrite, when it was measured
    backend: str | None = None  # who wrote the rewrite
    code: str | None = None  # the rewrite as proposed (rustfmt-ed when it got that far)
    previous: str | None = None  # the Rust a kept rewrite replaced

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> RefineRecord | None:
        return _maybe(cls, data)


@dataclass
class FunctionRecord:
    """Everything the run learned about one C function; report and check render from it alone."""

    name: str
    file: str
    unit: str
    c_hash: str
    module: str
    c_source: str = ""  # the definition as migrated, so the report needs no SRC
    start_line: int = 0
    end_line: int = 0
    callees: list[str] = field(default_factory=list)  # ids of functions of SRC it calls directly
    status: Status = Status.PENDING
    attempts: int = 0
    reasons: list[str] = field(default_factory=list)
    tokens_in: int = 0
    tokens_out: int = 0
    backend: str | None = None  # the translator whose output became its Rust; None when none did
    fallback_reason: str | None = None  # why that translator is not the configured one (repair/fallback.py)
    context_dropped: list[str] = field(default_factory=list)  # prompt context left out to fit [model] context
    rust: str | None = None
    rust_hash: str | None = None
    rounds: list[RepairRound] = field(default_factory=list)
    diagnostics: list[str] = field(default_factory=list)
    equivalence: str | None = None  # "equivalent" | "differs" | "untested"; None before verify
    counterexample: str | None = None
    inputs_tested: int = 0
    untested_reason: str | None = None
    inputs_skipped_ub: int = 0
    inputs_skipped_c_failed: int = 0
    inputs_skipped_env: int = 0
    evidence: Evidence | None = None  # what checked its Rust in the last verify; None before verify
    regressed_by: list[str] = field(default_factory=list)  # regressed C tests that executed it (or may have)
    rust_lines: int = 0
    unsafe_lines: int = 0
    raw_derefs: int = 0
    clippy_warnings: int | None = 0  # None when clippy could not run
    refine: RefineRecord | None = None  # the last `llmigrate refine` of it; None when never refined

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FunctionRecord:
        rec = cls(**_known(cls, data))
        rec.status = Status(rec.status)
        rec.rounds = [RepairRound.from_json(r) for r in rec.rounds]
        rec.evidence = Evidence.from_json(rec.evidence)
        rec.refine = RefineRecord.from_json(rec.refine)
        return rec

    def to_json(self) -> dict[str, Any]:
        # the plain str of the status: json encodes a str subclass ten times slower, and this runs per save
        return {**vars(self), "status": self.status.value, "rounds": [vars(r) for r in self.rounds],
                "evidence": None if self.evidence is None else vars(self.evidence),
                "refine": None if self.refine is None else vars(self.refine)}

    def update(self, **values: Any) -> None:
        """Set several fields at once; a misspelt one is an error, not a new key."""
        for key, value in values.items():
            if not hasattr(self, key):
                raise AttributeError(f"FunctionRecord has no field {key!r}")
            setattr(self, key, value)


@dataclass
class CTestRecord:
    """One C test of SRC, run against the C and against the Rust (c/rust: passed | failed | build_error)."""

    name: str  # path relative to SRC
    c: str
    rust: str
    output: str
    regression: bool
    passed: bool  # it passed against the Rust
    executed: list[str] | None = None  # function ids it ran on the C side (coverage); None when unknown
    executed_unknown: str | None = None  # why `executed` is unknown


@dataclass
class CargoOutcome:
    """Did a cargo run over the crate succeed, with its errors (skeleton check, final build)."""

    ok: bool
    errors: list[str] = field(default_factory=list)
    seconds: float | None = None
    links: bool | None = None  # the final build only: did a C program referencing every export link
    link_errors: list[str] = field(default_factory=list)  # unresolved symbols, each with who needs it


@dataclass
class SharedRecord:
    """The shared module's translation and the hash of the C it came from."""

    code: str
    c_hash: str
    backend: str
    names: dict[str, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    tokens_in: int = 0
    tokens_out: int = 0
    origin: str = ""  # "model" | "builtin": who wrote it (SharedTranslation.origin)
    c_code: str = ""  # SharedTranslation.c_code: C the crate's C part compiles for it


@dataclass
class UnitRecord:
    functions: list[str]
    ok: bool
    attempts: int
    tokens_in: int
    tokens_out: int
    backend: str


@dataclass
class VerifyRecord:
    """What the last verify found overall (per function results are on the FunctionRecords)."""

    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    build_error: str | None = None
    clippy: str = "not run"  # "ran: N warning(s)" | "not installed ..." | "failed: ..." | "not run"
    ub_detection: str = ""
    sandbox: str = ""  # what isolated the programs under test
    c_tests_regressed: int = 0
    differs: int = 0
    metrics: dict[str, int | None] = field(default_factory=dict)
    error: str | None = None  # verification crashed; nothing else is set


@dataclass
class RunRecord:
    """The whole journal: the run's settings, its functions, and what each stage recorded."""

    source: str
    backend: str
    model: str | None
    started: str
    updated: str
    version: int = JOURNAL_VERSION
    functions: dict[str, FunctionRecord] = field(default_factory=dict)
    shared: SharedRecord | None = None
    units: dict[str, UnitRecord] = field(default_factory=dict)
    tokens_in: int = 0  # run totals, shared module and repairs included
    tokens_out: int = 0
    skeleton: CargoOutcome | None = None
    build: CargoOutcome | None = None
    format: list[str] = field(default_factory=list)  # rustfmt failures
    crate_files: list[str] = field(default_factory=list)
    finished: bool = True
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage
    c_tests: list[CTestRecord] = field(default_factory=list)
    verify: VerifyRecord | None = None

    def add_tokens(self, tokens_in: int, tokens_out: int) -> None:
        self.tokens_in += tokens_in
        self.tokens_out += tokens_out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunRecord:
        tokens = data.get("tokens") or {}
        rec = cls(**_known(cls, data), tokens_in=tokens.get("in", 0), tokens_out=tokens.get("out", 0))
        rec.functions = {fid: FunctionRecord.from_json(e) for fid, e in rec.functions.items()}
        rec.shared = _maybe(SharedRecord, rec.shared)
        rec.units = {uid: UnitRecord(**_known(UnitRecord, u)) for uid, u in rec.units.items()}
        rec.skeleton, rec.build = _maybe(CargoOutcome, rec.skeleton), _maybe(CargoOutcome, rec.build)
        rec.c_tests = [CTestRecord(**_known(CTestRecord, t)) for t in rec.c_tests]
        rec.verify = _maybe(VerifyRecord, rec.verify)
        return rec

    def to_json(self) -> dict[str, Any]:
        skip = ("functions", "tokens_in", "tokens_out")
        data = {k: _plain(v) for k, v in vars(self).items() if k not in skip}
        data["functions"] = {fid: rec.to_json() for fid, rec in self.functions.items()}
        data["tokens"] = {"in": self.tokens_in, "out": self.tokens_out}
        return data


def _maybe(cls: type, data: dict[str, Any] | None) -> Any:
    return None if data is None else cls(**_known(cls, data))


def upgrade(path: Path, data: Any) -> dict[str, Any]:
    """The journal's JSON in the current schema; an unversioned or newer one is refused, naming the file."""
    if not isinstance(data, dict) or not isinstance(data.get("functions"), dict):
        raise JournalError(f"{path}: unreadable journal: no 'functions' table")
    version = data.get("version")
    if version in (1, JOURNAL_VERSION):
        return _from_version_1(data) if version == 1 else data
    if version is None:
        raise JournalError(f"{path}: journal without a schema version, written before llmigrate versioned "
                           "its journal; it cannot be read: run `llmigrate migrate` again without --resume")
    raise JournalError(f"{path}: journal version {version!r} is not one this llmigrate reads "
                       f"(1 or {JOURNAL_VERSION}); run `llmigrate migrate` again without --resume")


def _from_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had the same keys (its `evidence` and the tests' `executed` too, once verify measured them);
    its C facts and regressed tests start empty, and `backend` named the translator even when its output was
    rejected (its unit's `ok` says so)."""
    units = data.get("units") or {}
    functions = {}
    for fid, entry in data["functions"].items():
        unit = units.get(entry.get("unit"))
        rejected = isinstance(unit, dict) and unit.get("ok") is False
        functions[fid] = {**entry, "backend": None} if rejected else entry
    return {**data, "functions": functions, "version": JOURNAL_VERSION}


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
