"""`llmigrate check SRC OUT`: CI mode. Fails on C drift, a crate that does not build, or failed verification.

Each check yields `CheckResult`s (one per function where that makes sense); `check_output` renders them as
a human summary, GitHub annotations or JUnit XML. Hand edits of the Rust are reported as warnings, never
failures: editing the generated crate is expected, and `report` measures it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llmigrate import runlock
from llmigrate.config import Config
from llmigrate.core import Codebase, LlmigrateError, RunContext
from llmigrate.journal import CTestRecord, FunctionRecord
from llmigrate.reintegrate.crate_format import crate_spans, read_lock, span_hash

FORMATS = ("text", "github")


@dataclass
class CheckOptions:
    """How `llmigrate check` runs and reports: --junit, --format, --fix, --frozen, --force."""

    junit: Path | None = None  # write JUnit XML here
    fmt: str = "text"  # "text" | "github"
    fix: bool = False  # retranslate drifted functions
    frozen: bool = True  # --fix answers only from the model cache
    force: bool = False  # --fix also retranslates conflicts (C drifted and Rust edited), replacing the edit


@dataclass
class CheckResult:
    """One testcase: `suite` is the check, `name` the function (or the check itself)."""

    suite: str  # "drift" | "hand-edits" | "build" | "c-tests" | "differential" | "fix"
    name: str
    ok: bool
    message: str = ""
    file: str | None = None  # path as the user sees it (under SRC or OUT), for annotations
    line: int | None = None
    warning: bool = False  # reported, never a failure
    skipped: bool = False
    output: str = ""


def check_drift(src: Path, codebase: Codebase, lock: dict[str, Any]) -> list[CheckResult]:
    """One result per C function, current or locked: changed, added and removed functions fail."""
    current = codebase.functions
    locked = lock["functions"]
    results = []
    for fid in sorted(set(current) | set(locked)):
        fn, entry = current.get(fid), locked.get(fid)
        if fn is None:
            results.append(CheckResult("drift", fid, False, f"{fid}: removed from the C sources but still in "
                                       "the crate", file=_under(src, entry.get("file"))))
            continue
        where = {"file": _under(src, fn.file), "line": fn.start_line}
        if entry is None:
            results.append(CheckResult("drift", fid, False, f"{fid}: new C function, not migrated yet",
                                       **where))
        elif entry.get("c_hash") != fn.hash:
            results.append(CheckResult("drift", fid, False, f"{fid}: C source changed since the migration "
                                       "(run `llmigrate check --fix` to retranslate it)", **where))
        else:
            results.append(CheckResult("drift", fid, True, **where))
    # C the analysis could not read explains drift such as a "removed" function; shown, not counted twice
    for d in codebase.diagnostics:
        if d.severity == "error":
            results.append(CheckResult("drift", f"{d.file}:{d.line}", True, f"C analysis: {d.message}",
                                       file=_under(src, d.file), line=d.line, warning=True))
    return results


def _under(root: Path, rel: str | None) -> str | None:
    return (root / rel).as_posix() if rel else None


def check_hand_edits(out: Path, lock: dict[str, Any]) -> list[CheckResult]:
    """Rust functions whose marker span no longer hashes to the lock's rust_hash: warnings."""
    spans = crate_spans(out)
    results = []
    for fid, entry in sorted(lock["functions"].items()):
        if not entry.get("rust_hash"):
            continue  # kept in C or failed: no Rust to edit
        span = spans.get(fid)
        if span is None:
            results.append(CheckResult("hand-edits", fid, True, f"{fid}: markers `llmigrate:begin/end {fid}` "
                                       "are gone from the crate; its edits cannot be tracked", warning=True))
        elif span_hash(span.text) != entry["rust_hash"]:
            results.append(CheckResult("hand-edits", fid, True, f"{fid}: Rust edited by hand since "
                                       "generation", file=(out / span.file).as_posix(), line=span.begin + 1,
                                       warning=True))
        else:
            results.append(CheckResult("hand-edits", fid, True))
    return results


def check_build(out: Path) -> list[CheckResult]:
    """`cargo build --offline` of the crate: one result, plus one per compiler error for annotations."""
    from llmigrate.cargo import run_cargo

    try:
        res = run_cargo(out, "build")
    except LlmigrateError as e:  # cargo missing or timed out: the build did not pass
        return [CheckResult("build", "cargo build", False, str(e))]
    if res.ok:
        return [CheckResult("build", "cargo build", True)]
    errors = res.errors
    summary = f"cargo build failed with {len(errors)} error(s)" if errors else "cargo build failed"
    output = "\n".join(d.rendered for d in errors) or res.stderr[-4000:]
    results = [CheckResult("build", "cargo build", False, summary, output=output)]
    for d in errors:
        results.append(CheckResult("build", f"{d.file}:{d.line}", False, d.message,
                                   file=(out / d.file).as_posix() if d.file else None, line=d.line or None,
                                   output=d.rendered))
    return results


