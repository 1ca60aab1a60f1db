"""Benchmark the builtin translator: functions/second of translation (parse + Rust emission, no cargo).

    python bench/bench_builtin.py [--functions 3000] [--files 30] [--keep DIR]

The corpus is generated here: kernel-style C with scalar arithmetic, pointer walks, struct access, switch
with fall-through, goto cleanup, static locals and function pointers, spread over several files.
"""

from __future__ import annotations

import argparse
import random
import shutil
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


def _bodies(backend, codebase, sigs, shared) -> tuple[int, int, int, list[str]]:
    """Translate every function once: (translated, failed, Rust lines, failure reasons)."""
    from llmigrate.core import Unit, UnitRequest

    ok = failed = lines = 0
    reasons: list[str] = []
    for fid in sorted(codebase.functions):
        tr = backend.translate_unit(UnitRequest(codebase=codebase, unit=Unit(id=fid, functions=[fid]),
                                                signatures=sigs, shared=shared))
        if tr.ok:
            ok += 1
            lines += sum(c.count("\n") for c in tr.code.values())
        else:
            failed += 1
            reasons += tr.reasons
    return ok, failed, lines, reasons


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--functions", type=int, default=3000)
    ap.add_argument("--files", type=int, default=30)
    ap.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    ap.add_argument("--repeat", type=int, default=3, help="translate the bodies this often; best reported")
    args = ap.parse_args(argv)
    from llmigrate.analyze import analyze_dir
    from llmigrate.backends import get_backend
    from llmigrate.signatures import map_all

    root = args.keep or Path(tempfile.mkdtemp(prefix="llmigrate-bench-builtin-"))
    try:
        if args.keep:
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir(parents=True)
        generate(root, args.functions, args.files)
        t0 = time.perf_counter()
        codebase = analyze_dir(root)
        sigs = map_all(codebase)
        backend = get_backend("builtin", codebase.config)  # imports every backend: not translation time
        t1 = time.perf_counter()
        shared = backend.translate_shared(codebase)
        t2 = time.perf_counter()
        best_wall = best_cpu = float("inf")
        for _ in range(max(1, args.repeat)):  # the machine is shared: report the least disturbed run
            w0, c0 = time.perf_counter(), time.process_time()
            ok, failed, lines, reasons = _bodies(backend, codebase, sigs, shared)
            best_wall = min(best_wall, time.perf_counter() - w0)
            best_cpu = min(best_cpu, time.process_time() - c0)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    n = len(codebase.functions)
    print(f"{n} functions in {args.files} files: {ok} translated, {failed} failed, {lines} Rust lines")
    print(f"analyze {t1 - t0:.2f} s (not counted); shared items {t2 - t1:.2f} s (includes the one libclang "
          f"parse per file, reused by the bodies); function bodies {best_wall:.2f} s (best of {args.repeat})")
    print(f"translation: {n / best_wall:,.0f} functions/s (bodies), {n / (t2 - t1 + best_wall):,.0f} "
          f"functions/s (shared items + bodies); bodies {n / best_cpu:,.0f} functions per CPU-second "
          "(wall figures depend on what else the 2 shared cores run)")
    for r in reasons[:5]:
        print("  failed:", r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
