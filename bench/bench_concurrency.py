"""Benchmark the translate driver's concurrency and its own per-unit overhead; prints the figures.

    python bench/bench_concurrency.py [--functions 200] [--levels 10] [--jobs 8] [--delay 0.5]

Wall time: the openai backend (real client, real HTTP) against the fake server, which answers every request
after `--delay` seconds, compared with the ideal sum over levels of ceil(width / jobs) * delay.
Overhead per unit: the driver (reply parsing, laziness guard, journal save) measured under the scripted
backend, which answers instantly, plus prompt rendering measured on its own.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fake_openai import FakeOpenAI, Reply, good_reply_for, synthetic  # noqa: E402

from llmigrate import prompting  # noqa: E402
from llmigrate.backends import get_backend  # noqa: E402
from llmigrate.config import Config  # noqa: E402
from llmigrate.core import MigrateContext, SharedTranslation  # noqa: E402
from llmigrate.journal import Journal  # noqa: E402
from llmigrate.signatures.mapper import map_all  # noqa: E402
from llmigrate.translate.driver import translate_units, unit_request  # noqa: E402


def widths(functions: int, levels: int) -> list[int]:
    return [functions // levels + (1 if i < functions % levels else 0) for i in range(levels)]


def run(backend, cb, plan, out: Path, jobs: int) -> tuple[float, float]:
    """Wall and CPU seconds (all threads of this process) of one translate_units run."""
    journal = Journal.create(out, "/synthetic", backend.name, backend.model)
    t0, c0 = time.perf_counter(), time.process_time()
    ctx = MigrateContext(Path(cb.root), out, Config(jobs=jobs), cb, journal, plan, map_all(cb), backend,
                         SharedTranslation(""))
    results = translate_units(ctx)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    failed = [u for u, t in results.items() if not t.ok]
    if failed:
        raise SystemExit(f"bench: {len(failed)} units failed, e.g. {results[failed[0]].reasons}")
    return elapsed, cpu


def wall_time(args, cb, plan, tmp: Path) -> None:
    ideal = sum(math.ceil(len(level) / args.jobs) for level in plan.levels) * args.delay

    def answer(key: str, body: dict) -> Reply:
        return Reply(good_reply_for(cb, key.split(":", 1)[1]), delay=args.delay)

    os.environ.setdefault("OPENAI_API_KEY", "sk-bench-not-a-real-key")
    with FakeOpenAI(default=answer) as fake:
        config = Config(base_url=fake.base_url, cache_dir=str(tmp / "wall" / ".llmigrate" / "cache"))
        elapsed, _ = run(get_backend("openai", config), cb, plan, tmp / "wall", args.jobs)
        print(f"wall time      {elapsed:7.2f} s   ideal {ideal:.2f} s   ratio {elapsed / ideal:.3f} "
              f"(target <= 1.25)   requests {len(fake.requests)}   max in flight {fake.max_in_flight}")


def overhead(args, cb, plan, tmp: Path) -> None:
    n = len(cb.functions)
    script = tmp / "script.json"
    script.write_text(json.dumps({"units": {f: [good_reply_for(cb, f)] for f in cb.functions}}))
    os.environ["LLMIGRATE_SCRIPT"] = str(script)
    driver, driver_cpu = run(get_backend("scripted", Config()), cb, plan, tmp / "scripted", args.jobs)
    sigs = map_all(cb)
    t0, c0 = time.perf_counter(), time.process_time()
    for unit in plan.units():
        request = unit_request(cb, unit, sigs, SharedTranslation(""))
        prompting.render("system.j2")
        prompting.render("translate_unit.j2", **prompting.unit_context(request))
    render, render_cpu = time.perf_counter() - t0, time.process_time() - c0
    ms = 1000 / n
    # CPU time is the tool's own work; wall time also counts waiting for a core on a shared machine.
    total, total_cpu = (driver + render) * ms, (driver_cpu + render_cpu) * ms
    print(f"overhead/unit  {total:7.2f} ms wall, {total_cpu:.2f} ms CPU "
          f"(target < 5)   parse+guard+journal {driver * ms:.2f} ms wall / {driver_cpu * ms:.2f} ms CPU, "
          f"prompt rendering {render * ms:.2f} ms wall / {render_cpu * ms:.2f} ms CPU")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--functions", type=int, default=200)
    ap.add_argument("--levels", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=8)
    ap.add_argument("--delay", type=float, default=0.5)
    args = ap.parse_args()
    cb, plan = synthetic(widths(args.functions, args.levels))
    print(f"plan           {args.functions} functions in {args.levels} levels, --jobs {args.jobs}, "
          f"reply delay {args.delay} s")
    with tempfile.TemporaryDirectory(prefix="bench-conc-") as tmp:
        overhead(args, cb, plan, Path(tmp))
        wall_time(args, cb, plan, Path(tmp))


if __name__ == "__main__":
    main()
