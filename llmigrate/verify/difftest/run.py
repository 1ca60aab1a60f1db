"""Running one side (C or Rust) of the harness over an input file, surviving crashes, panics and hangs.

The harness runs the inputs in a forked child that records the index of the input it is running in the
shared output file; when the child dies, that index names the input responsible and a new child continues
after it, so one bad input costs one fork and never hides the results of the others.
"""

from __future__ import annotations

import os
import re
import signal
import struct
import time
from dataclasses import dataclass
from pathlib import Path

from llmigrate.verify.build import run_limited
from llmigrate.verify.difftest.sanitize import ENV, EXIT_REPORT, Report, parse_report

WATCHDOG_MS = 2000  # per input: the optimised Rust may be somewhat slower than -O1 C, but not this much
# A Rust-only hang is checked again alone with this much longer a watchdog on both sides: an input the C
# finishes in 1.7 s must not differ because a loaded machine made the Rust take 2.1 s.
RECHECK_FACTOR = 5
MAX_RECHECKS = 2  # per function: a Rust that really loops costs RECHECK_FACTOR watchdogs each time
SIDE_BUDGET = 30.0  # seconds of one harness run; a run that spends it is continued by another (run_side)
# All the runs of one side over one input file: a safety net only (a function whose every input takes most of
# the watchdog); the inputs it leaves unrun are reported with WALL_LIMITED.
WALL_LIMIT = 8 * SIDE_BUDGET
WALL_LIMITED = f"the differential side's wall-clock limit ({WALL_LIMIT:g} s) was reached"
_LIMITS = "limits reached: earlier failures"
# A panic inside `extern "C"` is a double panic, which forces a symbolised backtrace (~0.1 s). After this many
# the Rust side has shown it differs; the remaining inputs are left unrun rather than paid for.
MAX_RUST_FAILURES = 12
# C that crashes this often (say, on every input, calling a NULL function pointer) has made its point; UB
# traps (SIGILL) are not counted, since every such input is needed.
MAX_C_CRASHES = 200
_PANIC = re.compile(r"panicked at ([^\n]*?):?\n([^\n]*)")
_FAIL = re.compile(r"^FAIL (\d+) (signal|exit) (\d+)$", re.MULTILINE)
_STOP = re.compile(r"^STOP (\d+)$", re.MULTILINE)
_BUDGET = re.compile(r"^BUDGET (\d+) (\d+) (\d+) (\d+)$", re.MULTILINE)
_NOMEM = re.compile(r"^NOMEM (\d+) ([12])$", re.MULTILINE)
_SLOW = re.compile(r"^SLOW (\d+) (\d+)$", re.MULTILINE)
_END = re.compile(r"\n@@difftest-end (\d+)\n")


class HarnessError(Exception):
    """The harness itself failed (bad arguments, sizes), not the function under test."""


@dataclass
class Outcome:
    """How one input ended on one side when it did not simply return."""

    # "nomem": an allocation failed for want of memory (under the harness's per-input allowance), so what
    # happened depends on the environment, whatever else the input then did.
    kind: str  # "ub" | "panic" | "crash" | "hang" | "exit" | "not_run" | "nomem"
    detail: str = ""  # for a hang, the watchdog's milliseconds
    report: Report | None = None  # "ub" from a sanitizer report: what the C did, and where

    def text(self) -> str:
        hang = f"did not finish within {self.watchdog_ms / 1000:g} s"
        detail = self.report.text() if self.report else self.detail
        return {"ub": f"undefined behaviour ({detail})", "panic": f"panicked ({self.detail})",
                "crash": f"crashed ({self.detail})", "hang": hang, "exit": f"exited ({self.detail})",
                "not_run": f"was not run ({self.detail})",
                "nomem": "ran out of memory (an allocation failed)"}[self.kind]


    @property
    def watchdog_ms(self) -> int:
        """A hang's watchdog."""
        return int(self.detail) if self.kind == "hang" and self.detail.isdigit() else WATCHDOG_MS


def wall_limited(texts: list[str]) -> str | None:
    """Why some of a function's inputs, given the verdicts' texts, were left unrun by WALL_LIMIT: the number
    of inputs it is judged on then depends on the machine's speed, which its report must say."""
    unrun = sum(WALL_LIMITED in t for t in texts)
    return f"{unrun} input(s) were not run: {WALL_LIMITED}" if unrun else None


def side_env(rust: bool) -> dict[str, str]:
    env = dict(os.environ)
    if rust:
        env["RUST_BACKTRACE"] = "0"
    else:  # how the C side's sanitizers report (see sanitize); no effect on an executable without them
        env.update(ENV)
    return env


def classify(rc: int | None, stderr: str, rust: bool, exe: Path | None = None) -> Outcome:
    """Why a harness run stopped early, from its exit status and stderr."""
    m = _PANIC.search(stderr)
    if m:
        return Outcome("panic", f"{m.group(2).strip()} at {m.group(1).strip()}")
    report = parse_report(stderr, exe) if not rust and rc == EXIT_REPORT and exe is not None else None
    if report is not None:
        return Outcome("ub", report=report)
    if not rust and rc == -signal.SIGILL:
        # The C was built with trapping UB checks: a trap is UB detected (or the C's own __builtin_trap,
        # which leaves no defined result either).
        return Outcome("ub", "a C undefined-behaviour check trapped")
    if rc is None or rc == -signal.SIGALRM or rc == -signal.SIGXCPU:
        return Outcome("hang")
    if rc < 0:
        try:
            return Outcome("crash", signal.Signals(-rc).name)
        except ValueError:
            return Outcome("crash", f"signal {-rc}")
    return Outcome("exit", f"status {rc}")


