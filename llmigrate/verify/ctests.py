"""SRC's own C tests, built once against the original C and once against the crate's staticlib, both run.

A test that passes on C and not on Rust is a regression; one that already fails on C is reported as such and
never blamed on the translation; one that does not build against the C is a setup error. The C side is built
with coverage, so each passing test says which library functions it executed. Support sources
([tests] support) are compiled once and linked into every test on both sides.
"""

from __future__ import annotations

import os
import re
import signal
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.config import Config
from llmigrate.core import RunContext
from llmigrate.journal import CTestRecord
from llmigrate.verify import coverage, sandbox
from llmigrate.verify.build import (
    RUST_NATIVE_LIBS,
    BuildError,
    Run,
    c_flags,
    compile_c,
    compile_objects,
    library_sources,
    support_sources,
    test_sources,
)
from llmigrate.verify.coverage import Coverage

OUTPUT_LIMIT = 4000  # characters of a test's output kept in the journal
PASSED, FAILED, BUILD_ERROR = "passed", "failed", "build_error"


@dataclass
class CTestResult:
    name: str  # path relative to SRC
    c: str  # passed | failed | build_error
    rust: str
    output: str  # the output that explains the outcome (Rust's for a regression), truncated
    regression: bool
    # Function ids the test executed on the C side (measured by coverage); None when unknown, `why` says why.
    executed: list[str] | None = None
    why_unknown: str = ""

    def record(self) -> CTestRecord:
        """The journal's c_tests entry."""
        return CTestRecord(self.name, self.c, self.rust, self.output, self.regression, self.rust == PASSED,
                           self.executed, self.why_unknown or None)


def truncate(text: str, limit: int = OUTPUT_LIMIT) -> str:
    return text if len(text) <= limit else "[...]\n" + text[-limit:]


def _describe(run: Run, timeout: float) -> str:
    if run.timed_out:
        status = f"timed out: still running after {sandbox.wall_limit(timeout):g} s of wall-clock time"
    elif run.rc == -signal.SIGXCPU:
        status = f"stopped: used its {timeout:g} s of CPU time (SIGXCPU)"
    elif run.rc is not None and run.rc < 0:
        try:
            status = f"killed by {signal.Signals(-run.rc).name}"
        except ValueError:
            status = f"killed by signal {-run.rc}"
    else:
        status = f"exit status {run.rc}"
    return f"{run.stdout}{run.stderr}\n[{status}]".lstrip()


@dataclass
class _Build:
    """What every test links with: the library's objects (None: they do not compile, `lib_error` says why),
    the support objects (`error`: they do not compile, so no test builds), how coverage is measured."""

    cc: str
    flags: list[str]
    coverage: Coverage
    lib: list[Path] | None = None
    lib_error: str = ""
    support: list[Path] = field(default_factory=list)
    error: str = ""


@dataclass
class _Side:
    """How one test ended against one implementation."""

    state: str  # passed | failed | build_error
    output: str
    executed: list[str] | None = None  # measured on the C side of a passing run
    why_unknown: str = "the test did not pass"


def run_c_tests(ctx: RunContext, staticlib: Path | None, crate_error: str | None = None) -> list[CTestResult]:
    """Build and run every test of SRC against C and against `staticlib` (None: the crate did not build)."""
    src, out, config = ctx.src, ctx.out, ctx.config
    tests = test_sources(src, config)
    if not tests:
        return []
    work = out / ".llmigrate" / "verify" / "ctests"
    work.mkdir(parents=True, exist_ok=True)
    b = _prepare(ctx)
    cache = out / ".llmigrate" / "verify" / "cobj"
    no_crate = "" if staticlib else crate_error or "the crate did not build"
    rust_libs = [staticlib] if staticlib else None

    def one(test: Path) -> CTestResult:
        rel = test.relative_to(src).as_posix()
        stem = re.sub(r"\W", "_", rel.removesuffix(".c"))
        objs, test_error = _compile_test(b, test, cache)  # compiled once, linked to each side
        c = _link_and_run(b, objs, b.lib, work / f"{stem}_c", config, test_error or b.error or b.lib_error,
                          b.coverage)
        r = _link_and_run(b, objs, rust_libs, work / f"{stem}_rust", config,
                          test_error or b.error or no_crate)
        regression = c.state == PASSED and r.state != PASSED
        output = r.output if r.state != PASSED else c.output if c.state != PASSED else ""
        return CTestResult(rel, c.state, r.state, truncate(output), regression, c.executed,
                           "" if c.executed is not None else c.why_unknown)

    # Tests build and run apart (files of their own, a scratch directory each): --jobs of them at once.
    with ThreadPoolExecutor(max_workers=max(1, min(config.jobs, len(tests)))) as pool:
        return list(pool.map(one, tests))


