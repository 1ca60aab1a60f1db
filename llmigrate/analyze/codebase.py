"""The analyze stage: a directory of C -> Codebase (functions, types, globals, macros, uses, context slices).

Pipeline: find the files; ask the compiler what exists (analyze_preproc: libclang with SRC's flags over every
translation unit: the code the preprocessor skips, the functions and variables it declares, missing includes);
scan every `#define` to learn which macros are attribute-like; parse each file with tree-sitter-c after
blanking those and the skipped code (analyze_blank, analyze_parse; in worker processes for large trees);
reconcile with the compiler's declarations (analyze_exists); then resolve names across files (analyze_link)
and close each function's context slice (analyze_slice).

What the facts mean, for the stages that read them:
- `callees` also holds SRC functions called from the expansion of SRC macros the function uses
  (`ilog2(n)` -> `__ilog2_u32`): translating the caller needs their signatures all the same.
- `address_taken`: the function is named other than in a call, in a body, a global initializer, a top-level
  statement (`module_init(f);`) or a used macro. `EXPORT_SYMBOL(f)` does not count.
- `indirect_calls`: a call through an expression (`p->op(x)`, `(*fp)(x)`) or through a parameter, local or
  global that is not a function.
- What exists is what the compiler sees: code the preprocessor skips (`#if` with SRC's defines, cflags and
  `-include`s) is not parsed; the functions and globals defined there are `Codebase.inactive`, each with the
  conditional that removes it. Without libclang, only `#if 0` code is skipped, and of a function defined in
  several branches of one file the one whose `#ifdef`/`#ifndef` conditions hold is kept, else the first.
- Syntax errors are put to the C compiler (confirm.py): warnings when it accepts the file, errors when
  it rejects it, and then the file is parsed again definition by definition.
- Globals are keyed like functions: the name, or `file:name` for statics of several files sharing a name.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from fnmatch import fnmatchcase
from pathlib import Path

from llmigrate.analyze import preproc
from llmigrate.analyze.blank import Blanks, Skips, find_blanks, scan_defines
from llmigrate.analyze.confirm import confirm_syntax_errors
from llmigrate.analyze.exists import apply_view, reparse_lost
from llmigrate.analyze.link import link
from llmigrate.analyze.output import summary, to_json
from llmigrate.analyze.outside import add_to as add_outside
from llmigrate.analyze.parse import FileFacts, parse_file
from llmigrate.config import Config, load_config
from llmigrate.core import Codebase, Diagnostic, LlmigrateError

__all__ = ["analyze_dir", "find_c_files", "kept_out_of_gc", "summary", "to_json"]

PARALLEL_BYTES = 1 << 20  # below this, starting worker processes costs more than it saves


def analyze_dir(src: Path, config: Config | None = None, *, parallel: bool | None = None) -> Codebase:
    """Analyse every .c/.h under src (minus excluded and test files); bad input raises LlmigrateError.

    `parallel`: parse in worker processes; by default only when the sources are large enough to gain.
    """
    src = Path(src)
    if not src.exists():
        raise LlmigrateError(f"{src}: no such directory")
    if not src.is_dir():
        raise LlmigrateError(f"{src}: not a directory (analyze takes a directory of C sources)")
    config = config if config is not None else load_config(src)
    files = find_c_files(src, config)
    if not files:
        raise LlmigrateError(f"{src}: no C sources (.c or .h files) to analyse")
    with paused_gc():
        sizes, defines = 0, []
        for rel in files:
            try:
                data = (src / rel).read_bytes()
            except OSError:
                continue  # parse_file reports it
            sizes += len(data)
            defines += scan_defines(data)
        for path in _forced_includes(src, config):  # `-include shim.h`: its macros apply to every file
            defines += scan_defines(path.read_bytes())
        blanks = find_blanks(defines, config.attribute_macros)
        if parallel is None:
            parallel = sizes >= PARALLEL_BYTES
        view, notes = _compiler_view(src, config, files)
        skips = view.skips if view else {}
        facts = _parse_all(src, files, blanks, skips, parallel)
        facts = confirm_syntax_errors(src, config, facts, blanks, skips)
        if view is not None:
            facts = reparse_lost(src, facts, view, blanks, skips, config.compiler)
            apply_view(src, facts, view, config)
        _add_fragment_types(src, facts, fragments(src, config, files), blanks, skips)
        codebase = link(src, config, facts)
        if view is not None:
            add_outside(codebase, view.outside)
            codebase.skipped = {f: s.lines for f, s in sorted(view.skips.items()) if s.lines}
        codebase.inactive = sorted((i for f in facts for i in f.inactive), key=lambda i: (i.file, i.line))
        codebase.diagnostics = sorted(codebase.diagnostics + notes, key=lambda d: (d.file, d.line, d.message))
        return codebase


def _compiler_view(src: Path, config: Config, files: list[str]) -> tuple[preproc.CompilerView | None,
                                                                         list[Diagnostic]]:
    """The compiler's view of SRC and the includes it cannot find; without libclang, only a warning (then
    every `#if` branch but `#if 0` is read, as tree-sitter sees the files)."""
    why = preproc.available()
    if why is not None:
        return None, [Diagnostic(".", 1, f"libclang is not available ({why}): #if conditions other than "
                                 "`#if 0` are not evaluated", "warning")]
    view = preproc.compiler_view(src, config, files)
    return view, list(view.diagnostics)


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while building: analysis makes no cycles, and the collector's repeated
    scans of a growing heap cost a third of the run time on large trees."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # move what was built to the oldest generation without scanning it once more
        gc.unfreeze()
        if was:
            gc.enable()


@contextmanager
def kept_out_of_gc() -> Iterator[None]:
    """What exists on entering (a run's codebase, plan and signatures, which live to its end) is out of the
    cyclic collector's scans until exit: every full collection scanned all of it, a cost growing with the
    codebase on a count of collections growing too, and a forked translate worker's collections wrote to the
    pages it sits on, copying them. Garbage is collected first, so that none of it is kept."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def find_c_files(src: Path, config: Config) -> list[str]:
    """Relative posix paths of the .c/.h files to analyse, sorted; hidden directories are skipped."""
    skip = [*config.exclude, *config.test_globs, *config.test_support]
    out = []
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath).relative_to(src)
        for name in filenames:
            rel = (base / name).as_posix()
            if name.endswith((".c", ".h")) and not any(_matches(rel, pat) for pat in skip):
                out.append(rel)
    return sorted(out)


