"""Figures of `llmigrate migrate` runs over a corpus of C entries, shared by bench/corpus_fidelity.py and the
corpus test: find entries, migrate one in a scratch directory, read its figures, link-check its staticlib.

Figures come from OUT/report/report.json (the documented contract) where it has them; the few it lacks
(untested reasons, raw dereferences, clippy) are read from the run journal, each in one small function.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus_link import library_links
from raw_roots import cascades

import llmigrate
from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.journal import RunRecord
from llmigrate.reintegrate.crate_format import crate_spans
from llmigrate.rust_syntax import blank
from llmigrate.signatures.mapper import raw_reasons
from llmigrate.verify import sandbox
from llmigrate.verify.build import library_sources, test_sources
from llmigrate.verify.metrics import clippy_total, metric_totals

_PACKAGE_ROOT = Path(llmigrate.__file__).resolve().parents[1]  # the checkout holding llmigrate/

ROOT = Path(__file__).resolve().parent.parent
RUST = ("compiled", "verified")  # statuses whose function is Rust in the crate
BUILD_TIMEOUT = 600.0
# A C function definition starting at column 0: the crash fallback count, when not even analyze finished.
_C_DEF = re.compile(r"^[A-Za-z_][^;{}()#=]*\([^;{}]*\)\s*\{", re.MULTILINE)
_RAW = re.compile(r"\*\s*(?:const|mut)\b")
_FOLDS = [(re.compile(p), r) for p, r in (
    (r"(?<![\w.])/\S+", "PATH"), (r"'[^']*'|‘[^’]*’", "'…'"), (r"\([^()]*\)", "(…)"),
    (r"\btype [^,]+, (whose|which)", r"type …, \1"), (r"\bof type .+ that\b", "of type … that"),
    (r"\d+", "N"))]


@dataclass
class Entry:
    name: str  # relative to the corpus directory: part/entry, or entry for a flat corpus
    path: Path

    @property
    def part(self) -> str:
        return self.name.split("/")[0] if "/" in self.name else "corpus"


@dataclass
class Figures:
    """One entry's figures; a crash or timeout counts every function as failed."""

    name: str
    part: str
    functions: int = 0
    verified: int = 0
    compiled: int = 0
    kept_in_c: int = 0
    failed: int = 0
    links: bool = False  # a C program referencing every exported symbol links against the staticlib
    link_error: str = ""  # the first unresolved symbol, or why the link could not be tried
    c_tests_passed: int = 0
    c_tests_failed: int = 0
    rust_functions: int = 0  # compiled or verified: the C tests ran some Rust
    rust_lines: int = 0
    unsafe_lines: int = 0
    safe_signatures: int = 0  # Rust functions whose own signature has no raw pointer
    equivalent: int = 0
    differs: int = 0
    untested: int = 0
    untested_reasons: dict[str, int] = field(default_factory=dict)
    raw_derefs: int = 0
    raw_reasons: dict[str, int] = field(default_factory=dict)  # why each Rust fn's pointer params stay raw
    raw_roots: dict[str, int] = field(default_factory=dict)  # of those passed to a raw callee: the root's why
    clippy: int | None = None  # None: clippy did not run
    migrate_seconds: float = 0.0
    build_seconds: float | None = None  # one clean debug `cargo build`; None when not measured or it failed
    error: str = ""  # the run crashed or timed out

    @property
    def c_tests_pass(self) -> bool:
        """The entry's C tests all pass with the Rust linked in, and some function is Rust."""
        return self.c_tests_passed > 0 and not self.c_tests_failed and self.rust_functions > 0


def default_corpus() -> Path:
    """$LLMIGRATE_CORPUS, else the development corpus beside the checkout (../shared/corpus)."""
    return Path(os.environ.get("LLMIGRATE_CORPUS") or ROOT.parent / "shared" / "corpus")


def find_entries(corpus: Path, only: list[str] | None = None) -> list[Entry]:
    """Folders holding llmigrate.toml or .c files (up to two levels down), named relative to CORPUS."""
    corpus = corpus.resolve()  # each migrate runs in a scratch cwd
    found = [Entry(p.relative_to(corpus).as_posix(), p) for p in _entry_dirs(corpus, 2)]
    if not only:
        return found
    by_name = {e.name: e for e in found}
    missing = [n for n in only if n not in by_name]
    if missing:
        raise ValueError(f"no such entries in {corpus}: {', '.join(missing)}")
    return [by_name[n] for n in only]


def _entry_dirs(folder: Path, depth: int) -> list[Path]:
    dirs = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if (sub / "llmigrate.toml").is_file() or any(sub.glob("*.c")):
            dirs.append(sub)
        elif depth > 1:
            dirs += _entry_dirs(sub, depth - 1)
    return dirs


def slug(name: str) -> str:
    return name.replace("/", "__")


