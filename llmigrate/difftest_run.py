"""Running one side (C or Rust) of the harness over an input file, surviving crashes, panics and hangs.

The harness records the index of the input it is running in the first 8 bytes of its shared output file; when
it dies, that index names the input responsible and the run restarts after it, so one bad input costs one
process start and never hides the results of the others.
"""

from __future__ import annotations

import os
import re
import signal
import struct
import time
from dataclasses import dataclass
from pathlib import Path

from llmigrate.verify_build import UB_EXIT, run_limited

WATCHDOG_MS = 2000  # per input: debug-build Rust may be far slower than -O1 C, but not this much
SIDE_BUDGET = 30.0  # seconds of restarts per function and side before the rest is left unrun
MAX_HANGS = 4  # each hang costs a watchdog period
# A panic inside `extern "C"` is a double panic, which forces a symbolised backtrace (~0.1 s). After this many
# the Rust side has shown it differs; the remaining inputs are left unrun rather than paid for.
MAX_RUST_FAILURES = 12
_PANIC = re.compile(r"panicked at ([^\n]*?):?\n([^\n]*)")
_UB = re.compile(r"runtime error: ([^\n]*)")


class HarnessError(Exception):
    """The harness itself failed (bad arguments, sizes), not the function under test."""


@dataclass
class Outcome:
    """How one input ended on one side when it did not simply return."""

    kind: str  # "ub" | "panic" | "crash" | "hang" | "exit" | "not_run"
    detail: str = ""

    def text(self) -> str:
        hang = f"did not finish within {WATCHDOG_MS / 1000:g} s"
        return {"ub": f"undefined behaviour ({self.detail})", "panic": f"panicked ({self.detail})",
                "crash": f"crashed ({self.detail})", "hang": hang, "exit": f"exited ({self.detail})",
                "not_run": "was not run"}[self.kind]


def side_env(rust: bool) -> dict[str, str]:
    env = dict(os.environ)
    if rust:
        env["RUST_BACKTRACE"] = "0"
    else:
        env["UBSAN_OPTIONS"] = f"halt_on_error=1:exitcode={UB_EXIT}:print_stacktrace=0"
    return env


def classify(rc: int | None, stderr: str) -> Outcome:
    """Why a harness run stopped early, from its exit status and stderr."""
    m = _PANIC.search(stderr)
    if m:
        return Outcome("panic", f"{m.group(2).strip()} at {m.group(1).strip()}")
    if rc == UB_EXIT and _UB.search(stderr):
        return Outcome("ub", _UB.search(stderr).group(1).strip())
    if rc is None or rc == -signal.SIGALRM or rc == -signal.SIGXCPU:
        return Outcome("hang")
    if rc < 0:
        try:
            return Outcome("crash", signal.Signals(-rc).name)
        except ValueError:
            return Outcome("crash", f"signal {-rc}")
    return Outcome("exit", f"status {rc}")


def run_side(exe: Path, index: int, in_path: Path, out_path: Path, n: int, out_size: int,
             rust: bool) -> tuple[dict[int, Outcome], bytes]:
    """Run all `n` inputs; returns the inputs that did not return normally, and the output records."""
    out_path.write_bytes(b"\0" * (8 + n * out_size))
    failed: dict[int, Outcome] = {}
    env = side_env(rust)
    start, hangs, began = 0, 0, time.monotonic()
    while start < n:
        run = run_limited([str(exe), str(index), str(in_path), str(out_path), str(start), str(WATCHDOG_MS)],
                          timeout=30.0 + n * 0.002, env=env, limits=False)
        with out_path.open("rb") as f:
            (progress,) = struct.unpack("<Q", f.read(8))
        if run.rc == 0 and progress == n:
            break
        if not start <= progress < n:
            raise HarnessError(f"{exe.name} {index}: status {run.rc}: {run.stderr.strip()[-2000:]}")
        outcome = classify(run.rc, run.stderr)
        failed[progress] = outcome
        start = progress + 1
        hangs += outcome.kind == "hang"
        if hangs >= MAX_HANGS or time.monotonic() - began > SIDE_BUDGET or rust and len(failed) >= \
                MAX_RUST_FAILURES:
            for i in range(start, n):
                failed[i] = Outcome("not_run", "time budget spent on earlier failures")
            break
    data = out_path.read_bytes()[8:]
    return failed, data


def records(data: bytes, n: int, size: int) -> list[bytes]:
    """The n fixed-size output records of a run."""
    return [data[i * size:(i + 1) * size] for i in range(n)]
