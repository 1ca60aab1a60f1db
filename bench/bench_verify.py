"""Benchmark verification: differential-testing throughput and the time `verify` takes per fixture.

    python bench/bench_verify.py [--vectors 50000] [--fixtures kmath,ksort,ramfs]

Each fixture is migrated with the builtin backend (--no-verify) into a temporary directory, then verified.
Throughput is measured on kmath's scalar functions: input vectors per second through the C side alone, the
Rust side alone, and per function pair end to end (generate, pack, run both sides, compare).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.core import RunContext
from llmigrate.journal import Journal
from llmigrate.verify.difftest.build import build_harness
from llmigrate.verify.difftest.driver import evaluate
from llmigrate.verify.difftest.inputs import generate, pack
from llmigrate.verify.difftest.run import run_side
from llmigrate.verify.difftest.types import Unsupported, plan_function
from llmigrate.verify.run import verify_run

ROOT = Path(__file__).resolve().parents[1]
MIN_VECTORS = 1000  # fewer than this: the function's input space is exhausted, process start dominates


def migrate(fixture: str, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "llmigrate", "migrate", str(ROOT / "fixtures" / fixture), "--out",
                    str(out), "--backend", "builtin", "--no-verify"], check=True, capture_output=True)


def time_verify(fixture: str, out: Path) -> None:
    src = ROOT / "fixtures" / fixture
    config = load_config(src)
    codebase = analyze_dir(src, config)
    journal = Journal.load(out)
    start = time.perf_counter()
    ctx = RunContext(src, out, config, codebase, journal)
    result = verify_run(ctx)
    seconds = time.perf_counter() - start
    counts = {k: sum(d.equivalence == k for d in result.functions.values())
              for k in ("equivalent", "differs", "untested")}
    inputs = sum(d.inputs_tested for d in result.functions.values())
    passed = sum(t.rust == "passed" for t in result.c_tests)
    print(f"verify {fixture:8s} {seconds:6.2f} s   C tests {passed}/{len(result.c_tests)} pass on Rust   "
          f"differential {counts}   {inputs} inputs compared")
    again = time.perf_counter()
    verify_run(ctx)
    print(f"verify {fixture:8s} {time.perf_counter() - again:6.2f} s   (again: objects cached, crate built)")
    print(f"       stages: {journal.run.verify.stages}")


def throughput(out: Path, vectors: int) -> None:
    src = ROOT / "fixtures" / "kmath"
    codebase = analyze_dir(src)
    plans = {}
    for fid, fn in sorted(codebase.functions.items()):
        try:
            plan = plan_function(fn, codebase)
        except Unsupported:
            continue
        if all(a.role == "scalar" for a in plan.args) and plan.ret is not None and plan.ret.scalar:
            plans[fid] = plan
    h = build_harness(src, out, codebase, plans)
    print(f"\n{'function':24s} {'vectors':>8s} {'C vec/s':>10s} {'Rust vec/s':>11s} {'pair vec/s':>11s} "
          f"{'end-to-end':>11s}")
    rates = []
    for fid, plan in plans.items():
        vecs = generate(plan, n_random=vectors)
        n, size = len(vecs), plan.out_struct.size
        work = h.dir / "io" / f"bench-{h.index[fid]}"
        work.with_suffix(".in").write_bytes(pack(plan, vecs))
        t0 = time.perf_counter()
        run_side(h.c_exe, h.index[fid], work.with_suffix(".in"), work.with_suffix(".c"), n, size, False)
        t1 = time.perf_counter()
        run_side(h.rust_exe, h.index[fid], work.with_suffix(".in"), work.with_suffix(".rs"), n, size, True)
        t2 = time.perf_counter()
        verdicts = evaluate(h, plan, vecs, tag="bench")
        t3 = time.perf_counter()
        assert len(verdicts) == n
        pair = n / (t2 - t0)
        rates.append((pair, n / (t3 - t2), n, fid, t2 - t0))
        print(f"{fid:24s} {n:8d} {n / (t1 - t0):10.0f} {n / (t2 - t1):11.0f} {pair:11.0f} "
              f"{n / (t3 - t2):11.0f}")
    # A function whose whole input space is a few hundred vectors (u8 arguments) is done in the time two
    # processes take to start; its rate says nothing about throughput, so it is shown apart.
    sustained = sorted(r for r in rates if r[2] >= MIN_VECTORS)
    ends = sorted(r[1] for r in sustained)
    print(f"\nscalar function pairs: {len(rates)}; over the {len(sustained)} with >= {MIN_VECTORS} vectors: "
          f"pair throughput (both sides run) min {sustained[0][0]:.0f}, median "
          f"{sustained[len(sustained) // 2][0]:.0f} vectors/s; end to end min {ends[0]:.0f}; target >= 10000")
    for _, _, n, fid, secs in sorted(r for r in rates if r[2] < MIN_VECTORS):
        print(f"  {fid}: its whole input space, {n} vectors, in {secs * 1000:.0f} ms (both sides, process "
              "start included)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vectors", type=int, default=50000, help="random vectors per function")
    ap.add_argument("--fixtures", default="kmath,ksort,ramfs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for fixture in args.fixtures.split(","):
            out = Path(tmp) / fixture
            migrate(fixture, out)
            time_verify(fixture, out)
        if (Path(tmp) / "kmath").is_dir():
            throughput(Path(tmp) / "kmath", args.vectors)


if __name__ == "__main__":
    main()
