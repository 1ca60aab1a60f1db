"""Where `migrate` with verification spends its time: each subprocess it runs, by kind, in CPU and wall time.

    python bench/profile_verify.py [--fixtures kmath ksort ramfs]

Each fixture is migrated (builtin backend, verification on) with every subprocess's resources recorded as it
is reaped (`os.wait4`: its CPU time includes its own children's, e.g. cargo's rustc), in forked workers too.
The yardstick of issue 17 is measured in the same run: one clean debug `cargo build` of the crate produced.
CPU seconds are shown first: the machine is shared, and wall time is bent by others' load.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench_migrate import clean_build_seconds, cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
_LOG: Path | None = None


def _recording_wait(self: subprocess.Popen, wait_flags: int) -> tuple[int, int]:
    """Popen._try_wait through os.wait4, appending the reaped process's argv, wall and CPU to _LOG."""
    try:
        pid, sts, usage = os.wait4(self.pid, wait_flags)
    except ChildProcessError:
        return self.pid, 0
    if pid and _LOG is not None:
        start = getattr(self, "_profile_start", time.monotonic())
        line = json.dumps({"args": [str(a) for a in self.args], "wall": time.monotonic() - start,
                           "cpu": usage.ru_utime + usage.ru_stime})
        with _LOG.open("a") as f:  # one short append per line: the forked workers' lines stay whole
            f.write(line + "\n")
    return pid, sts


_ORIGINAL = (subprocess.Popen.__init__, subprocess.Popen._try_wait)


def install(log: Path | None) -> None:
    """Record every subprocess this process (and any it forks) reaps into `log`; None: Popen as it was."""
    global _LOG
    _LOG = log
    if log is None:
        subprocess.Popen.__init__, subprocess.Popen._try_wait = _ORIGINAL
        return
    init = _ORIGINAL[0]

    def timed_init(self, *args, **kwargs):
        self._profile_start = time.monotonic()
        init(self, *args, **kwargs)

    subprocess.Popen.__init__, subprocess.Popen._try_wait = timed_init, _recording_wait


def kind(args: list[str]) -> str:
    """What a subprocess was, for the table: the tool and the part of verification it serves."""
    exe = Path(args[0]).name if args else "?"
    if exe in ("prlimit", "bwrap", "unshare") and "--" in args:  # the sandbox wraps a program under test
        return kind(args[len(args) - args[::-1].index("--"):])
    text = " ".join(args)
    if exe == "cargo":
        profile = " release" if "--release" in args else ""
        return f"cargo {args[1]}{profile}" + (" (scratch)" if "llmigrate-scratch" in text else "")
    if exe in ("gcc", "cc", "clang"):
        return _c_compile_kind(args, text)
    if exe.startswith("harness_"):
        return f"run {exe}"
    if exe.endswith(("_c", "_rust")) and "ctests" in text:
        return f"run c-test ({exe.rsplit('_', 1)[1]} side)"
    return exe


def _c_compile_kind(args: list[str], text: str) -> str:
    if "-S" in args or "-fsyntax-only" in args or "-print-file-name=include" in args or "--version" in args:
        return "cc checks (return paths, syntax, version)"
    if "-c" not in args:
        what = "probe" if "probe" in text else "link check" if "link_check" in text else "harness" if \
            "difftest" in text else "c-test, Rust side" if "target/release" in text else "c-test, C side" if \
            "ctests" in text else "other"
        return f"cc link ({what})"
    side = "asan" if "-fsanitize=address" in text else "fill-locals" if "auto-var-init" in text else \
        "coverage" if "--coverage" in args else "ub-trap" if "-fsanitize" in text else "Rust side" if \
        "-ffunction-sections" in args else "plain"
    where = "harness unit" if "/unit_" in text else "driver" if "difftest_main" in text else \
        "table" if "/table.c" in text else "probe" if "probe" in text else "library/test"
    return f"cc -c {where} ({side})"


def profile(src: Path, out: Path, log: Path) -> dict:
    """Migrate `src` into `out` with verification; the stages' wall times and the whole run's CPU."""
    from llmigrate.journal import Journal
    from llmigrate.pipeline import MigrateOptions, migrate_command

    self0 = resource.getrusage(resource.RUSAGE_SELF)
    cpu0, t0 = cpu_seconds(), time.monotonic()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        migrate_command(src, out, MigrateOptions(backend="builtin", verify=True))
    self1 = resource.getrusage(resource.RUSAGE_SELF)
    journal = Journal.load(out)
    verify = journal.run.verify
    return {"wall": time.monotonic() - t0, "cpu": cpu_seconds() - cpu0,
            "python": self1.ru_utime + self1.ru_stime - self0.ru_utime - self0.ru_stime,
            "stages": journal.run.stages, "verify_stages": verify.stages if verify else {},
            "statuses": sorted(str(r.status) for r in journal.functions.values())}


def table(log: Path, total_cpu: float, python_cpu: float, clean_cpu: float) -> list[str]:
    rows: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for line in log.read_text().splitlines():
        r = json.loads(line)
        row = rows[kind(r["args"])]
        row[0] += 1
        row[1] += r["cpu"]
        row[2] += r["wall"]
    recorded = sum(r[1] for r in rows.values())
    rows["python (this process)"] = [1, python_cpu, 0.0]
    rows["python (forked workers, by difference)"] = [0, max(0.0, total_cpu - python_cpu - recorded), 0.0]
    lines = [f"  {'what':<44} {'runs':>5} {'cpu s':>7} {'x clean':>7} {'wall s':>7}"]
    for name, (n, cpu, wall) in sorted(rows.items(), key=lambda kv: -kv[1][1]):
        lines.append(f"  {name:<44} {n:>5} {cpu:>7.2f} {cpu / clean_cpu:>6.1f}x {wall:>7.2f}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fixtures", nargs="*", default=["kmath", "ksort", "ramfs"])
    ap.add_argument("--keep", type=Path, help="a directory to keep the outputs and subprocess logs in")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="profile-verify-") as scratch:
        tmp = args.keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        for name in args.fixtures:
            log, out = tmp / f"{name}.jsonl", tmp / f"out-{name}"
            install(log)
            r = profile(ROOT / "fixtures" / name, out, log)
            install(None)  # the yardstick's own cargo is no part of the table
            clean_wall, clean_cpu = clean_build_seconds(out, tmp / f"target-{name}")
            print(f"{name}: migrate with verification {r['cpu']:.2f} cpu s ({r['cpu'] / clean_cpu:.1f}x), "
                  f"{r['wall']:.2f} wall s ({r['wall'] / clean_wall:.1f}x); clean debug cargo build "
                  f"{clean_cpu:.2f} cpu s, {clean_wall:.2f} wall s; load {os.getloadavg()[0]:.1f}")
            print(f"  stages (wall s): {r['stages']}\n  verify stages (wall s, overlapping): "
                  f"{r['verify_stages']}")
            print("\n".join(table(log, r["cpu"], r["python"], clean_cpu)), flush=True)


if __name__ == "__main__":
    main()
