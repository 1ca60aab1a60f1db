"""Fidelity of the builtin backend on C nobody tuned it to: every library under tests/data/corpus/.

For each library, runs `llmigrate migrate LIB --out TMP --backend builtin` and reads TMP/report/report.json.
Prints one row per library (functions, verified/compiled/kept_in_c/failed, differential results, C tests
passed/failed against the Rust), every function that did not come through cleanly with its reason, and the
overall shares:
  - translated and compiled with no manual edit: status `compiled` or `verified`;
  - behaviour matched: compiled, not `differs` in the differential tests, in a library whose C tests all pass
    against the Rust.

    python bench/corpus_fidelity.py [LIB ...] [--keep DIR] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
OK = ("compiled", "verified")


@dataclass
class LibResult:
    name: str
    seconds: float = 0.0
    totals: dict = field(default_factory=dict)
    functions: list[dict] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # function -> why it is not clean
    error: str = ""  # the run produced no report

    def ok(self) -> int:
        return sum(f["status"] in OK for f in self.functions)

    def matched(self) -> int:
        if self.totals.get("c_tests_failed", 0):
            return 0
        return sum(f["status"] in OK and f.get("equivalence") != "differs" for f in self.functions)


def _notes(out: Path) -> dict[str, str]:
    """Per non-clean function, the reason the journal recorded (diagnostic or counterexample)."""
    try:
        journal = json.loads((out / ".llmigrate" / "journal.json").read_text())
    except (OSError, ValueError):
        return {}
    notes = {}
    for fid, entry in journal.get("functions", {}).items():
        if entry.get("status") == "verified":
            continue
        why = entry.get("counterexample") or "; ".join(entry.get("reasons") or []) or ""
        if not why:
            rounds = entry.get("rounds", [])
            diags = entry.get("diagnostics") or [d for r in rounds for d in r.get("diagnostics", [])]
            why = str(diags[0]) if diags else ""
        if why or entry.get("status") != "compiled":
            notes[fid] = why.replace("\n", " ")[:300]
    return notes


def c_tests(out: Path) -> list[dict]:
    """The C test results recorded in the journal (name, c, rust, regression)."""
    try:
        return json.loads((out / ".llmigrate" / "journal.json").read_text()).get("c_tests", [])
    except (OSError, ValueError):
        return []


def migrate(lib: Path, out: Path, timeout: float) -> LibResult:
    """Run the real CLI on one library and collect its report."""
    res = LibResult(lib.name)
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "llmigrate", "migrate", str(lib), "--out", str(out), "--backend", "builtin"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        res.error = f"timed out after {timeout:.0f} s"
        return res
    res.seconds = time.perf_counter() - start
    try:
        report = json.loads((out / "report" / "report.json").read_text())
    except (OSError, ValueError):
        res.error = f"no report (exit {proc.returncode}): {proc.stderr.strip()[-500:]}"
        return res
    res.totals, res.functions = report["totals"], report["functions"]
    res.notes = _notes(out)
    return res


def _table(results: list[LibResult]) -> None:
    cols = ("functions", "verified", "compiled", "kept_in_c", "failed", "equivalent", "differs", "untested",
            "c_tests_passed", "c_tests_failed")
    print(f"{'library':<10} " + " ".join(f"{c[:9]:>9}" for c in cols) + "   secs")
    for r in results:
        if r.error:
            print(f"{r.name:<10} ERROR {r.error}")
            continue
        print(f"{r.name:<10} " + " ".join(f"{r.totals.get(c, 0):>9}" for c in cols) + f" {r.seconds:6.1f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("libs", nargs="*", help="library names under tests/data/corpus (default: all)")
    ap.add_argument("--keep", type=Path, help="write each OUT under this directory and keep it")
    ap.add_argument("--timeout", type=float, default=300.0)
    args = ap.parse_args(argv)
    libs = [CORPUS / n for n in args.libs] if args.libs else sorted(p for p in CORPUS.iterdir() if p.is_dir())
    with tempfile.TemporaryDirectory(prefix="corpus-fidelity-") as tmp:
        base = args.keep or Path(tmp)
        results = [migrate(lib, base / lib.name, args.timeout) for lib in libs]
    _table(results)
    print()
    for r in results:
        for f in r.functions:
            if f["status"] not in OK or f.get("equivalence") == "differs":
                why = r.notes.get(f["name"], "")
                print(f"  {r.name}/{f['name']}: {f['status']} {f.get('equivalence')}: {why}")
    total = sum(len(r.functions) for r in results)
    ok = sum(r.ok() for r in results)
    matched = sum(r.matched() for r in results)
    tests_ok = sum(r.totals.get("c_tests_passed", 0) for r in results)
    tests_bad = sum(r.totals.get("c_tests_failed", 0) for r in results)
    print(f"\nfunctions: {total} in {len(results)} libraries")
    if total:
        print(f"translated and compiled with no manual edit: {ok}/{total} = {100 * ok / total:.1f}%")
        print(f"behaviour matched (no differential difference, C tests pass): {matched}/{total}"
              f" = {100 * matched / total:.1f}%")
    print(f"C tests against the Rust: {tests_ok} passed, {tests_bad} failed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
