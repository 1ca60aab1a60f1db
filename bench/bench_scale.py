"""Scale: analyze and migrate (builtin, --no-verify) a generated codebase at N and FACTOR*N functions.

    python bench/bench_scale.py [--functions 2000] [--factor 4] [--jobs J] [--keep DIR]

For each size it prints wall time and peak RSS of `llmigrate analyze` and `llmigrate migrate` (the largest
llmigrate process, the run or a worker, sampled; and with cargo's rustc, from wait4's rusage), migrate's time
per stage, CPU seconds (of the run and every process it waited for), and a yardstick run in the same command
on the same C: `gcc -O0 -c` of every file. Then the ratios next to the issue's targets: 4x the functions in
at most 5x the time; builtin translation at most 3x the gcc yardstick; 30,000 functions migrated in under 10
minutes with under 2 GiB (extrapolated along the line through both sizes when the larger is smaller). The CPU
ratio is the one to read on a busy machine: wall time grows with the load of the moment, CPU seconds hardly.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_codebase import generate  # noqa: E402

LLMIGRATE = [sys.executable, "-m", "llmigrate"]
TRANSLATION = ("signatures", "shared", "translate")  # migrate's stages from the C facts to each unit's Rust


@dataclass
class Measure:
    seconds: float
    rss_mib: float  # the largest process of the run, cargo's rustc included (wait4)
    own_mib: float = 0.0  # the largest llmigrate process (the run or a worker), sampled from /proc
    output: str = ""
    cpu: float = 0.0  # user + system seconds of the run and every process it waited for (wait4)


def _rss_mib(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


def _own_pids(pid: int) -> list[int]:
    """The run and its worker processes (its python children), not cargo, rustc, gcc or rustfmt."""
    try:
        kids = [int(k) for k in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        kids = []
    return [pid] + [k for k in kids if _command(k).startswith("python")]


def _command(pid: int) -> str:
    """A process's name, or "" once it has exited (a child may end between listing and reading)."""
    try:
        return Path(f"/proc/{pid}/comm").read_text()
    except OSError:
        return ""


def _sample(pid: int, peak: list[float], done: threading.Event) -> None:
    while not done.wait(0.5):
        peak[0] = max([peak[0], *map(_rss_mib, _own_pids(pid))])


@dataclass
class Size:
    functions: int
    gcc: Measure
    analyze: Measure
    migrate: Measure
    stages: dict[str, float] = field(default_factory=dict)


def measure(cmd: list[str], cwd: Path, log: Path) -> Measure:
    """Run `cmd`; its wall time, the peak RSS of its largest process, and its output (stdout + stderr)."""
    with log.open("w") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        peak, done = [0.0], threading.Event()
        sampler = threading.Thread(target=_sample, args=(proc.pid, peak, done), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        done.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(errors="replace")
    if proc.returncode not in (0, 1):  # 1: some function failed or stayed C, which the figures show
        raise SystemExit(f"bench: {' '.join(cmd)} exited {proc.returncode}:\n{text[-3000:]}")
    return Measure(seconds, usage.ru_maxrss / 1024, peak[0], text, usage.ru_utime + usage.ru_stime)


def run_size(work: Path, functions: int, jobs: int) -> Size:
    src, out, objs = work / f"src{functions}", work / f"out{functions}", work / f"obj{functions}"
    files = generate(src, functions)
    objs.mkdir()
    gcc = measure(["gcc", "-O0", "-c", *map(str, files)], objs, work / "gcc.log")
    analyze = measure([*LLMIGRATE, "analyze", str(src)], work, work / "analyze.log")
    migrate = measure([*LLMIGRATE, "migrate", str(src), "--out", str(out), "--backend", "builtin",
                       "--no-verify", "--jobs", str(jobs)], work, work / "migrate.log")
    stages = {k: float(v) for k, v in re.findall(r"(\w+) (\d+\.\d+)s", _time_line(migrate.output))}
    return Size(functions, gcc, analyze, migrate, stages)


def _time_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("time:")]
    return lines[-1] if lines else ""


def _outcome(output: str) -> str:
    m = re.search(r"verified: \d+\s+compiled: (\d+)\s+kept_in_c: (\d+)\s+failed: (\d+)", output)
    return f"{m.group(1)} compiled, {m.group(2)} kept in C, {m.group(3)} failed" if m else "no summary"


def report(sizes: list[Size], jobs: int) -> None:
    print(f"{'functions':>9}  {'gcc -O0 -c':>10}  {'analyze':>16}  {'migrate':>16}  stages (s)")
    for s in sizes:
        stages = ", ".join(f"{k} {v:.1f}" for k, v in s.stages.items())
        a, m = s.analyze, s.migrate
        print(f"{s.functions:>9}  {s.gcc.seconds:>9.1f}s  {a.seconds:>6.1f}s {a.rss_mib:>5.0f} MiB"
              f"  {m.seconds:>6.1f}s {m.own_mib:>5.0f} MiB  {stages}; with rustc {m.rss_mib:.0f} MiB")
        print(f"{'':>9}  outcome: {_outcome(s.migrate.output)}; CPU: analyze {a.cpu:.1f}s, migrate "
              f"{m.cpu:.1f}s")
    small, large = sizes[0], sizes[-1]
    factor = large.functions / small.functions
    print(f"\nratios (--jobs {jobs}, {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f})")
    print(f"  {factor:g}x functions: migrate {large.migrate.seconds / small.migrate.seconds:.2f}x the time, "
          f"analyze {large.analyze.seconds / small.analyze.seconds:.2f}x (target: at most "
          f"{factor * 5 / 4:g}x)")
    # CPU seconds hardly move with the machine's load, where wall time does: the ratio to trust when busy
    print(f"  {factor:g}x functions, CPU: migrate {large.migrate.cpu / small.migrate.cpu:.2f}x, analyze "
          f"{large.analyze.cpu / small.analyze.cpu:.2f}x")
    for s in sizes:
        # what the stage "translate" timed before signatures and shared items had lines of their own
        translate = sum(s.stages.get(k, 0.0) for k in TRANSLATION) or float("nan")
        print(f"  {s.functions} functions: translate {translate / s.gcc.seconds:.1f}x gcc -O0 -c "
              f"(target: at most 3x); migrate {s.migrate.seconds / s.gcc.seconds:.1f}x gcc")
    how = "measured" if large.functions == 30000 else "extrapolated along the line through both sizes"
    seconds = _at(30000, small.functions, small.migrate.seconds, large.functions, large.migrate.seconds)
    rss = _at(30000, small.functions, small.migrate.own_mib, large.functions, large.migrate.own_mib)
    print(f"  30,000 functions ({how}): {seconds:.0f} s (target: under 600 s), peak RSS of llmigrate's "
          f"processes {rss:.0f} MiB (target: under 2048 MiB)")


def _at(x: float, x0: float, y0: float, x1: float, y1: float) -> float:
    return y1 + (y1 - y0) / (x1 - x0) * (x - x1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--functions", type=int, default=2000)
    ap.add_argument("--factor", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="llmigrate-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        sizes = [run_size(work, n, args.jobs) for n in (args.functions, args.functions * args.factor)]
        report(sizes, args.jobs)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
