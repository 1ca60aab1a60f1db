"""What the compiler sees: libclang over every translation unit, with SRC's include dirs, defines and cflags.

tree-sitter reads every `#if` branch alike; the compiler keeps one. Each .c file of SRC (and each header no
.c file includes, on its own) is preprocessed and parsed by libclang with the flags the crate's C is built
with, which records per file of SRC: the lines the preprocessor skipped (in every unit that read the file),
the functions and file-scope variables the compiler declares there, and the includes it cannot find.
Function bodies are skipped: only file-scope names matter here, and the preprocessor still runs over them.
"""

from __future__ import annotations

import ctypes
import functools
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.analyze import outside
from llmigrate.analyze.blank import Skips
from llmigrate.config import Config
from llmigrate.core import Diagnostic

try:
    import clang.cindex as ci
except ImportError:  # pragma: no cover - depends on the environment
    ci = None

_OPTIONS = 0x01 | 0x40  # CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_SkipFunctionBodies


@dataclass(frozen=True)
class Seen:
    """A function or file-scope variable the compiler declares, located where its name is spelled."""

    kind: str  # "function" | "variable"
    name: str
    line: int
    last: int  # last line of its declaration (a macro invocation may span several)
    type: str = ""  # variables: the C type as the compiler spells it
    static: bool = False
    extern: bool = False


