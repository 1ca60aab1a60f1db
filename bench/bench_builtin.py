"""Benchmark migrate's translate stage with the builtin backend, against `gcc -O0 -c` of the same C.

    python bench/bench_builtin.py [--functions 3000] [--files 30] [--keep DIR] [--repeat 3]
    python bench/bench_builtin.py --src ../shared/corpus/crustbench/libpgn ... [--baseline CHECKOUT]

The figure is the stage as a user's run does it, each run cold in a fresh process, timed by part: the
signatures of every function (`map_all`, the whole-codebase proofs), libclang parsing (every parse the stage
makes, taken out of the part making it: the shared items' pass, its macro probe, and a unit whose file the
Front trimmed after it), the shared items (types, globals, the macro probe's Rust), every unit's body, the
laziness guard on each output, and the crate skeleton's `cargo check` (`--no-skeleton` leaves it out); the
machine's load average is printed with it. The yardstick of issue 17 is measured in the same process right
after: `gcc -O0 -c` of the same C files with the same flags, and the stage as a multiple of it (target: at
most 3x), with and without the cargo check, in wall time and in CPU time (less sensitive to other processes
sharing the cores).

`--src` translates existing SRC folders (corpus entries) instead of a generated corpus. `--baseline` runs
the same cold runs with another checkout's llmigrate (on PYTHONPATH), interleaved with this one's so that
both see the same load, and says whether both translated to the same Rust (a digest of every output: the
signatures, the shared items and every unit's Rust).

The corpus is generated here: kernel-style C with scalar arithmetic, pointer walks, struct access, switch
with fall-through, goto cleanup, static locals and function pointers, spread over several files.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = """#ifndef BENCH_H
#define BENCH_H
#include <stddef.h>
#include <string.h>
#include <stdlib.h>
typedef unsigned int u32;
typedef unsigned long long u64;
#define likely(x) __builtin_expect(!!(x), 1)
#define min(a, b) ((a) < (b) ? (a) : (b))
#define EACH(i, n) for ((i) = 0; (i) < (n); (i)++)
struct item { u32 key; int val; struct item *next; unsigned char tag[8]; };
typedef int (*visit_fn)(struct item *, void *);
#endif
"""

SHAPES = [
    """u32 {n}(u32 a, u32 b) {{
    u32 r = 0;
    while (b) {{ u32 t = a % b; a = b; b = t; r += {k}; }}
    return a ^ (r << 3);
}}""",
    """int {n}(const int *v, size_t len) {{
    int best = v[0];
    for (size_t i = 1; i < len; i++)
        if (v[i] > best) best = v[i] + {k};
    return best;
}}""",
    """int {n}(int state, int x) {{
    int r = 0;
    switch (state) {{
    case 0: r += x;
    case 1: r *= {k}; break;
    case 2 ... 5: r = -x; break;
    default: r = x >> 1;
    }}
    return r;
}}""",
    """int {n}(struct item *head, u32 key) {{
    struct item *p;
    int n = 0;
    for (p = head; p; p = p->next) {{
        if (likely(p->key == key)) return n + {k};
        n++;
    }}
    return -1;
}}""",
    """long {n}(size_t len) {{
    char *buf = malloc(len + {k});
    long r = -12;
    if (!buf) goto out;
    memset(buf, 'a', len);
    r = 0;
    for (size_t i = 0; i < len; i++) r += buf[i];
    free(buf);
out:
    return r;
}}""",
    """u64 {n}(u64 x) {{
    static u64 calls;
    calls++;
    x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33;
    return x + calls * {k} + (u64)__builtin_popcountll(x);
}}""",
    """int {n}(struct item *it, visit_fn fn, void *arg) {{
    int i, total = 0;
    EACH(i, 8) total += it->tag[i];
    if (fn) total += fn(it, arg);
    return min(total, {k} * 100);
}}""",
    """void {n}(int *a, int n) {{
    for (int i = 1; i < n; i++) {{
        int v = a[i], j = i - 1;
        while (j >= 0 && a[j] > v) {{ a[j + 1] = a[j]; j--; }}
        a[j + 1] = v + {k} * 0;
    }}
}}""",
]


def generate(root: Path, functions: int, files: int, seed: int = 7) -> int:
    """Write `functions` C functions over `files` files under root; returns the number written."""
    rng = random.Random(seed)
    (root / "bench.h").write_text(HEADER)
    per = max(1, functions // files)
    written = 0
    for f in range(files):
        body = ['#include "bench.h"', ""]
        for i in range(per):
            shape = SHAPES[rng.randrange(len(SHAPES))]
            body += [shape.format(n=f"f{f}_{i}", k=rng.randint(1, 99)), ""]
            written += 1
        (root / f"file{f}.c").write_text("\n".join(body))
    return written


def _bodies(backend, codebase, sigs, shared, digest) -> tuple[int, int, int, list[str], float]:
    """Translate every unit of the plan once, as the translate driver does (its request, then the laziness
    guard on the output): (translated, failed, Rust lines, failure reasons, CPU seconds in the guard); each
    output goes into `digest`."""
    from llmigrate.core import RejectOutput
    from llmigrate.plan import make_plan
    from llmigrate.translate import guard
    from llmigrate.translate.driver import unit_request

    ok = failed = lines = 0
    guard_cpu = 0.0
    reasons: list[str] = []
    for unit in sorted(make_plan(codebase).units(), key=lambda u: u.id):
        request = unit_request(codebase, unit, sigs, shared)
        tr = backend.translate_unit(request)
        why = list(tr.reasons)
        if tr.ok:
            t0 = time.process_time()
            try:
                guard.check(request, tr.code)
            except RejectOutput as e:
                why.append(f"{unit.id}: the guard: {e}")
            guard_cpu += time.process_time() - t0
        digest.update(json.dumps([unit.id, tr.ok and not why, tr.code, why], sort_keys=True).encode())
        if tr.ok and not why:
            ok += len(unit.functions)
            lines += sum(c.count("\n") for c in tr.code.values())
        else:
            failed += len(unit.functions)
            reasons += why
    return ok, failed, lines, reasons, guard_cpu


def _skeleton(root: Path, codebase, sigs, shared) -> None:
    """The skeleton's cargo check migrate runs before the units (repair/skeleton.settle), in a scratch OUT."""
    from llmigrate.plan import make_plan
    from llmigrate.reintegrate.crate import crate_name
    from llmigrate.reintegrate.crate_state import CrateState
    from llmigrate.repair.skeleton import settle

    with tempfile.TemporaryDirectory(prefix="bench-builtin-out-") as out:
        settle(CrateState(Path(out), crate_name(root), codebase, make_plan(codebase), sigs, shared.code,
                          codebase.config))


