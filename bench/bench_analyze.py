"""Benchmark analyze+plan on a generated kernel-style C codebase; prints lines/second and peak memory.

    python bench/bench_analyze.py [--lines 200000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

LIBC = ["memcpy", "memset", "strlen", "malloc", "free", "printf", "strcmp", "abs"]


def _header(m: int, nfuncs: int, rng: random.Random) -> tuple[str, list[str]]:
    """include/modM.h: types, macros and the prototypes of the module's exported functions."""
    out = [f"/* mod{m}.h - generated */", f"#ifndef MOD{m}_H", f"#define MOD{m}_H", "",
           '#include "kbase.h"', ""]
    if m:
        out += [f'#include "mod{m - 1}.h"', ""]
    out += [f"#define MOD{m}_MAX\t{rng.randint(8, 4096)}",
            f"#define MOD{m}_SCALE(x)\t((x) * MOD{m}_MAX + {rng.randint(1, 9)})",
            f"#define mod{m}_ok(p)\tlikely((p) != NULL)", "",
            f"typedef u32 mod{m}_id_t;", f"typedef int (*mod{m}_cb_t)(struct mod{m}_obj *, void *);", "",
            f"enum mod{m}_state {{", f"\tMOD{m}_IDLE,", f"\tMOD{m}_BUSY = {rng.randint(2, 9)},",
            f"\tMOD{m}_DEAD,", "};", "",
            f"struct mod{m}_obj {{", f"\tmod{m}_id_t id;", "\tu64 size;", f"\tenum mod{m}_state state;",
            f"\tstruct mod{m}_obj *next;", f"\tmod{m}_cb_t cb;", "\tstruct list_head link;",
            f"\tunsigned char name[MOD{m}_MAX % 32 + 1];", "};", ""]
    names = []
    for f in range(nfuncs):
        name = f"mod{m}_fn{f}"
        names.append(name)
        out.append(f"int {name}(struct mod{m}_obj *obj, u32 flags);")
    out += ["", f"#endif /* MOD{m}_H */", ""]
    return "\n".join(out), names


def _function(rng: random.Random, name: str, m: int, calls: list[str], static: bool, attr: str) -> list[str]:
    """One function of 15-40 lines with locals, loops, field accesses, macros and 2-5 calls."""
    head = f"static {attr}int {name}" if static else f"int {name}"
    out = [f"/* {name} - does a thing with obj (generated) */", f"{head}(struct mod{m}_obj *obj, u32 flags)",
           "{", "\tu32 i, acc = 0;", "\tu64 total = obj->size;", f"\tstruct mod{m}_obj *cur;", ""]
    for _ in range(rng.randint(2, 6)):
        kind = rng.random()
        callee = rng.choice(calls) if calls else None
        if kind < 0.3 and callee:
            out += [f"\tfor (i = 0; i < MOD{m}_MAX && i < flags; i++) {{",
                    f"\t\tacc += {callee}(obj, i ^ flags);", "\t\tif (unlikely(acc > U32_MAX / 2))",
                    "\t\t\tbreak;", "\t}"]
        elif kind < 0.5:
            out += [f"\tfor (cur = obj->next; mod{m}_ok(cur); cur = cur->next) {{",
                    f"\t\tif (cur->state == MOD{m}_BUSY)", f"\t\t\ttotal += MOD{m}_SCALE(cur->size);",
                    f"\t\telse if ({callee}(cur, flags) < 0)" if callee else "\t\telse",
                    "\t\t\tcontinue;",
                    "\t\tif (cur->cb && cur->cb(cur, &acc) < 0)", "\t\t\treturn -EINVAL;", "\t}"]
        elif kind < 0.7 and callee:
            out += [f"\tif (obj->state != MOD{m}_DEAD && {callee}(obj, flags | BIT(3)) == 0) {{",
                    f'\t\t{rng.choice(["memset", "memcpy"])}(obj->name, 0, sizeof(obj->name));',
                    "\t\tacc = (u32)(total >> 3) + obj->id;", "\t} else {", "\t\tacc -= flags;", "\t}"]
        elif kind < 0.85:
            out += ["\tswitch (obj->state) {", f"\tcase MOD{m}_IDLE:", "\t\tacc |= 1;", "\t\tbreak;",
                    f"\tcase MOD{m}_BUSY:", "\t\tacc = min(acc, flags);", "\t\tbreak;", "\tdefault:",
                    f'\t\tprintf("%s: bad state %d\\n", "{name}", obj->state);', "\t}"]
        else:
            out += ["\twhile (total > 1) {", "\t\ttotal = (total >> 1) ^ (total & 0x5555);",
                    f"\t\tacc += {callee}(obj, (u32)total);" if callee else "\t\tacc++;",
                    "\t\tacc += total & 1 ? 3 : 7;", "\t}"]
    out += ["\treturn (int)(acc + total);", "}"]
    if not static:
        out.append(f"EXPORT_SYMBOL({name});")
    return out + [""]


