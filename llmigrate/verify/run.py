"""`llmigrate verify OUT`: SRC's C tests against the Rust, differential tests, code metrics, into the journal.

A compiled function becomes `verified` when executed evidence checked it and nothing failed: it is not shown
to differ, no regressed C test executed it, and either a C test passing against the C and the Rust executed
it (measured by coverage on the C side, never read from the test's text), or it was equivalent on at least
MIN_INPUTS generated inputs on which the C is defined (or on every input there is, when fewer exist).
Otherwise it stays (or goes back to) `compiled`.

Journal keys written: data["c_tests"] = [{name, c, rust, output, regression, passed, executed,
executed_unknown}] (c/rust: passed | failed | build_error; passed: the test passed against the Rust;
executed: the function ids it ran on the C side, None when unknown, and why); per function evidence
({c_tests, inputs_compared, whole_input_space, verified_by}), equivalence, counterexample,
inputs_tested, untested_reason, inputs_skipped_ub, inputs_skipped_c_failed, inputs_skipped_env (an
allocation failed for want of memory), rust_lines, unsafe_lines, raw_derefs, clippy_warnings (None when
clippy could not run); data["verify"] = {seconds, stages, build_error, clippy, ub_detection, sandbox (what
isolated the programs under test), c_tests_regressed, differs, metrics: {rust_lines, unsafe_lines,
raw_derefs, clippy_warnings} summed over the functions}.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from llmigrate import runlock
from llmigrate.config import Config, load_config
from llmigrate.core import Codebase, LlmigrateError
from llmigrate.journal import COMPILED, VERIFIED, Journal, journal_path
from llmigrate.reintegrate.crate_format import crate_spans
from llmigrate.verify import sandbox
from llmigrate.verify.build import BuildError, build_staticlib, test_sources, ub_flags
from llmigrate.verify.ctests import BUILD_ERROR, PASSED, CTestResult, run_c_tests
from llmigrate.verify.difftest.driver import DiffResult, differential
from llmigrate.verify.metrics import clippy_counts, code_metrics, metric_totals
from llmigrate.verify.result import VerifyResult, overview

MIN_INPUTS = 100  # differential inputs, on which the C is defined, that make equivalence evidence


def verify_run(src: Path, out: Path, codebase: Codebase, journal: Journal, config: Config) -> VerifyResult:
    """Run every check against the crate in OUT and record the results in the journal."""
    # Absolute: test programs run in a scratch directory under OUT, and cargo runs in OUT.
    src, out = Path(src).resolve(), Path(out).resolve()
    start = time.monotonic()
    result = VerifyResult(sandbox=sandbox.describe(), translated={
        fid for fid, e in journal.functions.items() if e.get("status") in (COMPILED, VERIFIED)})
    lap = _Laps()
    try:
        staticlib: Path | None = build_staticlib(out)
    except BuildError as e:
        staticlib, result.build_error = None, str(e)
    lap("build")
    result.c_tests = run_c_tests(src, out, config, codebase, staticlib, result.build_error)
    lap("c_tests")
    fids = sorted(codebase.functions)
    result.ub_detection = _ub_detection(config.compiler)
    if staticlib is not None:
        result.functions = differential(out, codebase, journal, fids)
    else:
        result.functions = {f: DiffResult(f, "untested", untested_reason="the crate does not build")
                            for f in fids}
    lap("differential")
    spans = crate_spans(out)
    clippy, result.clippy = clippy_counts(out, spans) if staticlib is not None else (None, "not run")
    lap("metrics")
    result.seconds, result.stages = time.monotonic() - start, lap.stages
    _record(journal, codebase, result, spans, clippy)
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


def _record(journal: Journal, codebase: Codebase, result: VerifyResult, spans: dict,
            clippy: dict[str, int] | None) -> None:
    exercised, blamed = _test_coverage(codebase, result.c_tests)
    with journal.lock:
        journal.data["c_tests"] = [t.record() for t in result.c_tests]
        for fid, entry in journal.functions.items():
            d = result.functions.get(fid)
            if d is not None:
                entry.update(equivalence=d.equivalence, counterexample=d.counterexample,
                             inputs_tested=d.inputs_tested, untested_reason=d.untested_reason,
                             inputs_skipped_ub=d.skipped_ub, inputs_skipped_c_failed=d.skipped_c_failed,
                             inputs_skipped_env=d.skipped_env)
            if fid in spans:
                m = code_metrics(spans[fid].lines)
                entry.update(rust_lines=m.rust_lines, unsafe_lines=m.unsafe_lines, raw_derefs=m.raw_derefs)
            entry["clippy_warnings"] = None if clippy is None else clippy.get(fid, 0)
            # A test that ran a function kept in C ran the C: no evidence about a translation.
            entry["evidence"] = evidence(d, exercised.get(fid, []) if fid in result.translated else [])
            if entry.get("status") in (COMPILED, VERIFIED):
                ok = result.build_error is None and d is not None and d.equivalence != "differs" \
                    and fid not in blamed and bool(entry["evidence"]["verified_by"])
                entry["status"] = VERIFIED if ok else COMPILED
        journal.data["verify"] = {
            "seconds": round(result.seconds, 2), "stages": result.stages, "build_error": result.build_error,
            "clippy": result.clippy, "ub_detection": result.ub_detection, "sandbox": result.sandbox,
            "c_tests_regressed": len(result.regressions), "differs": len(result.differs),
            "metrics": metric_totals(journal.functions.values())}
        journal.save()


def evidence(d: DiffResult | None, tests: list[str]) -> dict:
    """What checked a function: passing C tests that executed it, differential inputs compared equal (enough
    of them: MIN_INPUTS on which the C is defined, or every input there is)."""
    compared = d.inputs_tested if d is not None and d.equivalence == "equivalent" else 0
    generated = 0 if d is None else d.inputs_tested + d.skipped_ub + d.skipped_c_failed + d.skipped_env
    whole = 0 < generated < MIN_INPUTS  # the generator found no more distinct inputs for these parameters
    by = (["c_tests"] if tests else []) + (["differential"] if compared >= MIN_INPUTS or whole and compared
                                          else [])
    return {"c_tests": tests, "inputs_compared": compared, "whole_input_space": whole, "verified_by": by}


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
        result = verify_run(src, out, analyze_dir(src, config), journal, config)
    print(summary(result, test_count=len(test_sources(src, config))))
    return 0 if result.ok else 1


def _load_journal(out: Path) -> tuple[Journal, Path]:
    """OUT's journal and the SRC it names; a usage error when either is unusable."""
    try:
        journal = Journal.load(out)
    except (ValueError, OSError, json.JSONDecodeError) as e:
        raise LlmigrateError(f"{journal_path(out)}: unreadable journal: {e}") from e
    src = Path(str(journal.data.get("source") or ""))
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