def gcc_yardstick(codebase) -> tuple[float, float]:
    """Wall and CPU seconds of `gcc -O0 -c` of the codebase's C files, with the flags translation uses."""
    root = Path(codebase.root).resolve()
    args = ["gcc", "-O0", "-c", "-std=gnu11", *codebase.config.c_args(root), f"-I{root}",
            *(str(root / f) for f in codebase.c_files())]
    with tempfile.TemporaryDirectory(prefix="bench-builtin-gcc-") as objs:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(args, cwd=objs, check=True, capture_output=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


PARTS = ("signatures (map_all)", "libclang parse", "shared items", "function bodies", "laziness guard",
         "skeleton cargo check")
CARGO = PARTS.index("skeleton cargo check")  # the part run by cargo, not by llmigrate's process


class _TimedIndex:
    """The Front's libclang index, timing every parse wherever the stage makes it: the shared items' pass
    and the units (a file trimmed from the Front after the pass is parsed again, as in a user's run)."""

    def __init__(self, index):
        self.index, self.parses, self.wall, self.cpu = index, 0, 0.0, 0.0

    def parse(self, *args, **kwargs):
        t0 = _clock()
        try:
            return self.index.parse(*args, **kwargs)
        finally:
            t1 = _clock()
            self.parses += 1
            self.wall, self.cpu = self.wall + t1[0] - t0[0], self.cpu + t1[1] - t0[1]


def one_run(root: Path, skeleton: bool = True) -> dict:
    """One cold run of migrate's translate stage on `root` in this (fresh) process, timed by part: the
    signatures of every function (the whole-codebase proofs), libclang parsing (every parse the stage
    makes, taken out of the part that made it), the shared items, every unit's body and the laziness guard
    on it, and the skeleton's cargo check; then the gcc yardstick on the same C."""
    from llmigrate.analyze.codebase import analyze_dir
    from llmigrate.backends import get_backend
    from llmigrate.backends.builtin.cfront import front_for
    from llmigrate.signatures.mapper import map_all

    codebase = analyze_dir(root)  # not translation: analysis has its own bench
    backend = get_backend("builtin", codebase.config)  # imports the backend: not translation time
    _import_stage(skeleton)
    timed = _TimedIndex(None)
    marks: list[tuple[float, float, float, float]] = []  # wall, CPU, and the parses' wall and CPU so far

    def mark() -> None:
        marks.append((*_clock(), timed.wall, timed.cpu))

    mark()
    sigs = map_all(codebase)
    mark()
    mark()  # the parse column: filled below with every parse, taken out of the part that made it
    front = front_for(codebase)  # as translate_shared would make it, before it parses anything
    timed.index, front.index = front.index, timed
    shared = backend.translate_shared(codebase)
    mark()
    digest = hashlib.sha256(json.dumps([shared.code, shared.failures, shared.names], sort_keys=True).encode())
    digest.update(repr(sorted(sigs.items())).encode())
    ok, failed, lines, reasons, guard_cpu = _bodies(backend, codebase, sigs, shared, digest)
    mark()
    if skeleton:
        _skeleton(root, codebase, sigs, shared)
    mark()
    # each part without the parses made in it (cargo makes none); the parse column is all of them
    wall = [(b[0] - a[0]) - (b[2] - a[2]) for a, b in itertools.pairwise(marks)]
    cpu = [(b[1] - a[1]) - (b[3] - a[3]) for a, b in itertools.pairwise(marks)]
    wall[1], cpu[1] = timed.wall, timed.cpu
    # the guard's share of the bodies' span, in wall time as in CPU time
    guard_wall = wall[3] * guard_cpu / cpu[3] if cpu[3] else 0.0
    wall[3:4], cpu[3:4] = [wall[3] - guard_wall, guard_wall], [cpu[3] - guard_cpu, guard_cpu]
    gcc_wall, gcc_cpu = gcc_yardstick(codebase)
    return {"functions": len(codebase.functions), "parses": timed.parses, "files": len(codebase.c_files()),
            "ok": ok, "failed": failed, "lines": lines,
            "reasons": reasons[:5], "wall": wall, "cpu": cpu, "gcc_wall": gcc_wall, "gcc_cpu": gcc_cpu,
            "digest": digest.hexdigest()[:16]}


def _import_stage(skeleton: bool) -> None:
    """Import the modules the timed parts call (the plan, the driver's request, the guard; the skeleton's
    crate and repair), as migrate has them imported before its translate stage starts: imported inside a
    part, a fresh process's first unit counted their import (and, without .pyc files, their compilation)
    as translation, about 20 ms per codebase."""
    import llmigrate.plan
    import llmigrate.translate.driver
    import llmigrate.translate.guard  # noqa: F401 - imported for its cost, not used here
    if skeleton:
        import llmigrate.reintegrate.crate_state
        import llmigrate.repair.skeleton  # noqa: F401


def _clock() -> tuple[float, float]:
    """Wall and CPU seconds so far, the CPU of finished children (cargo, rustc) included."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), time.process_time() + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--functions", type=int, default=3000)
    ap.add_argument("--files", type=int, default=30)
    ap.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    ap.add_argument("--src", type=Path, nargs="+", help="translate these SRC folders (corpus entries)")
    ap.add_argument("--baseline", type=Path, help="also run another checkout's llmigrate, for before/after")
    ap.add_argument("--repeat", type=int, default=3,
                    help="cold runs, each in a fresh process; the least disturbed one is reported")
    ap.add_argument("--no-skeleton", action="store_true", help="leave out the skeleton's cargo check")
    ap.add_argument("--one-run", type=Path, help=argparse.SUPPRESS)  # internal: a single timed run
    args = ap.parse_args(argv)
    if args.one_run:
        print(json.dumps(one_run(args.one_run, skeleton=not args.no_skeleton)))
        return 0
    sides = {"this": None} if args.baseline is None else {"baseline": args.baseline.resolve(), "this": None}
    root = args.keep or Path(tempfile.mkdtemp(prefix="llmigrate-bench-builtin-"))
    try:
        if args.src:
            roots = [p.resolve() for p in args.src]
        else:
            if args.keep:
                shutil.rmtree(root, ignore_errors=True)
                root.mkdir(parents=True)
            generate(root, args.functions, args.files)
            roots = [root]
        runs = {side: {r: [] for r in roots} for side in sides}
        for _ in range(max(1, args.repeat)):
            for r in roots:
                for side, checkout in sides.items():  # interleaved: both sides see the same load
                    runs[side][r].append(_cold_run(r, checkout, args.no_skeleton))
        roots = [r for r in roots if all(None not in runs[side][r] for side in sides)]
        runs = {side: {r: runs[side][r] for r in roots} for side in sides}
    finally:
        if not args.keep and not args.src:
            shutil.rmtree(root, ignore_errors=True)
    for side, by_root in runs.items():
        if len(sides) > 1:
            print(f"== {side}: {sides[side] or 'this checkout'}")
        _ratio([_report(rs, r.name if args.src else f"{args.files} files") for r, rs in by_root.items()])
    if len(sides) > 1:
        same = all(_best(runs["this"][r])["digest"] == _best(runs["baseline"][r])["digest"] for r in roots)
        print("output: " + ("identical to the baseline's" if same else "DIFFERS from the baseline's"))
    return 0


def _cold_run(root: Path, checkout: Path | None, no_skeleton: bool = False) -> dict | None:
    env = dict(os.environ)
    if checkout is not None:  # ahead of the installed (editable) llmigrate
        env["PYTHONPATH"] = os.pathsep.join([str(checkout), *filter(None, [env.get("PYTHONPATH")])])
    cmd = [sys.executable, __file__, "--one-run", str(root), *(["--no-skeleton"] if no_skeleton else [])]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if out.returncode != 0:  # e.g. a folder that is no SRC: left out of the figures, said why
        print(f"{root}: the run failed: {(out.stderr.strip().splitlines() or ['?'])[-1]}", flush=True)
        return None
    return json.loads(out.stdout.splitlines()[-1])


def _wall(run: dict) -> float:
    return sum(run["wall"])


def _best(runs: list[dict]) -> dict:
    return min(runs, key=_wall)  # the machine is shared: the least disturbed run


def _report(runs: list[dict], what: str) -> dict:
    best = _best(runs)
    n = best["functions"]
    wall, cpu = _wall(best), sum(best["cpu"])
    print(f"{what}: {n} functions: {best['ok']} translated, {best['failed']} failed, {best['lines']} Rust "
          f"lines (output digest {best['digest']})")
    print(f"  TRANSLATE STAGE (signatures, libclang parse, shared items, bodies, guard, skeleton check; "
          f"cold, fresh process, best of {len(runs)}): {n / wall:,.0f} functions/s wall ({wall:.2f} s), "
          f"{n / cpu:,.0f} functions per CPU-second ({cpu:.2f} s)")
    for i, part in enumerate(PARTS):
        print(f"  {part:21} {best['wall'][i]:6.2f} s wall  {best['cpu'][i]:6.2f} s CPU")
    print(f"  libclang parses: {best['parses']} of {best['files']} C files (and the macro probe's; a file "
          f"the Front trimmed after the shared items' pass is parsed again for its units)")
    print(f"  {'gcc -O0 -c':21} {best['gcc_wall']:6.2f} s wall  {best['gcc_cpu']:6.2f} s CPU; translate "
          f"stage {wall / best['gcc_wall']:.1f}x gcc wall, {cpu / best['gcc_cpu']:.1f}x gcc CPU")
    print("  all runs (wall): " + ", ".join(f"{_wall(r):.2f} s" for r in runs))
    for r in best["reasons"]:
        print("  failed:", r)
    return best


def _ratio(bests: list[dict]) -> None:
    """The whole corpus: each part's seconds, and the stage (with and without cargo) as a multiple of gcc."""
    def total(key: str, parts: range | list[int]) -> float:
        return sum(b[key][i] for b in bests for i in parts)
    everything, own = range(len(PARTS)), [i for i in range(len(PARTS)) if i != CARGO]
    gcc_wall, gcc_cpu = sum(b["gcc_wall"] for b in bests), sum(b["gcc_cpu"] for b in bests)
    print(f"parts ({len(bests)} codebases, {sum(b['functions'] for b in bests)} functions), wall/CPU s: "
          + ", ".join(f"{part} {total('wall', [i]):.2f}/{total('cpu', [i]):.2f}"
                      for i, part in enumerate(PARTS))
          + f", gcc -O0 -c {gcc_wall:.2f}/{gcc_cpu:.2f}; libclang parses {sum(b['parses'] for b in bests)} "
          f"of {sum(b['files'] for b in bests)} C files")
    for what, parts in (("translate stage", everything), ("without the skeleton's cargo check", own)):
        wall, cpu = total("wall", parts), total("cpu", parts)
        print(f"ratio: {what} {wall / gcc_wall:.1f}x gcc -O0 -c wall ({wall:.2f} s / {gcc_wall:.2f} s), "
              f"{cpu / gcc_cpu:.1f}x CPU ({cpu:.2f} s / {gcc_cpu:.2f} s) (target: at most 3x)")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


if __name__ == "__main__":
    sys.exit(main())
