"""`llmigrate verify OUT`: SRC's C tests against the Rust, differential tests, code metrics, into the journal.

A compiled function becomes `verified` when executed evidence checked it and nothing failed: it is not shown
to differ, no regressed C test executed it, and either a C test passing against the C and the Rust executed
it (measured by coverage on the C side, never read from the test's text), or it was equivalent on at least
MIN_INPUTS generated inputs on which the C is defined (or on every input there is, when fewer exist).
Otherwise it stays (or goes back to) `compiled`.

Journal records written (journal/records.py): RunRecord.c_tests (one CTestRecord per test, with the function
ids it executed on the C side, or why that is unknown); per FunctionRecord equivalence, counterexample,
inputs_tested, untested_reason, inputs_skipped_* (C undefined behaviour, C failures, allocation failures for
want of memory), evidence (an Evidence: passing C tests that executed it, inputs compared, verified_by),
regressed_by (regressed C tests that executed it), code metrics and clippy_warnings (None when clippy could
not run), status; RunRecord.verify (a VerifyRecord: sandbox, ub detection, and the metrics summed over the
functions, but clippy_warnings: every warning in the crate, the one count shown everywhere).
Per function also c_undefined: the C's undefined behaviour the differential inputs found, one line per
place ("writes 4 bytes past a heap buffer at x.c:12 on input f(3) (7 inputs)"), never a counterexample.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from llmigrate import runlock
from llmigrate.config import load_config
from llmigrate.core import Codebase, LlmigrateError, RunContext
from llmigrate.journal import Evidence, Journal, Status, VerifyRecord, journal_path
from llmigrate.reintegrate.crate_format import crate_spans
from llmigrate.verify import sandbox
from llmigrate.verify.build import BuildError, build_staticlib, test_sources
from llmigrate.verify.ctests import BUILD_ERROR, PASSED, CTestResult, run_c_tests
from llmigrate.verify.difftest.driver import DiffResult, differential
from llmigrate.verify.difftest.sanitize import c_sanitizers
from llmigrate.verify.metrics import ClippyRun, clippy_counts, code_metrics, metric_totals
from llmigrate.verify.result import VerifyResult, overview

MIN_INPUTS = 100  # differential inputs, on which the C is defined, that make equivalence evidence
T = TypeVar("T")


def verify_run(ctx: RunContext) -> VerifyResult:
    """Run every check against the crate in OUT and record the results in the journal."""
    # Absolute: test programs run in a scratch directory under OUT, and cargo runs in OUT.
    ctx = dataclasses.replace(ctx, src=Path(ctx.src).resolve(), out=Path(ctx.out).resolve())
    start = time.monotonic()
    result = VerifyResult(sandbox=sandbox.describe(), translated={
        fid for fid, r in ctx.journal.functions.items() if r.status in (Status.COMPILED, Status.VERIFIED)})
    spans = crate_spans(ctx.out)
    stages: dict[str, float] = {}
    # Beside the differential tests: clippy (the debug profile, so no cargo lock is shared), the optimised
    # build the harness's Rust side waits for (its C sides compile meanwhile), then the C tests. Each mostly
    # waits on compilers and programs, so together they keep the cores busy.
    with ThreadPoolExecutor(max_workers=4) as beside:
        clippy_job = beside.submit(_timed, stages, "metrics", clippy_counts, ctx.out, spans)
        build_job = beside.submit(_timed, stages, "build", build_staticlib, ctx.out)
        tests_job = beside.submit(_timed, stages, "c_tests", _c_tests, ctx, build_job)
        detection = beside.submit(_ub_detection, ctx.config.compiler)  # the C compiler's probes
        fids = sorted(ctx.codebase.functions)
        result.functions = _timed(stages, "differential", differential, ctx, fids, staticlib=build_job.result)
        staticlib, result.build_error = _built(build_job)
        if staticlib is None:
            result.functions = {f: DiffResult(f, "untested", untested_reason="the crate does not build")
                                for f in fids}
        result.c_tests, result.ub_detection = tests_job.result(), detection.result()
        clippy = clippy_job.result() if staticlib is not None else ClippyRun(None, "not run")
    result.clippy = clippy.status
    result.seconds = time.monotonic() - start
    result.stages = {name: stages[name] for name in ("build", "c_tests", "differential", "metrics")}
    _record(ctx, result, spans, clippy)
    return result


def _timed(stages: dict[str, float], name: str, call: Callable[..., T], *args, **kwargs) -> T:
    """call(...), its own wall time in stages[name] (stages overlap: where does verify spend its time?)."""
    begin = time.monotonic()
    try:
        return call(*args, **kwargs)
    finally:
        stages[name] = round(time.monotonic() - begin, 2)


def _built(build: Future[Path]) -> tuple[Path | None, str | None]:
    """The staticlib the build made, or None and why not."""
    try:
        return build.result(), None
    except BuildError as e:
        return None, str(e)


def _c_tests(ctx: RunContext, build: Future[Path]) -> list[CTestResult]:
    return run_c_tests(ctx, *_built(build))


def _ub_detection(compiler: str) -> str:
    flags = c_sanitizers(compiler).flags  # what the differential tests' C side is built with
    if flags:
        return f"{compiler} {' '.join(flags)}"
    return (f"unavailable: {compiler} cannot build trapping -fsanitize checks, so inputs on which the C is "
            "undefined are not told apart from differences")


def _record(ctx: RunContext, result: VerifyResult, spans: dict, clippy: ClippyRun) -> None:
    exercised, blamed = _test_coverage(ctx.codebase, result.c_tests)
    journal = ctx.journal
    with journal.lock:
        journal.run.c_tests = [t.record() for t in result.c_tests]
        for fid, rec in journal.functions.items():
            d = result.functions.get(fid)
            if d is not None:
                rec.update(equivalence=d.equivalence, counterexample=d.counterexample,
                           inputs_tested=d.inputs_tested, untested_reason=d.untested_reason,
                           inputs_skipped_ub=d.skipped_ub, inputs_skipped_c_failed=d.skipped_c_failed,
                           inputs_skipped_env=d.skipped_env, c_undefined=d.findings)
            if fid in spans:
                m = code_metrics(spans[fid].lines)
                rec.update(rust_lines=m.rust_lines, unsafe_lines=m.unsafe_lines, raw_derefs=m.raw_derefs)
            rec.clippy_warnings = None if clippy.per_function is None else clippy.per_function.get(fid, 0)
            # A test that ran a function kept in C ran the C: no evidence about a translation.
            rec.evidence = evidence(d, exercised.get(fid, []) if fid in result.translated else [])
            rec.regressed_by = blamed.get(fid, [])
            if rec.status in (Status.COMPILED, Status.VERIFIED):
                ok = result.build_error is None and d is not None and d.equivalence != "differs" \
                    and not rec.regressed_by and bool(rec.evidence.verified_by)
                rec.status = Status.VERIFIED if ok else Status.COMPILED
        journal.run.verify = VerifyRecord(
            round(result.seconds, 2), result.stages, result.build_error, result.clippy, result.ub_detection,
            result.sandbox, len(result.regressions), len(result.differs),
            {**metric_totals(journal.functions.values()), "clippy_warnings": clippy.total})
        journal.save()


def evidence(d: DiffResult | None, tests: list[str]) -> Evidence:
    """What checked a function: passing C tests that executed it, differential inputs compared equal (enough
    of them: MIN_INPUTS on which the C is defined, or every input there is)."""
    compared = d.inputs_tested if d is not None and d.equivalence == "equivalent" else 0
    generated = 0 if d is None else (d.inputs_tested + d.skipped_ub + d.skipped_c_failed + d.skipped_env
                                     + d.not_run)
    # the generator found no more distinct inputs for these parameters (inputs a side's limits left unrun
    # count: they were generated, only not compared)
    whole = 0 < generated < MIN_INPUTS
    by = (["c_tests"] if tests else []) + (["differential"] if compared >= MIN_INPUTS or whole and compared
                                          else [])
    return Evidence(tests, compared, whole, by)


def _test_coverage(codebase: Codebase, tests: list[CTestResult]) -> tuple[dict[str, list[str]],
                                                                          dict[str, list[str]]]:
    """Function id -> the C tests passing on both sides that executed it, and -> the regressed tests that
    executed it, as coverage measured; a regressed test whose reach is unknown may have executed any."""
    exercised: dict[str, list[str]] = {}
    blamed: dict[str, list[str]] = {}
    for t in tests:
        if t.regression:
            target, fids = blamed, sorted(codebase.functions) if t.executed is None else t.executed
        elif t.c == PASSED and t.rust == PASSED:
            target, fids = exercised, t.executed or []
        else:
            continue
        for fid in fids:
            target.setdefault(fid, []).append(t.name)
    return exercised, blamed


def verify_command(out: Path) -> int:
    """`llmigrate verify OUT`: 0 when something was checked and everything passed; 1 on any regression,
    difference or setup error, or when nothing could be checked; 2 on bad OUT."""
    from llmigrate.analyze.codebase import analyze_dir

    out = Path(out)
    if not out.is_dir():
        raise LlmigrateError(f"{out}: no such directory")
    if not journal_path(out).is_file():
        raise LlmigrateError(f"{out}: not an llmigrate output (no .llmigrate/journal.json); "
                             f"run `llmigrate migrate SRC --out {out}` first")
    with runlock.hold(out, f"llmigrate verify {out}"):
        journal, src = _load_journal(out)
        config = load_config(src)
        result = verify_run(RunContext(src, out, config, analyze_dir(src, config), journal))
    print(summary(result, test_count=len(test_sources(src, config))))
    return 0 if result.ok else 1


def _load_journal(out: Path) -> tuple[Journal, Path]:
    """OUT's journal and the SRC it names; a usage error when either is unusable."""
    try:
        journal = Journal.load(out)  # a JournalError names the file and what is wrong with it
    except OSError as e:
        raise LlmigrateError(f"{journal_path(out)}: unreadable journal: {e}") from e
    src = Path(journal.run.source or "")
    if not src.is_dir():
        raise LlmigrateError(f"{journal_path(out)}: the source directory it names ({src}) does not exist")
    if not (out / "Cargo.toml").is_file():
        raise LlmigrateError(f"{out}: no Cargo.toml; the crate is missing")
    return journal, src


def summary(result: VerifyResult, test_count: int | None = None) -> str:
    """What verify found, for the terminal."""
    lines = []
    if result.build_error:
        lines.append(f"crate does not build:\n{result.build_error}")
    for t in result.c_tests:
        mark = "REGRESSION" if t.regression else "SETUP ERROR" if t.c == BUILD_ERROR else \
            "ok" if t.rust == PASSED else "note"
        lines.append(f"c-test {t.name}: C {t.c}, Rust {t.rust} [{mark}]")
        if t.regression or t.c != PASSED:
            lines += ["    " + ln for ln in t.output.strip().splitlines()[-15:]]
    if test_count == 0:
        lines.append("c-tests: none found (tests/*.c or [tests] globs in llmigrate.toml)")
    for d in sorted(result.differs, key=lambda d: d.fid):
        lines.append(f"DIFFERS {d.fid}: {d.counterexample}")
    lines.append(f"clippy: {result.clippy}")
    if result.ub_detection.startswith("unavailable"):
        lines.append(f"warning: C undefined-behaviour detection {result.ub_detection}")
    lines.append(f"sandbox: {result.sandbox}")
    *counts, verdict = overview(result)
    return "\n".join([*lines, *counts, f"{verdict} ({result.seconds:.1f}s)"])