def _c_file(rng: random.Random, m: int, k: int, exported: list[str], lower: list[str]) -> str:
    """One .c file: statics (two of them mutually recursive), a callback, an #ifdef'd helper, exports."""
    p = f"m{m}f{k}"
    out = ["// SPDX-License-Identifier: GPL-2.0", f"/* mod{m}/file{k}.c - generated */",
           f'#include "mod{m}.h"', "#include <string.h>", "#include <stdio.h>", "",
           f"static struct mod{m}_obj *{p}_head __initdata;", f"static u32 {p}_count;",
           f"#define {p.upper()}_LIMIT\t(MOD{m}_MAX / 2)", ""]
    statics = [f"{p}_helper{i}" for i in range(8)]
    attrs = ["", "inline ", "__always_inline ", "noinline ", "__init "]
    for i, name in enumerate(statics):
        out += _function(rng, name, m, statics[:i] + lower[-20:], True, rng.choice(attrs))
    out += [f"static int {p}_odd(u32 n);", "", f"static int {p}_even(u32 n)", "{",
            f"\treturn n == 0 ? 1 : {p}_odd(n - 1);", "}", "", f"static int {p}_odd(u32 n)", "{",
            f"\treturn n == 0 ? 0 : {p}_even(n - 1);", "}", "",
            f"static int {p}_visit(struct mod{m}_obj *obj, void *arg)", "{",
            f"\t{p}_count += *(u32 *)arg + {p}_even(obj->id & 7);",
            f"\treturn {p}_count > {p.upper()}_LIMIT;", "}", "",
            "#ifdef CONFIG_DEBUG", f"static void {p}_dump(struct mod{m}_obj *obj)", "{",
            '\tprintf("%u\\n", obj->id);', "}", "#endif", "",
            f"void __init {p}_setup(struct mod{m}_obj *obj)", "{", f"\tobj->cb = {p}_visit;",
            f"\t{p}_head = obj;", "}", f"EXPORT_SYMBOL({p}_setup);", ""]
    for name in exported:
        out += _function(rng, name, m, statics + lower[-30:], False, "")
    return "\n".join(out)


KBASE = """/* kbase.h - generated kernel-isms */
#ifndef KBASE_H
#define KBASE_H
#include <stddef.h>
#include <stdint.h>
typedef uint32_t u32;
typedef uint64_t u64;
#define U32_MAX ((u32)~0U)
#define EINVAL 22
#define BIT(n) (1UL << (n))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define min(a, b) ((a) < (b) ? (a) : (b))
#define __init
#define __initdata
#define EXPORT_SYMBOL(s)
struct list_head { struct list_head *next, *prev; };
#endif
"""


def generate(root: Path, target_lines: int, seed: int = 1) -> int:
    """Write a synthetic C codebase of about `target_lines` lines under root; returns the line count."""
    rng = random.Random(seed)
    (root / "include").mkdir(parents=True, exist_ok=True)
    (root / "include" / "kbase.h").write_text(KBASE)
    lines, m, lower = KBASE.count("\n"), 0, []
    while lines < target_lines:
        nfiles = 10
        text, names = _header(m, nfiles * 4, rng)
        (root / "include" / f"mod{m}.h").write_text(text)
        lines += text.count("\n")
        (root / f"mod{m}").mkdir(exist_ok=True)
        for k in range(nfiles):
            c = _c_file(rng, m, k, names[k * 4:(k + 1) * 4], lower + names[:k * 4])
            (root / f"mod{m}" / f"file{k}.c").write_text(c)
            lines += c.count("\n")
        lower += names
        m += 1
    (root / "llmigrate.toml").write_text('[c]\ninclude_dirs = ["include"]\n')
    return lines


def _cpu() -> float:
    """User+system seconds of this process and its finished workers."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=200_000)
    ap.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    args = ap.parse_args(argv)
    from llmigrate import plan
    from llmigrate.analyze import codebase as analyze

    root = args.keep or Path(tempfile.mkdtemp(prefix="llmigrate-bench-"))
    try:
        if args.keep:
            shutil.rmtree(root, ignore_errors=True)
        lines = generate(root, args.lines)
        nfiles = sum(1 for _ in root.rglob("*.[ch]"))
        cpu0 = _cpu()
        t0 = time.perf_counter()
        codebase = analyze.analyze_dir(root)
        t1 = time.perf_counter()
        p = plan.make_plan(codebase)
        t2 = time.perf_counter()
        cpu = _cpu() - cpu0
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    total = t2 - t0
    edges = sum(len(f.callees) for f in codebase.functions.values())
    print(f"{lines} lines in {nfiles} files: {len(codebase.functions)} functions, {edges} call edges, "
          f"{len(p.levels)} levels, {len(p.cycles)} cycles, {len(codebase.diagnostics)} diagnostics")
    print(f"analyze {t1 - t0:.2f} s + plan {t2 - t1:.2f} s = {total:.2f} s; {lines / total:,.0f} lines/s; "
          f"peak RSS {rss:.0f} MiB (largest worker process {worker_rss:.0f} MiB)")
    print(f"CPU time {cpu:.2f} s across processes (wall time above depends on what else the machine runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
