"""The journal's records: what happened to each function and to the run, and the schema versions read.

Only the journal package turns them into JSON and back; stages read and write their attributes.
"""

from __future__ import annotations

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
    c_undefined: list[str] = field(default_factory=list)  # the C's undefined behaviour its inputs found
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
