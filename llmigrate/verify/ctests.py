"""SRC's own C tests, built once against the original C and once against the crate's staticlib, both run.

A test that passes on C and not on Rust is a regression; one that already fails on C is reported as such and
never blamed on the translation.
"""

from __future__ import annotations

import re
import signal
from dataclasses import dataclass
from pathlib import Path

from llmigrate.config import Config
from llmigrate.core import RunContext
from llmigrate.journal import CTestRecord
from llmigrate.verify.build import (
    RUST_NATIVE_LIBS,
    BuildError,
    Run,
    c_flags,
    compile_c,
    compile_objects,
    library_sources,
    run_limited,
    test_sources,
)

OUTPUT_LIMIT = 4000  # characters of a test's output kept in the journal
PASSED, FAILED, BUILD_ERROR = "passed", "failed", "build_error"


@dataclass
class CTestResult:
    name: str  # path relative to SRC
    c: str  # passed | failed | build_error
    rust: str
    output: str  # the output that explains the outcome (Rust's for a regression), truncated
    regression: bool

    def record(self) -> CTestRecord:
        """The journal's c_tests entry."""
        return CTestRecord(self.name, self.c, self.rust, self.output, self.regression, self.rust == PASSED)


def truncate(text: str, limit: int = OUTPUT_LIMIT) -> str:
    return text if len(text) <= limit else "[...]\n" + text[-limit:]


def _describe(run: Run, timeout: float) -> str:
    if run.timed_out:
        status = f"timed out after {timeout:g} s"
    elif run.rc is not None and run.rc < 0:
        try:
            status = f"killed by {signal.Signals(-run.rc).name}"
        except ValueError:
            status = f"killed by signal {-run.rc}"
    else:
        status = f"exit status {run.rc}"
    return f"{run.stdout}{run.stderr}\n[{status}]".lstrip()


def run_c_tests(ctx: RunContext, staticlib: Path | None, crate_error: str | None = None) -> list[CTestResult]:
    """Build and run every test of SRC against C and against `staticlib` (None: the crate did not build)."""
    src, out, config, codebase = ctx.src, ctx.out, ctx.config, ctx.codebase
    tests = test_sources(src, config)
    if not tests:
        return []
    work = out / ".llmigrate" / "verify" / "ctests"
    (work / "run").mkdir(parents=True, exist_ok=True)
    flags = [*c_flags(src, config), "-O1", "-g"]
    cc = config.compiler
    try:
        objs: list[Path] | None = compile_objects(library_sources(src, config, codebase), flags,
                                                  out / ".llmigrate" / "verify" / "cobj", cc)
        lib_error = ""
    except BuildError as e:
        objs, lib_error = None, f"the C library does not compile:\n{e}"
    results = []
    for test in tests:
        rel = test.relative_to(src).as_posix()
        stem = re.sub(r"\W", "_", rel.removesuffix(".c"))
        obj = work / f"{stem}.o"
        try:  # compiled once, linked against each side
            compile_c(cc, [*flags, f"-I{test.parent}", "-c", str(test), "-o", str(obj)], test.name)
            test_error = ""
        except BuildError as e:
            test_error = str(e)
        c_state, c_out = _link_and_run(cc, obj, objs, [], work / f"{stem}_c", work / "run", config,
                                       test_error or lib_error)
        no_crate = "" if staticlib else crate_error or "the crate did not build"
        r_state, r_out = _link_and_run(cc, obj, [staticlib] if staticlib else None, RUST_NATIVE_LIBS,
                                       work / f"{stem}_rust", work / "run", config, test_error or no_crate)
        regression = c_state == PASSED and r_state != PASSED
        output = r_out if r_state != PASSED else c_out if c_state != PASSED else ""
        results.append(CTestResult(rel, c_state, r_state, truncate(output), regression))
    return results


def _link_and_run(cc: str, test_obj: Path, objs: list[Path] | None, libs: list[str], exe: Path, cwd: Path,
                  config: Config, error: str) -> tuple[str, str]:
    """(state, output) of one test linked against one implementation; `error` says why it cannot be built."""
    if objs is None or error:
        return BUILD_ERROR, error
    try:
        compile_c(cc, [str(test_obj), *map(str, objs), "-o", str(exe), *libs, "-lm", "-lpthread"], exe.name)
    except BuildError as e:
        return BUILD_ERROR, str(e)
    run = run_limited([str(exe)], cwd=cwd, timeout=config.test_timeout)
    return (PASSED if run.rc == 0 else FAILED), _describe(run, config.test_timeout)
