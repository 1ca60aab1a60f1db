"""`llmigrate verify OUT`: SRC's C tests against the Rust, differential tests, code metrics, into the journal.

A compiled function becomes `verified` when every check that reaches it passed: it is not shown to differ, no
C test exercising it regressed, and it was either shown equivalent on generated inputs or exercised by a C
test that passes against the Rust. Otherwise it stays (or goes back to) `compiled`.

Journal keys written: data["c_tests"] = [{name, c, rust, output, regression, passed}] (c/rust: passed |
failed | build_error; passed: the test passed against the Rust); per function equivalence, counterexample,
inputs_tested, untested_reason, inputs_skipped_ub, inputs_skipped_c_failed, inputs_skipped_env (an
allocation failed for want of memory), rust_lines, unsafe_lines, raw_derefs, clippy_warnings (None when
clippy could not run); data["verify"] = {seconds, stages, build_error, clippy, ub_detection,
c_tests_regressed, differs, metrics: {rust_lines, unsafe_lines, raw_derefs, clippy_warnings} summed over the
functions}. Per function also c_undefined: the C's undefined behaviour the differential inputs found, one line
per place ("writes 4 bytes past a heap buffer at x.c:12 on input f(3) (7 inputs)"), never a counterexample.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.config import Config, load_config
from llmigrate.core import Codebase, LlmigrateError
from llmigrate.journal import COMPILED, VERIFIED, Journal, journal_path
from llmigrate.verify.build import BuildError, build_staticlib, test_sources
from llmigrate.verify.ctests import PASSED, CTestResult, run_c_tests
from llmigrate.verify.difftest.driver import DiffResult, differential
from llmigrate.verify.difftest.sanitize import c_sanitizers
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


def verify_run(src: Path, out: Path, codebase: Codebase, journal: Journal, config: Config) -> VerifyResult:
    """Run every check against the crate in OUT and record the results in the journal."""
    start = time.monotonic()
    result = VerifyResult()
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
    spans = function_spans(out)
    clippy, result.clippy = clippy_counts(out, spans) if staticlib is not None else (None, "not run")
    lap("metrics")
    result.seconds, result.stages = time.monotonic() - start, lap.stages
    _record(journal, codebase, src, config, result, spans, clippy)
    return result


def _ub_detection(compiler: str) -> str:
    flags = c_sanitizers(compiler).flags  # what the differential tests' C side is built with
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


def _record(journal: Journal, codebase: Codebase, src: Path, config: Config, result: VerifyResult,
            spans: dict, clippy: dict[str, int] | None) -> None:
    exercised, blamed = _test_coverage(codebase, src, config, result.c_tests)
    with journal.lock:
        journal.data["c_tests"] = [t.record() for t in result.c_tests]
        for fid, entry in journal.functions.items():
            d = result.functions.get(fid)
            if d is not None:
                entry.update(equivalence=d.equivalence, counterexample=d.counterexample,
                             inputs_tested=d.inputs_tested, untested_reason=d.untested_reason,
                             inputs_skipped_ub=d.skipped_ub, inputs_skipped_c_failed=d.skipped_c_failed,
                             inputs_skipped_env=d.skipped_env, c_undefined=d.findings)
            if fid in spans:
                m = code_metrics(spans[fid].lines)
                entry.update(rust_lines=m.rust_lines, unsafe_lines=m.unsafe_lines, raw_derefs=m.raw_derefs)
            entry["clippy_warnings"] = None if clippy is None else clippy.get(fid, 0)
            if entry.get("status") in (COMPILED, VERIFIED):
                ok = result.build_error is None and d is not None and d.equivalence != "differs" \
                    and fid not in blamed and (d.equivalence == "equivalent" or fid in exercised)
                entry["status"] = VERIFIED if ok else COMPILED
        journal.data["verify"] = {
            "seconds": round(result.seconds, 2), "stages": result.stages, "build_error": result.build_error,
            "clippy": result.clippy, "ub_detection": result.ub_detection,
            "c_tests_regressed": len(result.regressions), "differs": len(result.differs),
            "metrics": metric_totals(journal.functions.values())}
        journal.save()


def _test_coverage(codebase: Codebase, src: Path, config: Config,
                   tests: list[CTestResult]) -> tuple[set[str], set[str]]:
    """(functions exercised by a C test passing against the Rust, functions exercised by a regressed test)."""
    names = {fn.name: fid for fid, fn in codebase.functions.items() if not fn.is_static}
    exercised: set[str] = set()
    blamed: set[str] = set()
    for t in tests:
        try:
            text = (src / t.name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        called = {names[n] for n in re.findall(r"\b([A-Za-z_]\w*)\s*\(", text) if n in names}
        reached = _closure(codebase, called)
        if t.regression or t.rust != PASSED and t.c == PASSED:
            blamed |= reached
        elif t.rust == PASSED:
            exercised |= reached
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
        journal = Journal.load(out)
    except (ValueError, OSError, json.JSONDecodeError) as e:
        raise LlmigrateError(f"{journal_path(out)}: unreadable journal: {e}") from e
    src = Path(str(journal.data.get("source") or ""))
    if not src.is_dir():
        raise LlmigrateError(f"{journal_path(out)}: the source directory it names ({src}) does not exist")
    if not (out / "Cargo.toml").is_file():
        raise LlmigrateError(f"{out}: no Cargo.toml; the crate is missing")
    config = load_config(src)
    result = verify_run(src, out, analyze_dir(src, config), journal, config)
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