def check_verification(src: Path, out: Path, codebase: Codebase, config: Config) -> list[CheckResult]:
    """Run verify on SRC as given (CI checks out elsewhere than the journal says); results become checks."""
    from llmigrate.report.render import load_journal

    try:
        from llmigrate.verify.run import verify_run
    except ImportError as e:
        return [CheckResult("c-tests", "verify", False, f"verification is not available: {e}")]
    journal = load_journal(out)
    try:
        verify_run(RunContext(src, out, config, codebase, journal))
    except LlmigrateError as e:
        return [CheckResult("c-tests", "verify", False, f"verification could not run: {e}")]
    results = [_c_test_result(src, t) for t in journal.run.c_tests]
    if not results:
        results.append(CheckResult("c-tests", "C tests", True, "no C tests found", skipped=True))
    for fid, rec in sorted(journal.functions.items()):
        fn = codebase.functions.get(fid)
        where = {"file": _under(src, fn.file), "line": fn.start_line} if fn else {}
        results.append(_differential_result(fid, rec, where))
    return results


def _c_test_result(src: Path, t: CTestRecord) -> CheckResult:
    """A C test fails the check when it passes against the C but not against the Rust (a regression)."""
    where = {"file": _under(src, t.name)}
    if t.c == "build_error":  # whatever the Rust side did, the test setup is wrong: never a pass
        return CheckResult("c-tests", t.name, False, f"C test {t.name} does not build against the original C "
                           "(a setup error)", output=t.output, **where)
    if t.passed:
        return CheckResult("c-tests", t.name, True, **where)
    if not t.regression:  # it fails against the original C as well: not the migration's doing
        return CheckResult("c-tests", t.name, True, f"C test {t.name} fails against the original C too "
                           f"(C: {t.c}, Rust: {t.rust})", warning=True, output=t.output, **where)
    return CheckResult("c-tests", t.name, False, f"C test {t.name} passes against the C but not against the "
                       f"Rust (Rust: {t.rust})", output=t.output, **where)


def _differential_result(fid: str, rec: FunctionRecord, where: dict[str, Any]) -> CheckResult:
    if rec.equivalence == "equivalent":
        return CheckResult("differential", fid, True, **where)
    if rec.equivalence == "differs":
        return CheckResult("differential", fid, False, f"{fid}: Rust differs from C on input "
                           f"{rec.counterexample}", **where)
    why = rec.untested_reason or "no reason recorded"
    return CheckResult("differential", fid, True, f"{fid}: untested ({why})", skipped=True, **where)


def run_checks(src: Path, out: Path, options: CheckOptions) -> list[CheckResult]:
    """Every check, in order; verification only runs on a crate that builds (`frozen`: see fix_drift)."""
    if not src.is_dir():
        raise LlmigrateError(f"{src}: not a directory of C sources")
    from llmigrate.analyze.codebase import analyze_dir
    from llmigrate.config import load_config

    lock = read_lock(out)
    config = load_config(src)
    codebase = analyze_dir(src, config)
    results = check_drift(src, codebase, lock)
    drifted = [r.name for r in results if not r.ok]
    if options.fix and drifted:
        from llmigrate.check.fix import fix_drift

        fixed = fix_drift(src, out, lock, drifted, frozen=options.frozen, force=options.force)
        lock = read_lock(out)
        results = [*fixed, *check_drift(src, codebase, lock)]
    results += check_hand_edits(out, lock)
    build = check_build(out)
    results += build
    if build[0].ok:
        results += check_verification(src, out, codebase, config)
    else:
        # the build failure already fails the run; verification is reported as not run
        results.append(CheckResult("c-tests", "verify", True, "not run: the crate does not build",
                                   skipped=True))
    return results


def check_command(src: Path, out: Path, options: CheckOptions) -> int:
    """CLI: run the checks, print them in `options.fmt`, write JUnit if asked; 0 all good, 1 on a failure."""
    from llmigrate.check import output as check_output

    if options.fmt not in FORMATS:
        raise LlmigrateError(f"unknown check format '{options.fmt}' (choose from {', '.join(FORMATS)})")
    read_lock(Path(out))  # a usage error before anything is written into OUT
    with runlock.hold(Path(out), f"llmigrate check {src} {out}{' --fix' if options.fix else ''}"):
        results = run_checks(Path(src), Path(out), options)
    text = check_output.github(results) if options.fmt == "github" else check_output.text(results)
    sys.stdout.write(text)
    if options.junit is not None:
        check_output.write_junit(results, Path(options.junit))
    return 0 if all(r.ok for r in results) else 1
