"""Fidelity of the builtin backend on real C: `llmigrate migrate` on every entry of a corpus directory.

Entries are folders holding llmigrate.toml (or .c files), named part/entry; the default corpus is
$LLMIGRATE_CORPUS or ../shared/corpus beside the checkout (tests/data/corpus is the team's own set). Each
entry is migrated with a scratch cwd, entries in parallel; prints one row per entry and a total, the untested
reasons, link failures, one summary line per part and the wall time; `--json` writes the same figures.

    python bench/corpus_fidelity.py [CORPUS] [--only NAME ...] [--quick] [--jobs N] [--timeout S]
                                    [--json PATH] [--keep DIR] [--check-limits FILE] [--write-limits FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from corpus_lib import Figures, default_corpus, find_entries, measure_all
from corpus_limits import check_all, load_limits, write_limits
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

QUICK = Path(__file__).resolve().parent / "corpus_quick.txt"
ABOUT_LIMITS = ("Per entry, limits the corpus test checks, as measured by bench/corpus_fidelity.py: "
                "floors (verified, links, c_tests_pass), ceilings (unsafe_lines, untested). Tighten freely; "
                "loosen only with a reason in the commit message.")
SUMMED = ("functions", "verified", "compiled", "kept_in_c", "failed", "c_tests_passed", "c_tests_failed",
          "rust_functions", "rust_lines", "unsafe_lines", "safe_signatures", "equivalent", "differs",
          "untested", "raw_derefs", "migrate_seconds")
# (header, figure) per table column; a figure is a Figures attribute or a key of a group's totals.
COLUMNS = [("fns", "functions"), ("verif", "verified"), ("comp", "compiled"), ("kept", "kept_in_c"),
           ("fail", "failed"), ("links", "links"), ("C tests", "c_tests"), ("rust fns", "rust_functions"),
           ("rust", "rust_lines"), ("unsafe", "unsafe_lines"), ("safe sig", "safe_signatures"),
           ("equiv", "equivalent"), ("differs", "differs"), ("untest", "untested"), ("derefs", "raw_derefs"),
           ("clippy", "clippy"), ("migr s", "migrate_seconds"), ("build s", "build_seconds")]


def group_totals(figs: list[Figures]) -> dict[str, Any]:
    """Sums over entries; links and c_tests_pass count the entries where they hold."""
    t: dict[str, Any] = {k: sum(getattr(f, k) for f in figs) for k in SUMMED}
    t["entries"] = len(figs)
    t["links"] = sum(f.links for f in figs)
    t["c_tests_pass"] = sum(f.c_tests_pass for f in figs)
    t["clippy"] = sum(f.clippy or 0 for f in figs)
    t["build_seconds"] = sum(f.build_seconds or 0 for f in figs)
    t["untested_reasons"] = dict(sum((Counter(f.untested_reasons) for f in figs), Counter()).most_common())
    t["raw_reasons"] = dict(sum((Counter(f.raw_reasons) for f in figs), Counter()).most_common())
    t["raw_roots"] = dict(sum((Counter(f.raw_roots) for f in figs), Counter()).most_common())
    t["crashed"] = sum(bool(f.error) for f in figs)
    return t


def cell(row: Figures | dict[str, Any], key: str) -> str:
    """One table cell of an entry (a Figures) or of a total (a dict)."""
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k)
    if key == "c_tests":
        return f"{get('c_tests_passed')}/{get('c_tests_passed') + get('c_tests_failed')}"
    value = get(key)
    if key == "links" and isinstance(row, dict):
        return f"{value}/{row['entries']}"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:.1f}"
    return "-" if value is None else str(value)


def table(figs: list[Figures], total: dict[str, Any]) -> Table:
    t = Table(title="llmigrate migrate (builtin) on real C", box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0))
    t.add_column("entry", no_wrap=True)
    for header, _ in COLUMNS:
        t.add_column(header, justify="right")
    for f in figs:
        t.add_row(f.name + (" (crash)" if f.error else ""), *(cell(f, k) for _, k in COLUMNS))
    t.add_row("total", *(cell(total, k) for _, k in COLUMNS), style="bold")
    return t


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def summary_line(part: str, t: dict[str, Any]) -> str:
    """One line per part: the figures the other issues quote before and after."""
    e = t["entries"]
    return "; ".join([
        f"{part}: {e} entries, {t['functions']} functions: {t['verified']} verified, "
        f"{t['compiled']} compiled, {t['kept_in_c']} kept in C, {t['failed']} failed "
        f"({t['crashed']} runs crashed)",
        f"library links {t['links']}/{e}",
        f"C tests pass with Rust {t['c_tests_pass']}/{e} ({t['c_tests_passed']} passed, "
        f"{t['c_tests_failed']} failed)",
        f"{t['rust_lines']} Rust lines, {t['unsafe_lines']} unsafe "
        f"({_pct(t['unsafe_lines'], t['rust_lines'])})",
        f"safe signatures {t['safe_signatures']}/{t['rust_functions']}",
        f"differential {t['equivalent']} equivalent, {t['differs']} differ, {t['untested']} untested",
        f"{t['raw_derefs']} raw derefs, {t['clippy']} clippy",
        f"migrate {t['migrate_seconds']:.0f} s, clean build {t['build_seconds']:.0f} s"])


def raw_buckets(console: Console, parts: dict[str, dict[str, Any]]) -> None:
    """Per part: why pointer parameters of Rust functions stay raw, by the proof rule that failed."""
    for part, t in parts.items():
        console.print(f"\n{part}: raw pointer parameters, by the rule that failed to prove them:")
        for why, count in t["raw_reasons"].items():
            console.print(f"  {count:5d}  {why}", markup=False, highlight=False)
        if t["raw_roots"]:
            console.print(f"{part}: of those passed to a callee whose parameter stays raw, by the rule that "
                          "fails where the callees lead (bench/raw_roots.py):")
        for why, count in t["raw_roots"].items():
            console.print(f"  {count:5d}  {why}", markup=False, highlight=False)


def details(console: Console, figs: list[Figures], total: dict[str, Any]) -> None:
    """Untested reasons over all entries, then entries that crashed or whose library does not link."""
    console.print("\nuntested functions, by reason:")
    for why, count in total["untested_reasons"].items():
        console.print(f"  {count:5d}  {why}", markup=False, highlight=False)
    for f in figs:
        if f.error:
            console.print(f"crashed: {f.name}: {f.error}", markup=False, highlight=False)
        elif not f.links:
            console.print(f"does not link: {f.name}: {f.link_error}", markup=False, highlight=False)


def run(entries: list, work: Path, args: argparse.Namespace, console: Console) -> list[Figures]:
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("migrating", total=len(entries))

        def done(fig: Figures) -> None:
            progress.update(task, advance=1, description=f"done {fig.name}")

        return measure_all(entries, work, args.jobs, args.timeout, clean_build=True, done=done)


def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=None, help="corpus directory")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="entries to run (part/entry)")
    ap.add_argument("--quick", action="store_true", help=f"the fixed subset in {QUICK.name}")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="entries migrated at once")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per migrate run")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--keep", type=Path, help="keep each entry's OUT under this directory")
    ap.add_argument("--check-limits", type=Path, help="exit 1 when a limit of this file is broken")
    ap.add_argument("--write-limits", type=Path, help="write limits = the measured figures here")
    return ap.parse_args(argv)


def selected(args: argparse.Namespace) -> list:
    only = args.only or (QUICK.read_text().split() if args.quick else None)
    if args.check_limits and not only:
        only = sorted(load_limits(args.check_limits))
    return find_entries(args.corpus or default_corpus(), only)


def report(figs: list[Figures], args: argparse.Namespace, wall: float, console: Console) -> None:
    parts = {p: group_totals([f for f in figs if f.part == p]) for p in dict.fromkeys(f.part for f in figs)}
    total = group_totals(figs)
    console.print(table(figs, total))
    details(console, figs, total)
    raw_buckets(console, parts)
    console.print()
    for part, t in [*parts.items(), ("total", total)]:
        console.print(summary_line(part, t), markup=False, highlight=False, soft_wrap=True)
    console.print(f"wall time: {wall:.0f} s for {len(figs)} entries, --jobs {args.jobs}")
    if args.json:
        doc = {"corpus": str(args.corpus or default_corpus()), "jobs": args.jobs,
               "wall_seconds": round(wall, 1),
               "entries": [dataclasses.asdict(f) for f in figs], "parts": parts, "total": total}
        args.json.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    console = Console(width=None if sys.stdout.isatty() else 220)
    entries = selected(args)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="corpus-fidelity-") as tmp:
        figs = run(entries, args.keep or Path(tmp), args, console)
    report(figs, args, time.monotonic() - start, console)
    if args.write_limits:
        write_limits(args.write_limits, figs, ABOUT_LIMITS)
    limits = load_limits(args.check_limits) if args.check_limits else {}
    broken = check_all(figs, {name: lim for name, lim in limits.items() if name in {f.name for f in figs}})
    for line in broken:
        console.print(f"limit broken: {line}", markup=False, highlight=False)
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