def migrate(entry: Entry, work: Path, timeout: float) -> tuple[Path, str, float]:
    """Run `llmigrate migrate` (builtin) on one entry with a scratch cwd: (OUT, error or "", seconds)."""
    out, cwd = work / "out", work / "cwd"
    shutil.rmtree(work, ignore_errors=True)
    cwd.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    # the migration runs the llmigrate this process imported (whose raw reasons it counts), whatever the
    # scratch cwd does to a relative PYTHONPATH (`PYTHONPATH=.` silently ran an installed copy instead)
    env["PYTHONPATH"] = os.pathsep.join([str(_PACKAGE_ROOT), *filter(None, [env.get("PYTHONPATH")])])
    cmd = [sys.executable, "-m", "llmigrate", "migrate", str(entry.path), "--out", str(out),
           "--backend", "builtin"]
    run = sandbox.spawn(cmd, cwd=cwd, timeout=timeout, env=env)
    (work / "migrate.log").write_text(run.stdout + run.stderr, encoding="utf-8")
    if run.timed_out:
        return out, f"timed out after {timeout:.0f} s", run.seconds
    if read_report(out) is None:
        last = (run.stderr.strip().splitlines() or [""])[-1]
        return out, f"crashed (exit {run.rc}): {last[:200]}", run.seconds
    return out, "", run.seconds