def run_side(exe: Path, index: int, in_path: Path, out_path: Path, n: int, out_size: int, rust: bool,
             fresh: bool = False, watchdog_ms: int = WATCHDOG_MS,
             took: dict[int, int] | None = None) -> tuple[dict[int, Outcome], bytes]:
    """Run all `n` inputs (each in a fresh process if `fresh`); returns the inputs that did not return
    normally, and the output records. `took` receives the milliseconds of each input that returned after a
    tenth of the watchdog or more.
    A run that spends SIDE_BUDGET before its inputs are done is continued by another where it stopped, with
    the failures counted so far, until the inputs or the failure limits run out: how many inputs a function
    is judged on must not depend on the machine's load. Only WALL_LIMIT, a safety net, ends that early, and
    the inputs it leaves unrun say so."""
    _zeroed(out_path, 8 + n * out_size)
    failed: dict[int, Outcome] = {}
    nomem: list[int] = []
    start, counts, began = 0, ["0", "0", "0"], time.monotonic()
    while True:
        run = _supervise(exe, index, in_path, out_path, rust, fresh, watchdog_ms, start, counts)
        _collect(run, exe, rust, watchdog_ms, failed, nomem, took)
        if run.timed_out:  # the supervisor itself was stuck: the input being run is the culprit
            with out_path.open("rb") as f:
                (progress,) = struct.unpack("<Q", f.read(8))
            failed[progress] = Outcome("hang", str(watchdog_ms))
            stop_at, why = progress + 1, _LIMITS
            break
        if run.rc != 0:
            raise HarnessError(f"{exe.name} {index}: status {run.rc}: {run.stderr.strip()[-2000:]}")
        budget = _BUDGET.search(run.stdout)
        if budget is None:
            stop = _STOP.search(run.stdout)
            stop_at, why = (int(stop.group(1)) if stop else n), _LIMITS
            break
        start, counts = int(budget.group(1)), list(budget.group(2, 3, 4))
        if time.monotonic() - began >= WALL_LIMIT:
            stop_at, why = start, WALL_LIMITED
            break
    for i in range(stop_at, n):
        failed.setdefault(i, Outcome("not_run", why))
    # A failed allocation: whatever the C did next depends on the environment; the Rust's only when it asked
    # for an amount a larger allowance would grant (2: more than any limit allows, the Rust's own doing).
    for i in nomem:
        failed[i] = Outcome("nomem")
    data = out_path.read_bytes()[8:]
    return failed, data


def _supervise(exe: Path, index: int, in_path: Path, out_path: Path, rust: bool, fresh: bool,
               watchdog_ms: int, start: int, counts: list[str]):
    """One run of the harness's supervisor from input `start`, continuing runs that failed `counts` times
    (failures, hangs, crashes)."""
    caps = ["0" if not rust else str(MAX_RUST_FAILURES), "0" if rust else str(MAX_C_CRASHES)]
    cmd = [str(exe), str(index), str(in_path), str(out_path), str(start), str(watchdog_ms), *caps,
           str(int(SIDE_BUDGET)), str(int(fresh)), *counts]
    timeout = SIDE_BUDGET + 4 * watchdog_ms / 1000 + 30
    return run_limited(cmd, timeout=timeout, env=side_env(rust), limits=False)


def _collect(run, exe: Path, rust: bool, watchdog_ms: int, failed: dict[int, Outcome], nomem: list[int],
             took: dict[int, int] | None) -> None:
    """What one supervisor run reported: its failed inputs, its allocation failures that count (see
    run_side) and its slow inputs."""
    messages = _messages(run.stderr)
    for m in _FAIL.finditer(run.stdout):
        at, how, code = int(m.group(1)), m.group(2), int(m.group(3))
        failed[at] = classify(-code if how == "signal" else code, messages.get(at, ""), rust, exe)
        if failed[at].kind == "hang":
            failed[at].detail = str(watchdog_ms)
    if took is not None:
        took.update((int(m.group(1)), int(m.group(2))) for m in _SLOW.finditer(run.stdout))
    nomem.extend(int(m.group(1)) for m in _NOMEM.finditer(run.stdout) if not rust or m.group(2) == "1")


def _zeroed(path: Path, size: int) -> None:
    """A new file of `size` zero bytes, sparse: the harness maps it and writes every record it fills in, so
    writing the zeros first (megabytes for large records, each a disk write on a busy machine) bought
    nothing. A file's unwritten bytes read as zeros (POSIX ftruncate)."""
    path.unlink(missing_ok=True)  # truncating a file with data not yet on disk would write it (ext4)
    with path.open("wb") as f:
        f.truncate(size)


def _messages(stderr: str) -> dict[int, str]:
    """Each failed input's stderr: the text before its `@@difftest-end N` marker."""
    out, pos = {}, 0
    for m in _END.finditer(stderr):
        out[int(m.group(1))] = stderr[pos:m.start()]
        pos = m.end()
    return out


def records(data: bytes, n: int, size: int) -> list[bytes]:
    """The n fixed-size output records of a run."""
    return [data[i * size:(i + 1) * size] for i in range(n)]