def _compile_test(b: _Build, test: Path, cache: Path) -> tuple[list[Path], str]:
    """The test's object (cached by content, as the library's) with the support objects, and the compiler's
    complaint if it does not compile."""
    try:
        (obj,) = compile_objects([test], [*b.flags, f"-I{test.parent}"], cache, b.cc)
    except BuildError as e:
        return [], str(e)
    return [obj, *b.support], ""


def _prepare(ctx: RunContext) -> _Build:
    """Compile the library (instrumented for coverage) and the support sources, once for all tests."""
    src, out, config, codebase = ctx.src, ctx.out, ctx.config, ctx.codebase
    flags = [*c_flags(src, config), "-O1", "-g"]
    b = _Build(config.compiler, flags, coverage.for_codebase(src, codebase))
    cache = out / ".llmigrate" / "verify" / "cobj"
    lib = library_sources(src, config, codebase)
    try:
        b.support = compile_objects(support_sources(src, config), flags, cache, b.cc)
    except BuildError as e:
        b.error = f"the tests' support sources ([tests] support) do not compile:\n{e}"
        return b
    if not b.coverage.unavailable:
        try:
            b.lib = compile_objects(lib, [*flags, *coverage.FLAGS], cache, b.cc)
            return b
        except BuildError as e:  # the compiler may lack --coverage: tests still run, without evidence
            b.coverage.unavailable = f"the C does not compile with --coverage: {str(e).splitlines()[0]}"
    try:
        b.lib = compile_objects(lib, flags, cache, b.cc)
    except BuildError as e:
        b.lib_error = f"the C library does not compile:\n{e}"
    return b


def _link_and_run(b: _Build, test_objs: list[Path], objs: list[Path] | None, exe: Path, config: Config,
                  error: str, cov: Coverage | None = None) -> _Side:
    """One test linked against one implementation (`objs`: C objects, or the staticlib) and run; `error` says
    why it cannot be built; with `cov`, which functions it executed is measured."""
    if objs is None or error:
        return _Side(BUILD_ERROR, error)
    measure = cov is not None and not cov.unavailable
    # The Rust side stripped (-s): the staticlib's debug information (std's, megabytes) would make writing
    # the executable most of its link; nothing reads it, a panic's message carries its own source location.
    libs = ["-s", *RUST_NATIVE_LIBS] if cov is None else coverage.FLAGS if measure else []
    try:
        compile_c(b.cc, [*map(str, [*test_objs, *objs]), "-o", str(exe), *libs, "-lm", "-lpthread"], exe.name)
    except BuildError as e:
        return _Side(BUILD_ERROR, str(e))
    with sandbox.scratch(exe.parent / "sandbox") as box:
        env = {**os.environ, **(cov.env(box) if measure else {})}
        # Nothing of OUT is the test's to write: only its scratch directory.
        run = sandbox.run_in(box, [str(exe)], timeout=config.test_timeout, env=env)
        side = _Side(PASSED if run.rc == 0 else FAILED, _describe(run, config.test_timeout))
        if cov is not None and side.state == PASSED:
            side.executed, side.why_unknown = cov.executed(box)
    return side