def read_report(out: Path) -> dict[str, Any] | None:
    """OUT/report/report.json, or None when the run wrote none."""
    try:
        return json.loads((out / "report" / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_journal(out: Path) -> dict[str, Any]:
    """OUT/.llmigrate/journal.json's data ({} when missing)."""
    try:
        return json.loads((out / ".llmigrate" / "journal.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def from_report(fig: Figures, report: dict[str, Any]) -> None:
    """Every figure report.json has: statuses, C tests, lines, differential results."""
    t = report["totals"]
    for key in ("functions", "verified", "compiled", "kept_in_c", "failed", "c_tests_passed",
                "c_tests_failed", "rust_lines", "unsafe_lines", "equivalent", "differs", "untested"):
        setattr(fig, key, int(t.get(key) or 0))
    fig.rust_functions = sum(f["status"] in RUST for f in report["functions"])


def c_tests_not_run(fig: Figures, entry: Entry) -> None:
    """No C test ran against the Rust (the crate did not build): each of the entry's tests counts failed."""
    if not fig.c_tests_passed and not fig.c_tests_failed:
        fig.c_tests_failed = len(test_sources(entry.path, load_config(entry.path)))


def untested_reasons(journal: dict[str, Any]) -> Counter[str]:
    """How many untested functions went untested for each kind of reason (journal `untested_reason`)."""
    reasons: Counter[str] = Counter()
    for e in journal.get("functions", {}).values():
        if e.get("equivalence") in ("equivalent", "differs"):
            continue
        why = e.get("untested_reason") or f"no differential test: the function is {e.get('status')}"
        reasons[reason_kind(why)] += 1
    return reasons


def reason_kind(why: str) -> str:
    """A reason with its particulars (names, types, paths, numbers) folded, so that alike reasons group."""
    why = why.splitlines()[0].split("; ")[0]
    for pattern, repl in _FOLDS:
        why = pattern.sub(repl, why)
    return why[:100]


def pointer_metrics(journal: dict[str, Any]) -> tuple[int, int | None]:
    """(raw-pointer dereferences, clippy warnings) as the report counts them."""
    run = RunRecord.from_json(journal)
    return int(metric_totals(run.functions.values())["raw_derefs"] or 0), clippy_total(run.verify)


def safe_signatures(out: Path, report: dict[str, Any]) -> int:
    """Rust functions (compiled/verified) that are safe fns whose own signature (not the ffi.rs wrapper) has
    no raw pointer: an `unsafe fn f(v: &T)` (unsafe for what its body does) is not a safe signature."""
    spans = crate_spans(out) if (out / "src").is_dir() else {}
    count = 0
    for f in report["functions"]:
        span = spans.get(f["name"]) or spans.get(f"{f['file']}:{f['name']}")
        if f["status"] in RUST and span is not None:
            code = "\n".join(span.lines)
            sig = rust_signature(code, f["name"])
            count += sig is not None and not _RAW.search(sig) and not is_unsafe_fn(code, f["name"])
    return count


def raw_pointer_reasons(entry: Entry, report: dict[str, Any]) -> tuple[Counter[str], Counter[str]]:
    """Per pointer parameter of a Rust function (compiled/verified) that stays raw: the proof rule that failed
    (signatures.mapper.raw_reasons on a fresh analysis of the entry), counted by rule; and for those only
    passed to a callee whose parameter stays raw, the rule failing where the cascade ends (raw_roots.py)."""
    rust = {(f["file"], f["name"]) for f in report["functions"] if f["status"] in RUST}
    codebase = analyze_dir(entry.path, load_config(entry.path))
    return Counter(why for fn in codebase.functions.values() if (fn.file, fn.name) in rust
                   for why in raw_reasons(fn, codebase).values()), \
        Counter(hops[-1][2] for hops in cascades(codebase, rust))


def is_unsafe_fn(code: str, name: str) -> bool:
    """`fn NAME` of the Rust `code` is declared `unsafe`."""
    return re.search(rf"\bunsafe\s+fn\s+(?:r#)?{re.escape(name)}\b", blank(code)) is not None


def rust_signature(code: str, name: str) -> str | None:
    """The text from `fn NAME` to its body's `{` (comments and literals blanked), or None when absent."""
    code = blank(code)
    m = re.search(rf"\bfn\s+(?:r#)?{re.escape(name)}\b", code)
    if m is None:
        return None
    body = code.find("{", m.end())  # no brace can occur inside a Rust signature
    return code[m.start():body] if body > 0 else None


def c_function_estimate(src: Path) -> int:
    """Function definitions in SRC's library .c files by a column-0 pattern, for runs that never analysed."""
    files = library_sources(src, load_config(src))
    return sum(len(_C_DEF.findall(p.read_text(encoding="utf-8", errors="replace"))) for p in files)


def crashed(fig: Figures, entry: Entry, out: Path) -> None:
    """A run with no report: all its functions failed, all its C tests failed."""
    ids = read_journal(out).get("functions") or {}
    fig.functions = len(ids) or c_function_estimate(entry.path)
    fig.failed = fig.functions
    fig.untested = fig.functions
    fig.untested_reasons = {"the run crashed or timed out": fig.functions}
    c_tests_not_run(fig, entry)
    fig.link_error = "no crate"


def debug_build(crate: Path, clean: bool) -> tuple[Path | None, float | None, str]:
    """`cargo build --lib` (debug) of CRATE: (staticlib, seconds, error). With `clean`, in a copy of the crate
    with a target dir of its own, so the seconds are those of a build from scratch."""
    if clean:
        copy = crate.parent / "clean-build"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(crate, copy, ignore=shutil.ignore_patterns("target", ".llmigrate", "report"))
        crate = copy
    env = {**os.environ, "CARGO_TARGET_DIR": str(crate / "target")}
    start = time.monotonic()
    run = sandbox.spawn(["cargo", "build", "--offline", "--lib", "-q"], cwd=crate, env=env,
                        timeout=BUILD_TIMEOUT)
    seconds = time.monotonic() - start
    libs = sorted((crate / "target" / "debug").glob("lib*.a"))
    if run.rc != 0 or not libs:
        lines = [ln for ln in run.stderr.splitlines() if ln.startswith("error")] or [f"exit {run.rc}"]
        return None, None, "cargo build failed: " + lines[0][:200]
    return libs[0], seconds, ""


def measure(entry: Entry, work: Path, timeout: float, clean_build: bool = True) -> Figures:
    """Migrate one entry under WORK and collect its figures."""
    fig = Figures(entry.name, entry.part)
    out, fig.error, fig.migrate_seconds = migrate(entry, work, timeout)
    report = None if fig.error else read_report(out)
    if report is None:
        crashed(fig, entry, out)
        return fig
    journal = read_journal(out)
    from_report(fig, report)
    c_tests_not_run(fig, entry)
    fig.untested_reasons = dict(untested_reasons(journal))
    fig.raw_derefs, fig.clippy = pointer_metrics(journal)
    fig.safe_signatures = safe_signatures(out, report)
    reasons, roots = raw_pointer_reasons(entry, report)
    fig.raw_reasons, fig.raw_roots = dict(reasons), dict(roots)
    lib, seconds, fig.link_error = debug_build(out, clean_build)
    fig.build_seconds = seconds if clean_build else None
    build = journal.get("build") or {}
    if "links" in build:  # the build stage's own link check (llmigrate/reintegrate/link_check.py)
        fig.links = bool(build["links"])
        fig.link_error = fig.link_error or "; ".join(build.get("link_errors") or [])[:200]
    elif lib is not None:
        fig.links, fig.link_error = library_links(out, lib, work / "link")
    return fig


def measure_all(entries: list[Entry], work: Path, jobs: int, timeout: float, clean_build: bool = True,
                done: Callable[[Figures], None] | None = None) -> list[Figures]:
    """Measure entries JOBS at a time, each under WORK/<slug>; DONE is called as each finishes."""
    figures, work = [], work.resolve()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(measure, e, work / slug(e.name), timeout, clean_build) for e in entries]
        for future in as_completed(futures):
            figures.append(future.result())
            if done is not None:
                done(figures[-1])
    return sorted(figures, key=lambda f: f.name)