_QUOTED_INCLUDE = re.compile(rb'^[ \t]*#[ \t]*include[ \t]*"([^"]+)"', re.M)


def fragments(src: Path, config: Config, files: list[str]) -> dict[str, str]:
    """Files of SRC that its .c/.h files `#include "..."` under another suffix (`x.inc`, `x.def`), found as
    the compiler finds them (the includer's directory, then the include dirs, then SRC), each with its
    first includer: the compiler reads them as part of it, so the types they define exist there."""
    skip = [*config.exclude, *config.test_globs, *config.test_support]
    root = src.resolve()
    dirs = [Path(d) if Path(d).is_absolute() else src / d for d in config.include_dirs] + [src]
    out: dict[str, str] = {}
    for rel in files:
        try:
            text = (src / rel).read_bytes()
        except OSError:
            continue
        for m in _QUOTED_INCLUDE.finditer(text):
            name = m.group(1).decode(errors="replace")
            if name.endswith((".c", ".h")):
                continue
            found = next((d / name for d in [(src / rel).parent, *dirs] if (d / name).is_file()), None)
            if found is None or not found.resolve().is_relative_to(root):
                continue
            frag = found.resolve().relative_to(root).as_posix()
            if not any(_matches(frag, pat) for pat in skip):
                out.setdefault(frag, rel)
    return out


def _add_fragment_types(src: Path, facts: list[FileFacts], frags: dict[str, str], blanks: Blanks,
                        skips: dict[str, Skips]) -> None:
    """The struct, union, enum and typedef definitions of each included fragment, as its includer's (only
    those: what else a fragment holds, a table's rows or statements, is read where it is included)."""
    by_file = {f.file: f for f in facts}
    for frag, includer in sorted(frags.items()):
        if includer in by_file:
            by_file[includer].types += parse_file(str(src), frag, blanks, skips.get(frag)).types


def _forced_includes(src: Path, config: Config) -> list[Path]:
    """Files named by `-include FILE` in cflags, found like the compiler would; unknown ones are skipped."""
    names = [b for a, b in zip(config.cflags, config.cflags[1:], strict=False) if a == "-include"]
    names += [a[len("-include"):] for a in config.cflags if a.startswith("-include") and a != "-include"]
    out = []
    for name in names:
        dirs = [src] + [Path(d) if Path(d).is_absolute() else src / d for d in config.include_dirs]
        found = next((d / name for d in dirs if (d / name).is_file()), None)
        if found is not None:
            out.append(found)
    return out


def _matches(rel: str, pattern: str) -> bool:
    pattern = pattern.strip("/")
    return fnmatchcase(rel, pattern) or fnmatchcase(rel, pattern + "/*")


_WORKER: tuple[str, Blanks, dict[str, Skips]] | None = None


def _init_worker(root: str, blanks: Blanks, skips: dict[str, Skips]) -> None:
    global _WORKER
    gc.disable()  # see paused_gc; the worker exits when the pool closes
    _WORKER = (root, blanks, skips)


def _parse_in_worker(rel: str) -> FileFacts:
    root, blanks, skips = _WORKER
    return parse_file(root, rel, blanks, skips.get(rel))


def _parse_all(src: Path, files: list[str], blanks: Blanks, skips: dict[str, Skips],
               parallel: bool) -> list[FileFacts]:
    """Per-file facts in file order; for large trees, worker processes take a share and this one the rest.
    `skips`: the code the preprocessor skips, for each file it read."""
    cores = os.cpu_count() or 1
    if not parallel or cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [parse_file(str(src), rel, blanks, skips.get(rel)) for rel in files]
    ctx = multiprocessing.get_context("fork")  # workers inherit the loaded parser: no re-import
    mine = len(files) // cores
    with ctx.Pool(cores - 1, initializer=_init_worker, initargs=(str(src), blanks, skips)) as pool:
        theirs = pool.map_async(_parse_in_worker, files[mine:], chunksize=max(1, len(files) // (cores * 8)))
        here = [parse_file(str(src), rel, blanks, skips.get(rel)) for rel in files[:mine]]
        return here + theirs.get()
