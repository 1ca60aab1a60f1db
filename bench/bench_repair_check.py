"""How long one repair round's cargo check takes as the crate grows: whole crate vs. one unit on its own.

For generated C libraries of growing size (migrated once with the builtin backend), it times:
  whole      `cargo check` of OUT after one function changed (incremental, what every repair round runs)
  unit       one unit checked alone against the skeleton (every other body diverges), in the scratch crate
  k units    checking k failing units one by one alone, against one whole-crate check for all of them

    python bench/bench_repair_check.py [--sizes 50 200 500] [--failing 5]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def crate_state(src: Path, out: Path):
    """The migrated crate of SRC in OUT as the repair loop sees it."""
    from llmigrate.analyze.codebase import analyze_dir
    from llmigrate.config import load_config
    from llmigrate.journal import Journal
    from llmigrate.pipeline import MigrateOptions, migrate_command
    from llmigrate.plan import make_plan
    from llmigrate.reintegrate.crate import crate_name
    from llmigrate.reintegrate.crate_state import CrateState
    from llmigrate.signatures.mapper import map_all

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        migrate_command(src, out, MigrateOptions(backend="builtin", verify=False))
    codebase = analyze_dir(src)
    journal = Journal.load(out)
    code = {fid: rec.rust or "" for fid, rec in journal.functions.items()}
    return CrateState(out.resolve(), crate_name(src), codebase, make_plan(codebase), map_all(codebase),
                      journal.run.shared.code, load_config(src), code=code)


def timed(fn) -> float:
    t0 = time.monotonic()
    fn()
    return time.monotonic() - t0


def measure(state, failing: int) -> dict[str, float]:
    units = state.plan.units()
    picked = units[-failing:]
    unit_fns = set(picked[0].functions)
    state.check_scratch(unit_fns)  # warm the scratch crate's target dir, as the loop's first bisection would
    whole, alone = [], []
    for n in range(3):  # a different edit each time, so cargo really re-checks
        fid = picked[0].functions[0]
        state.code[fid] += f"\n// edit {n}\n"
        whole.append(timed(state.check))
        alone.append(timed(lambda: state.check_scratch(unit_fns)))
    one_by_one = sum(timed(lambda u=u: state.check_scratch(set(u.functions))) for u in picked)
    return {"whole": statistics.median(whole), "unit": statistics.median(alone), "k_alone": one_by_one,
            "units": len(units)}


def main() -> None:
    from bench_migrate import synthetic_library

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[50, 200, 500])
    ap.add_argument("--failing", type=int, default=5, help="k: failing units in one round")
    args = ap.parse_args()
    print(f"{'functions':>9} {'units':>6} {'whole s':>8} {'unit s':>7} {args.failing:>3} alone s  "
          f"({args.failing} failing units: one whole check vs. one check each)")
    with tempfile.TemporaryDirectory(prefix="bench-repair-check-") as tmp:
        for size in args.sizes:
            src = synthetic_library(Path(tmp), size, files=max(5, size // 20))
            r = measure(crate_state(src, Path(tmp) / f"out{size}"), args.failing)
            print(f"{size:>9} {r['units']:>6} {r['whole']:>8.2f} {r['unit']:>7.2f} {r['k_alone']:>11.2f}",
                  flush=True)


if __name__ == "__main__":
    main()