@dataclass
class CompilerView:
    """Per file of SRC (relative posix path): what the compiler read, skipped and declares."""

    entered: set[str] = field(default_factory=set)
    skips: dict[str, Skips] = field(default_factory=dict)
    seen: dict[str, list[Seen]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # includes it cannot find
    outside: outside.Outside = field(default_factory=outside.Outside)  # what headers outside SRC define

    def declares(self, file: str, kind: str, name: str, lines: tuple[int, int] | None = None) -> bool:
        """Whether the compiler declares `name` in `file` (within `lines` when given)."""
        return any(s.kind == kind and s.name == name and (lines is None or lines[0] <= s.line <= lines[1])
                   for s in self.seen.get(file, ()))


@dataclass
class _Unit:
    """One translation unit's share: files read, skipped lines and ranges, declarations, missing includes."""

    entered: set[str] = field(default_factory=set)
    lines: dict[str, set[int]] = field(default_factory=dict)
    ranges: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    seen: dict[str, set[Seen]] = field(default_factory=dict)
    missing: list[Diagnostic] = field(default_factory=list)
    outside: outside.Outside = field(default_factory=outside.Outside)


class _SkippedList(ctypes.Structure):
    _fields_ = [("count", ctypes.c_uint), ("ranges", ctypes.c_void_p)]


def available() -> str | None:
    """None when libclang loads, else why not."""
    try:
        _lib()
    except Exception as e:  # ImportError, LibclangError, OSError: all mean the same here
        return f"{type(e).__name__}: {e}"
    return None


@functools.cache
def _lib() -> ctypes.CDLL:
    if ci is None:
        raise ImportError("the clang package (libclang) is not installed")
    ci.conf.lib  # noqa: B018 - loads libclang (and reports a failure) before we open our own handle
    lib = ctypes.CDLL(ci.conf.get_filename())  # own handle: argtypes set here do not leak into cindex
    lib.clang_getAllSkippedRanges.restype = ctypes.POINTER(_SkippedList)
    lib.clang_getAllSkippedRanges.argtypes = [ctypes.c_void_p]
    lib.clang_disposeSourceRangeList.argtypes = [ctypes.POINTER(_SkippedList)]
    return lib


@functools.cache
def compiler_include_dir(compiler: str = "gcc") -> str | None:
    """The C compiler's own header directory (stddef.h, stdarg.h), which the libclang wheel lacks."""
    try:
        out = subprocess.run([compiler, "-print-file-name=include"], capture_output=True, text=True,
                             timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = out.stdout.strip()
    return path if out.returncode == 0 and Path(path).is_dir() else None


# A call of a C library function nothing declares (`strlen` with no <string.h>): gcc 12 accepts it with a
# warning and gives it the builtin's type; clang 16+ makes it an error by default. Ask the compiler.
_IMPLICIT_PROBE = "unsigned long f(const char *s) { return strlen(s); }\n"


@functools.cache
def accepts_implicit_library_calls(compiler: str, flags: tuple[str, ...]) -> bool:
    """Whether `compiler` with `flags` compiles a call of an undeclared C library function (not with
    -Werror, -pedantic-errors or a compiler that rejects implicit declarations, as gcc 14 does)."""
    try:
        out = subprocess.run([compiler, "-fsyntax-only", *flags, "-x", "c", "-"], input=_IMPLICIT_PROBE,
                             capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0


def clang_args(config: Config, root: Path) -> list[str]:
    """libclang's flags for the C of SRC: the crate's C build flags, SRC itself and the compiler's own header
    dir; a call of an undeclared library function is only a warning when the compiler accepts it too (clang
    then types it as the builtin, as gcc does), so the analysis sees what the compiler sees."""
    root = Path(root).resolve()
    flags = config.c_args(root)
    args = ["-std=gnu11", *flags, f"-I{root}"]  # SRC itself, as the C build has it
    inc = compiler_include_dir(config.compiler)
    if inc:
        args.append(f"-I{inc}")
    if accepts_implicit_library_calls(config.compiler, tuple(flags)):
        args.append("-Wno-error=implicit-function-declaration")
    return args


def compiler_view(src: Path, config: Config, files: list[str]) -> CompilerView:
    """Parse every .c of `files`, then every header none of them read; libclang must be available."""
    root = Path(src).resolve()
    args = clang_args(config, root)
    index = ci.Index.create()
    rel = _Relative(root)
    units = [_parse(index, root / f, args, rel, config) for f in files if f.endswith(".c")]
    entered = set().union(*(u.entered for u in units))
    alone = [f for f in files if f.endswith(".h") and f not in entered]
    units += [_parse(index, root / f, args, rel, config) for f in alone]
    return _merge(units)


class _Relative:
    """Absolute file name -> path relative to SRC, None outside it (each name resolved once)."""

    def __init__(self, root: Path):
        self.root, self._memo = root, {}

    def __call__(self, name: str) -> str | None:
        if name not in self._memo:
            p = Path(name).resolve()
            self._memo[name] = p.relative_to(self.root).as_posix() if p.is_relative_to(self.root) else None
        return self._memo[name]


def _parse(index: ci.Index, path: Path, args: list[str], rel: _Relative, config: Config) -> _Unit:
    unit = _Unit()
    try:
        tu = index.parse(str(path), args=args, options=_OPTIONS)
    except ci.TranslationUnitLoadError:
        return unit  # nothing known: the file keeps what tree-sitter finds
    reads = Counter(rel(inc.include.name) for inc in tu.get_includes())
    reads[rel(str(path))] += 1
    reads.pop(None, None)
    unit.entered = set(reads)
    _skipped(tu, rel, unit, reads)
    for c in tu.cursor.get_children():
        kind = {ci.CursorKind.FUNCTION_DECL: "function", ci.CursorKind.VAR_DECL: "variable"}.get(c.kind)
        if kind is None and (c.kind not in outside.KINDS or c.location.is_in_system_header):
            continue
        file = c.location.file
        where = rel(file.name) if file is not None else None
        if where is not None and kind:
            unit.seen.setdefault(where, set()).add(_seen(c, kind))
        elif file is not None and where is None and c.kind in outside.KINDS:
            outside.read(c, rel.root, unit.outside, compiler_include_dir(config.compiler))
    unit.missing = [_missing(d, rel, config) for d in tu.diagnostics
                    if d.severity >= ci.Diagnostic.Error and "file not found" in d.spelling]
    return unit


def _seen(c: ci.Cursor, kind: str) -> Seen:
    store = c.storage_class
    return Seen(kind, c.spelling, c.location.line, c.extent.end.line,
                c.type.spelling if kind == "variable" else "", store == ci.StorageClass.STATIC,
                store == ci.StorageClass.EXTERN)


def _skipped(tu: ci.TranslationUnit, rel: _Relative, unit: _Unit, reads: Counter) -> None:
    """The unit's skipped ranges by file, and the lines strictly inside them that no reading of the file
    compiles: a header read twice (its guard skips it all the second time) was still compiled once."""
    lib = _lib()
    found = lib.clang_getAllSkippedRanges(tu.obj)
    by_read: dict[tuple[str, int], set[int]] = {}
    try:
        ranges = ctypes.cast(found.contents.ranges, ctypes.POINTER(ci.SourceRange))
        for i in range(found.contents.count):
            r = ranges[i]
            start, end = r.start, r.end
            where = rel(start.file.name) if start.file is not None else None
            if where is None:
                continue
            unit.ranges.setdefault(where, set()).add((start.line, end.line))
            # A location's raw encoding minus its offset in the file tells one reading of a file from another
            read = start.int_data - start.offset
            by_read.setdefault((where, read), set()).update(range(start.line + 1, end.line))
    finally:
        lib.clang_disposeSourceRangeList(found)
    for where, count in reads.items():
        sets = [lines for (f, _), lines in by_read.items() if f == where]
        if sets and len(sets) >= count:
            unit.lines[where] = set.intersection(*sets)


def _missing(d: ci.Diagnostic, rel: _Relative, config: Config) -> Diagnostic:
    loc = d.location
    file = (rel(loc.file.name) or loc.file.name) if loc.file is not None else (config.source or "cflags")
    return Diagnostic(file, loc.line or 1, f"{d.spelling} (is it in [c] include_dirs of llmigrate.toml?); "
                      "definitions that need what it declares cannot be translated", "error")


def _merge(units: list[_Unit]) -> CompilerView:
    """A line is skipped when every unit that read its file skipped it; declarations and ranges add up."""
    view = CompilerView()
    lines: dict[str, set[int]] = {}
    ranges: dict[str, set[tuple[int, int]]] = {}
    for u in units:
        view.entered |= u.entered
        for f in u.entered:
            mine = u.lines.get(f, set())
            lines[f] = lines[f] & mine if f in lines else set(mine)
            ranges.setdefault(f, set()).update(u.ranges.get(f, ()))
        for f, seen in u.seen.items():
            view.seen.setdefault(f, [])
            view.seen[f] += sorted(seen - set(view.seen[f]), key=lambda s: (s.line, s.name, s.kind))
        view.diagnostics += [d for d in u.missing if d not in view.diagnostics]
        view.outside.update(u.outside)
    view.skips = {f: Skips(frozenset(lines[f]), tuple(sorted(ranges[f]))) for f in sorted(view.entered)}
    return view
