"""`llmigrate verify OUT`: SRC's C tests against the Rust, differential tests, code metrics, into the journal.

A compiled function becomes `verified` when every check that reaches it passed: it is not shown to differ, no
C test exercising it regressed, and it was either shown equivalent on generated inputs or exercised by a C
test that passes against the Rust. Otherwise it stays (or goes back to) `compiled`.

Journal records written (see journal.py): RunRecord.c_tests (one CTestRecord per test); per FunctionRecord
equivalence, counterexample, inputs_tested, untested_reason, inputs_skipped_* (C undefined behaviour, C
failures, allocation failures for want of memory), tested_by / regressed_by (the C tests reaching it), code
metrics and clippy_warnings (None when clippy could not run), status; RunRecord.verify (a VerifyRecord, with
the metrics summed over the functions).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.config import load_config
from llmigrate.core import Codebase, LlmigrateError, RunContext
from llmigrate.journal import Journal, Status, VerifyRecord, journal_path
from llmigrate.verify.build import BuildError, build_staticlib, test_sources, ub_flags
from llmigrate.verify.ctests import PASSED, CTestResult, run_c_tests
from llmigrate.verify.difftest.driver import DiffResult, differential
from llmigrate.verify.metrics import clippy_counts, code_metrics, function_spans, metric_totals


@dataclass
class VerifyResult:
    c_tests: list[CTestResult] = field(default_factory=list)
    functions: dict[str, DiffResult] = field(default_factory=dict)
    build_error: str | None = None  # the crate did not build: nothing ran against the Rust
    clippy: str = ""
    ub_detection: str = ""
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage

    @property
    def regressions(self) -> list[CTestResult]:
        return [t for t in self.c_tests if t.regression]

    @property
    def differs(self) -> list[DiffResult]:
        return [d for d in self.functions.values() if d.equivalence == "differs"]

    @property
    def ok(self) -> bool:
        return self.build_error is None and not self.regressions and not self.differs

    def __bool__(self) -> bool:
        return self.ok


def verify_run(ctx: RunContext) -> VerifyResult:
    """Run every check against the crate in OUT and record the results in the journal."""
    start = time.monotonic()
    result = VerifyResult()
    lap = _Laps()
    try:
        staticlib: Path | None = build_staticlib(ctx.out)
    except BuildError as e:
        staticlib, result.build_error = None, str(e)
    lap("build")
    result.c_tests = run_c_tests(ctx, staticlib, result.build_error)
    lap("c_tests")
    fids = sorted(ctx.codebase.functions)
    result.ub_detection = _ub_detection(ctx.config.compiler)
    if staticlib is not None:
        result.functions = differential(ctx, fids)
    else:
        result.functions = {f: DiffResult(f, "untested", untested_reason="the crate does not build")
                            for f in fids}
    lap("differential")
    spans = function_spans(ctx.out)
    clippy, result.clippy = clippy_counts(ctx.out, spans) if staticlib is not None else (None, "not run")
    lap("metrics")
    result.seconds, result.stages = time.monotonic() - start, lap.stages
    _record(ctx, result, spans, clippy)
    return result


def _ub_detection(compiler: str) -> str:
    flags = ub_flags(compiler)
    if flags:
        return f"{compiler} {' '.join(flags)}"
    return (f"unavailable: {compiler} cannot build trapping -fsanitize checks, so inputs on which the C is "
            "undefined are not told apart from differences")


class _Laps:
    """Seconds per stage of a run, for the journal (where does verify spend its time?)."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self.last = time.monotonic()

    def __call__(self, name: str) -> None:
        now = time.monotonic()
        self.stages[name] = round(now - self.last, 2)
        self.last = now


def _record(ctx: RunContext, result: VerifyResult, spans: dict, clippy: dict[str, int] | None) -> None:
    exercised, blamed = _test_coverage(ctx, result.c_tests)
    journal = ctx.journal
    with journal.lock:
        journal.run.c_tests = [t.record() for t in result.c_tests]
        for fid, rec in journal.functions.items():
            d = result.functions.get(fid)
            if d is not None:
                rec.update(equivalence=d.equivalence, counterexample=d.counterexample,
                           inputs_tested=d.inputs_tested, untested_reason=d.untested_reason,
                           inputs_skipped_ub=d.skipped_ub, inputs_skipped_c_failed=d.skipped_c_failed,
                           inputs_skipped_env=d.skipped_env)
            if fid in spans:
                m = code_metrics(spans[fid].lines)
                rec.update(rust_lines=m.rust_lines, unsafe_lines=m.unsafe_lines, raw_derefs=m.raw_derefs)
            rec.clippy_warnings = None if clippy is None else clippy.get(fid, 0)
            rec.tested_by, rec.regressed_by = exercised.get(fid, []), blamed.get(fid, [])
            if rec.status in (Status.COMPILED, Status.VERIFIED):
                ok = result.build_error is None and d is not None and d.equivalence != "differs" \
                    and not rec.regressed_by and (d.equivalence == "equivalent" or bool(rec.tested_by))
                rec.status = Status.VERIFIED if ok else Status.COMPILED
        journal.run.verify = VerifyRecord(
            round(result.seconds, 2), result.stages, result.build_error, result.clippy, result.ub_detection,
            len(result.regressions), len(result.differs), metric_totals(journal.functions.values()))
        journal.save()


