"""Benchmark `llmigrate migrate` with the builtin backend: wall time per fixture, and the time in cargo.

Also migrates a generated 50-function C library (5 files, callers calling callees of the previous level).
The target is under 30 s for the 50 functions on a 2-core machine; cargo runs once per round over the whole
crate, not once per function. With --verify, the yardstick of issue 17 is measured in the same run: one clean
debug `cargo build` of the crate migrate produced (a fresh target directory), and migrate's wall time as a
multiple of it (target: at most 5x), in wall time and in CPU seconds (a loaded machine bends the former).

    python bench/bench_migrate.py [--fixtures kmath ksort ramfs] [--functions 50] [--verify]

With --verify, a last line gives the fixtures' overall ratio (their sums); bench/profile_verify.py shows
where that time goes, subprocess by subprocess.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def synthetic_library(root: Path, functions: int, files: int = 5, seed: int = 1) -> Path:
    """A C library of `functions` integer functions; function i of file f may call functions of file f-1."""
    rng = random.Random(seed)
    src = root / f"synth{functions}"
    src.mkdir(parents=True)
    per_file = max(1, functions // files)
    prev: list[str] = []
    for f in range(files):
        names, text = [], ["#include <stdint.h>", ""]
        text += [f"uint32_t {p}(uint32_t x, uint32_t y);" for p in prev]
        for i in range(per_file if f < files - 1 else functions - per_file * (files - 1)):
            name = f"f{f}_{i}"
            calls = rng.sample(prev, k=min(2, len(prev)))
            body = [f"\tuint32_t acc = x ^ {rng.randint(1, 1 << 16)}u;"]
            body += [f"\tacc += {c}(acc, y + {n}u);" for n, c in enumerate(calls)]
            body += ["\tfor (uint32_t i = 0; i < (y & 7u); i++)",
                     f"\t\tacc = (acc << 1) ^ (acc >> {rng.randint(1, 9)});",
                     f"\tif (acc > {rng.randint(1000, 100000)}u)", "\t\tacc -= y;", "\treturn acc;"]
            text += ["", f"uint32_t {name}(uint32_t x, uint32_t y)", "{", *body, "}"]
            names.append(name)
        (src / f"part{f}.c").write_text("\n".join(text) + "\n")
        prev = names
    return src


def bench(src: Path, out: Path, verify: bool) -> dict:
    from llmigrate.cargo import cargo_seconds
    from llmigrate.journal import Journal
    from llmigrate.pipeline import MigrateOptions, migrate_command

    cargo0, runs0 = cargo_seconds()
    cpu0 = cpu_seconds()
    t0 = time.monotonic()
    log = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(log):
        code = migrate_command(src, out, MigrateOptions(backend="builtin", verify=verify))
    wall = time.monotonic() - t0
    cpu = cpu_seconds() - cpu0
    cargo, runs = cargo_seconds()
    statuses = Counter(str(rec.status) for rec in Journal.load(out).functions.values())
    return {"wall": wall, "cpu": cpu, "cargo": cargo - cargo0, "runs": runs - runs0, "exit": code,
            "statuses": statuses}


def cpu_seconds() -> float:
    """CPU seconds (user and system) of this process and of its children that ended: less bent by a loaded
    machine than wall time."""
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def clean_build_seconds(out: Path, target: Path) -> tuple[float, float]:
    """One debug `cargo build` of the crate in `out` from nothing (a fresh target directory): wall and CPU
    seconds."""
    t0, cpu0 = time.monotonic(), cpu_seconds()
    subprocess.run(["cargo", "build", "--quiet"], cwd=out, check=True, capture_output=True,
                   env={**os.environ, "CARGO_TARGET_DIR": str(target)})
    return time.monotonic() - t0, cpu_seconds() - cpu0


def _ratio(wall: float, clean: float, cpu: float, clean_cpu: float) -> str:
    """The yardstick columns: the clean build, and migrate as a multiple of it in wall and CPU seconds."""
    return f" {clean:>13.1f} {wall / clean:>5.1f}x {cpu:>6.1f} {clean_cpu:>11.1f} {cpu / clean_cpu:>8.1f}x"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fixtures", nargs="*", default=["kmath", "ksort", "ramfs"])
    ap.add_argument("--functions", type=int, default=50, help="the synthetic library's size (0: none)")
    ap.add_argument("--verify", action="store_true", help="also run verification (C tests, differential)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    yardstick = f" {'clean build s':>13} {'ratio':>6} {'cpu s':>6} {'clean cpu s':>11} {'cpu ratio':>9}" \
        if args.verify else ""
    print(f"{'codebase':<12} {'wall s':>7} {'cargo s':>8} {'cargo runs':>10}{yardstick}  exit  statuses")
    fixtures = [0.0, 0.0, 0.0, 0.0]  # the fixtures' wall, clean build, cpu, clean cpu: the overall ratio
    with tempfile.TemporaryDirectory(prefix="bench-migrate-") as tmp:
        targets = [(name, ROOT / "fixtures" / name) for name in args.fixtures]
        if args.functions:
            targets.append((f"synth{args.functions}", synthetic_library(Path(tmp), args.functions)))
        for name, src in targets:
            r = bench(src, Path(tmp) / f"out-{name}", args.verify)
            statuses = ", ".join(f"{k} {v}" for k, v in sorted(r["statuses"].items()))
            ratio = ""
            if args.verify:
                clean, clean_cpu = clean_build_seconds(Path(tmp) / f"out-{name}",
                                                       Path(tmp) / f"target-{name}")
                ratio = _ratio(r["wall"], clean, r["cpu"], clean_cpu)
                if name in args.fixtures:
                    fixtures = [a + b for a, b in zip(fixtures, (r["wall"], clean, r["cpu"], clean_cpu),
                                                      strict=True)]
            print(f"{name:<12} {r['wall']:>7.1f} {r['cargo']:>8.1f} {r['runs']:>10}{ratio}  {r['exit']:>4}  "
                  f"{statuses}", flush=True)
    if args.verify and args.fixtures:
        print(f"{'fixtures':<12} {fixtures[0]:>7.1f} {'':>8} {'':>10}{_ratio(*fixtures)}  (their sums: the "
              "overall ratio)")
    if args.verify:
        print(f"ratio: migrate with verification over one clean debug cargo build (target: at most 5x; "
              f"--jobs default {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}); cpu: the same "
              "in CPU seconds (user and system, children included), less bent by other processes' load")


if __name__ == "__main__":
    main()