def _test_coverage(ctx: RunContext, tests: list[CTestResult]) -> tuple[dict[str, list[str]],
                                                                        dict[str, list[str]]]:
    """Function id -> the C tests reaching it that pass against the Rust, and -> those that regressed."""
    codebase, src = ctx.codebase, ctx.src
    names = {fn.name: fid for fid, fn in codebase.functions.items() if not fn.is_static}
    exercised: dict[str, list[str]] = {}
    blamed: dict[str, list[str]] = {}
    for t in tests:
        try:
            text = (src / t.name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        called = {names[n] for n in re.findall(r"\b([A-Za-z_]\w*)\s*\(", text) if n in names}
        if t.regression or t.rust != PASSED and t.c == PASSED:
            target = blamed
        elif t.rust == PASSED:
            target = exercised
        else:
            continue
        for fid in sorted(_closure(codebase, called)):
            target.setdefault(fid, []).append(t.name)
    return exercised, blamed


def _closure(codebase: Codebase, fids: set[str]) -> set[str]:
    seen, todo = set(), list(fids)
    while todo:
        fid = todo.pop()
        if fid in seen or fid not in codebase.functions:
            continue
        seen.add(fid)
        todo += codebase.functions[fid].callees
    return seen


def verify_command(out: Path) -> int:
    """`llmigrate verify OUT`: 0 when everything passed, 1 on any regression or difference, 2 on bad OUT."""
    from llmigrate.analyze.codebase import analyze_dir

    out = Path(out)
    if not out.is_dir():
        raise LlmigrateError(f"{out}: no such directory")
    if not journal_path(out).is_file():
        raise LlmigrateError(f"{out}: not an llmigrate output (no .llmigrate/journal.json); "
                             f"run `llmigrate migrate SRC --out {out}` first")
    try:
        journal = Journal.load(out)  # a JournalError names the file and what is wrong with it
    except OSError as e:
        raise LlmigrateError(f"{journal_path(out)}: unreadable journal: {e}") from e
    src = Path(journal.run.source or "")
    if not src.is_dir():
        raise LlmigrateError(f"{journal_path(out)}: the source directory it names ({src}) does not exist")
    if not (out / "Cargo.toml").is_file():
        raise LlmigrateError(f"{out}: no Cargo.toml; the crate is missing")
    config = load_config(src)
    result = verify_run(RunContext(src, out, config, analyze_dir(src, config), journal))
    print(summary(result, test_count=len(test_sources(src, config))))
    return 0 if result.ok else 1


def summary(result: VerifyResult, test_count: int | None = None) -> str:
    """What verify found, for the terminal."""
    lines = []
    if result.build_error:
        lines.append(f"crate does not build:\n{result.build_error}")
    for t in result.c_tests:
        mark = "REGRESSION" if t.regression else "ok" if t.rust == PASSED else "note"
        lines.append(f"c-test {t.name}: C {t.c}, Rust {t.rust} [{mark}]")
        if t.regression or t.c != PASSED:
            lines += ["    " + ln for ln in t.output.strip().splitlines()[-15:]]
    if test_count == 0:
        lines.append("c-tests: none found (tests/*.c or [tests] globs in llmigrate.toml)")
    counts: dict[str, int] = {}
    for d in result.functions.values():
        counts[d.equivalence] = counts.get(d.equivalence, 0) + 1
    for d in sorted(result.differs, key=lambda d: d.fid):
        lines.append(f"DIFFERS {d.fid}: {d.counterexample}")
    inputs = sum(d.inputs_tested for d in result.functions.values())
    ub = sum(d.skipped_ub for d in result.functions.values())
    lines.append(f"differential: {counts.get('equivalent', 0)} equivalent, {counts.get('differs', 0)} "
                 f"differ, {counts.get('untested', 0)} untested; {inputs} inputs compared, {ub} skipped "
                 f"for C undefined behaviour")
    lines.append(f"clippy: {result.clippy}")
    if result.ub_detection.startswith("unavailable"):
        lines.append(f"warning: C undefined-behaviour detection {result.ub_detection}")
    lines.append(f"verify: {'passed' if result.ok else 'FAILED'} in {result.seconds:.1f}s")
    return "\n".join(lines)
