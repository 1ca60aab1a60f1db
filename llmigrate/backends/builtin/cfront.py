"""The libclang front-end of the builtin translator: one parse per C file, function lookup, operator kinds.

libclang gives every expression's type and each implicit conversion; the Python bindings (18.1) lack operator
kinds and the clauses of a `for`, which this module recovers through the C API and spelling locations.
"""

from __future__ import annotations

import ctypes
import functools
import re
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from llmigrate.analyze.preproc import clang_args
from llmigrate.backends.builtin.bindings import children, included
from llmigrate.backends.builtin.items_walk import top_level_in
from llmigrate.core import Codebase, LlmigrateError
from llmigrate.rust_syntax import blank

try:  # the import itself succeeds without the shared library; loading it is checked in `_index`
    import clang.cindex as ci
except ImportError as e:  # pragma: no cover - depends on the environment
    ci = None
    _IMPORT_ERROR: Exception | None = e
else:
    _IMPORT_ERROR = None

T = TypeVar("T")

# clang's CXBinaryOperatorKind / CXUnaryOperatorKind (libclang >= 17), by value.
BINOPS = [None, ".*", "->*", "*", "/", "%", "+", "-", "<<", ">>", "<=>", "<", ">", "<=", ">=", "==", "!=",
          "&", "^", "|", "&&", "||", "=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|=", ","]
UNOPS = [None, "post++", "post--", "pre++", "pre--", "&", "*", "+", "-", "~", "!", "__real", "__imag",
         "__extension__", "co_await"]


@functools.cache
def _lib() -> ctypes.CDLL:
    ci.conf.lib  # noqa: B018 - loads libclang (and reports a failure) before we open our own handle
    lib = ctypes.CDLL(ci.conf.get_filename())  # own handle: argtypes set here do not leak into cindex
    for fn in ("clang_getCursorBinaryOperatorKind", "clang_getCursorUnaryOperatorKind"):
        f = getattr(lib, fn)
        f.argtypes, f.restype = [ci.Cursor], ctypes.c_int
    return lib


# Expression cursor kinds, computed once (CursorKind.is_expression() is a libclang call each time).
EXPR_KINDS = frozenset(k for k in ci.CursorKind.get_all_kinds() if k.is_expression()) if ci else frozenset()
_KIDS: dict[bytes, list] = {}
_HOLDERS: list = []  # the cursor objects `kids` stored a list on, so that `forget` can take it back


def kids(c: ci.Cursor) -> list:
    """The children of a cursor, memoised: the same Python cursor objects come back, so the bindings'
    per-object caches (type, referenced, spelling) are reused, which makes the translator several times
    faster than walking libclang afresh. `forget()` drops the memo between functions."""
    found = c.__dict__.get("_llm_kids")  # this very object was asked before
    if found is not None:
        return found
    key = bytes(c)  # the CXCursor value: another Python object for the same cursor finds it too
    found = _KIDS.get(key)
    if found is None:
        found = _KIDS[key] = children(c)
    c._llm_kids = found
    _HOLDERS.append(c)
    return found


def walk(c: ci.Cursor):
    """Pre-order traversal through `kids` (the cursor itself first), on a stack: a recursive generator
    passes each cursor up through every level above it."""
    todo = [c]
    while todo:
        n = todo.pop()
        yield n
        todo.extend(reversed(kids(n)))


def forget() -> None:
    """Drop the children memo. Long-lived cursors (a TU's function definitions) would otherwise keep every
    walked subtree alive, and the garbage collector rescanning that growing heap cost a third of the time."""
    _KIDS.clear()
    for c in _HOLDERS:
        del c._llm_kids
    _HOLDERS.clear()


def binop(cursor: ci.Cursor) -> str:
    """The operator of a BINARY_OPERATOR / COMPOUND_ASSIGNMENT_OPERATOR cursor, e.g. "+" or "<<="."""
    return BINOPS[_lib().clang_getCursorBinaryOperatorKind(cursor)] or "?"


def unop(cursor: ci.Cursor) -> str:
    """The operator of a UNARY_OPERATOR cursor: "post++", "pre--", "&", "*", "-", "~", "!", ..."""
    return UNOPS[_lib().clang_getCursorUnaryOperatorKind(cursor)] or "?"


# KeepGoing (CXTranslationUnit_KeepGoing): after a fatal error (an include not found) clang would stop
# reporting and silently drop the statements it cannot type, leaving bodies that look valid but are not.
_PARSE_OPTIONS = 0x01 | 0x200  # DetailedPreprocessingRecord | KeepGoing
_NOT_FOUND = re.compile(r"'([^']+)' file not found")
# Names C uses without a declaration: an error, or only a warning for an implicit declaration (C89 flags).
_UNDECLARED = re.compile(r"(?:use of undeclared identifier|call to undeclared function|"
                         r"implicit declaration of function|unknown type name) '([^']+)'")


class ParseFailure(LlmigrateError):
    """libclang could not load one C file: its functions fail, the run goes on."""


KEEP_TUS = 16


class Front:
    """Parsed translation units of one codebase, each C file parsed once, with its function definitions."""

    def __init__(self, codebase: Codebase):
        self.root = Path(codebase.root)
        # the flags analyze parses with; glibc's <ctype.h> tests as the library's functions, not their macros'
        # expansion into its table (signatures/ctype.py: a safe fn may call them within their domain)
        self.args = [*clang_args(codebase.config, self.root), "-D__NO_CTYPE"]
        self.index = _index()
        self.c_files = codebase.c_files()
        self._tus: dict[str, tuple[ci.TranslationUnit, dict[str, list[ci.Cursor]], list[str]]] = {}
        self._resolved: dict[str, Path] = {}
        self._hosts: dict[str, str | None] = {}
        self.keep: int | None = None  # see trim
        # True during the shared items' pass (items_stream), which reads SRC in the order the units come
        # after it: past `keep` files it drops the file read last, not the first, so the units find the
        # first `keep` still parsed (dropping the first made the units parse every file again)
        self.scanning = False
        self._live: weakref.WeakSet = weakref.WeakSet()  # the units parsed here that are not freed yet
        self.peak_units = 0  # the most of them alive at once
        self.unsaved = [(str(self.root / f), t) for f in codebase.files
                        if (t := gcc_doubles(self.root / f)) is not None]

    def parse(self, file: str) -> tuple[ci.TranslationUnit, dict[str, list[ci.Cursor]], list[str]]:
        """TU of `file` (relative to SRC), its function definitions by name, and its error messages. A header
        is read as the first C file including it sees it: a header may rely on what its includers include
        first (`uint32_t` without <stdint.h>), and that is the C the compiler builds."""
        if file in self._tus:
            self._tus[file] = self._tus.pop(file)  # the most recently used last
            return self._tus[file]
        self._evict(None if self.keep is None else self.keep - 1)
        host = self._host(file)
        if host is not None:
            tu, _, errors = self.parse(host)
            self._tus[file] = (tu, self._definitions(tu, self.root / file), errors)
            return self._tus[file]
        path = self.root / file
        try:
            tu = self.index.parse(str(path), args=self.args, options=_PARSE_OPTIONS,
                                  unsaved_files=self.unsaved)
        except ci.TranslationUnitLoadError as e:
            raise ParseFailure(f"{file}:1: parse error: libclang could not load the file ({e})") from e
        self._tus[file] = (tu, self._definitions(tu, path), self._errors(tu))
        self._live.add(tu)
        self.peak_units = max(self.peak_units, len(self._live))
        return self._tus[file]

    def _definitions(self, tu: ci.TranslationUnit, path: Path) -> dict[str, list[ci.Cursor]]:
        """Function definitions spelled in `path` itself, by name."""
        defs: dict[str, list[ci.Cursor]] = {}
        # The walk the shared items make too (memoised): this file and the headers of SRC it includes.
        # Compared by file handle: asking each cursor's `location.file` would make libclang build the
        # line table of every header.
        for c in top_level_in(tu, self._src_files(tu)):
            if c.kind == ci.CursorKind.FUNCTION_DECL and c.is_definition() and c.location.file \
                    and c.location.file.name == str(path):
                defs.setdefault(c.spelling, []).append(c)
        return defs

    def _host(self, file: str) -> str | None:
        """The first C file of SRC whose translation unit includes the header `file`; None for a C file
        or a header nothing includes."""
        if file.endswith(".c"):
            return None
        if file not in self._hosts:  # remembered: parsed files may be evicted (trim), the answer stays
            target = self.resolve(str(self.root / file))
            self._hosts[file] = next((c for c in self.c_files
                                      if any(self.resolve(f) == target for f in included(self.parse(c)[0]))),
                                     None)
        return self._hosts[file]

    def assume_unincluded(self, file: str, unincluded: bool) -> None:
        """Take it that no C file includes the header `file` (or forget having taken it so): the shared
        items' pass knows, and finding out here would parse every C file again."""
        if unincluded:
            self._hosts[file] = None
        else:
            self._hosts.pop(file, None)

    def _errors(self, tu: ci.TranslationUnit) -> list[str]:
        """"file:line: message" of each error, and of each use of an undeclared name even as a warning."""
        missing = [m.group(1) for d in tu.diagnostics if (m := _NOT_FOUND.match(d.spelling))]
        return [f"{_where(d.location, self.root)}: {_explain(d.spelling, missing)}" for d in tu.diagnostics
                if d.severity >= ci.Diagnostic.Error or _UNDECLARED.match(d.spelling)]

    def trim(self, keep: int | None) -> None:
        """Keep at most `keep` parsed files from now on, the most recently used (None: all of them). Each TU
        takes megabytes: the shared items' pass reads every file, then units come file by file and need
        only the last few, so that memory stays bounded in the size of SRC."""
        self.keep = keep
        self._evict(keep)

    def _evict(self, limit: int | None) -> None:
        while limit is not None and len(self._tus) > limit:
            tu = self._tus.pop(next(reversed(self._tus) if self.scanning else iter(self._tus)))[0]
            tu.__dict__.pop("_llm_top_level", None)  # its cursors refer back to it: freed late by gc

    def _src_files(self, tu: ci.TranslationUnit) -> list[str]:
        """The unit's file and the headers under SRC it includes, as items_collect lists them."""
        root = self.resolve(str(self.root))
        files = [tu.spelling] + [f for f in included(tu) if self.resolve(f).is_relative_to(root)]
        return list(dict.fromkeys(files))

    def resolve(self, path: str) -> Path:
        """Path(path).resolve(), once per path (every unit includes the same headers)."""
        found = self._resolved.get(path)
        if found is None:
            found = self._resolved[path] = Path(path).resolve()
        return found

    def function(self, file: str, name: str, line: int) -> ci.Cursor | None:
        """The definition of `name` in `file` whose extent covers `line` (or the only one of that name)."""
        _, defs, _ = self.parse(file)
        cands = defs.get(name, [])
        if len(cands) == 1:
            return cands[0]
        for c in cands:
            if c.extent.start.line <= line <= c.extent.end.line:
                return c
        return None

    def errors_in(self, file: str, start: int, end: int) -> list[str]:
        """Parse errors located in `file` between lines start..end."""
        _, _, errors = self.parse(file)
        out = []
        for e in errors:
            parts = e.split(":")
            if parts[0] == file and parts[1].isdigit() and start <= int(parts[1]) <= end:
                out.append(e)
        return out


# GCC's `d`/`D` suffix of a double constant (`9.81d`), an extension clang lacks
_DOUBLE_D = re.compile(r"(?<![\w.])(?:\d+\.\d*|\.\d+|\d+(?=[eE]))(?:[eE][+-]?\d+)?[dD]\b")


def gcc_doubles(path: Path) -> str | None:
    """The C file's text with each `d` suffix of a double constant a space (a double without a suffix: the
    same value, and the same offsets), for libclang; None when it has none (or cannot be read)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not re.search(r"\d[dD]\b", text):
        return None
    chars = list(text)
    for m in _DOUBLE_D.finditer(blank(text, "c")):  # not in comments or string literals
        chars[m.end() - 1] = " "
    fixed = "".join(chars)
    return fixed if fixed != text else None


def _explain(message: str, missing: list[str]) -> str:
    """A diagnostic as a reason: a name nothing declares says so, with the includes that were not found
    (the likely cause); other errors keep clang's words."""
    m = _UNDECLARED.match(message)
    if m is None or _NOT_FOUND.match(message):
        return message
    hint = f" (is {' or '.join(missing)} missing?)" if missing else ""
    return f"`{m.group(1)}` is not declared{hint}"


def _where(loc: ci.SourceLocation, root: Path) -> str:
    name = loc.file.name if loc.file else "?"
    try:
        name = Path(name).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        pass
    return f"{name}:{loc.line}"


def _index() -> ci.Index:
    if ci is None:
        raise LlmigrateError(f"the builtin backend needs libclang (pip install libclang): {_IMPORT_ERROR}")
    try:
        index = ci.Index.create()
    except Exception as e:  # LibclangError and OSError from loading the shared library
        raise LlmigrateError(f"the builtin backend needs libclang, which failed to load: {e}") from e
    return index


_FRONT: list = [None, None]  # [the Codebase (held, so its id cannot be reused), its Front]


def front_for(codebase: Codebase) -> Front:
    """The Front of `codebase`, built once per Codebase object (TUs are reused across units)."""
    if _FRONT[0] is not codebase:
        _FRONT[:] = [codebase, Front(codebase)]  # one codebase at a time keeps memory bounded
    return _FRONT[1]


def for_clauses(cursor: ci.Cursor) -> tuple[ci.Cursor | None, ci.Cursor | None, ci.Cursor | None, ci.Cursor]:
    """(init, cond, inc, body) of a FOR_STMT. libclang lists only the clauses present, so which ones are
    present is read from the header's tokens (in the macro definition when the loop comes from a macro).
    Raises ValueError when it cannot tell."""
    kids = children(cursor)
    body, parts = kids[-1], kids[:-1]
    if len(parts) in (0, 3):
        return (*(parts or [None, None, None]), body)
    present = _presence([t.spelling for t in cursor.get_tokens()], cursor)
    if present is None or sum(present) != len(parts):
        raise ValueError("cannot tell which clauses of this for statement are present")
    it = iter(parts)
    init, cond, inc = (next(it) if p else None for p in present)
    return init, cond, inc, body


def spelled_tokens(cursor: ci.Cursor, keyword: set[str], tokens: list[str] | None = None) -> list[str] | None:
    """The tokens of a statement from its first `keyword` on, read from the macro definitions it expands
    from when the statement itself comes from a macro (`barrier()`)."""
    tokens = [t.spelling for t in cursor.get_tokens()] if tokens is None else tokens
    return _through_macros(tokens, cursor, keyword, lambda found: found)


def _presence(tokens: list[str], cursor: ci.Cursor) -> tuple[bool, bool, bool] | None:
    """Which of init; cond; inc a `for (...)` header has, from the first `for` in `tokens`, following the
    macros the tokens name when the `for` keyword is not among them."""
    return _through_macros(tokens, cursor, {"for"}, _header_presence)


def _through_macros(tokens: list[str], cursor: ci.Cursor, keyword: set[str],
                    finish: Callable[[list[str]], T | None], depth: int = 0) -> T | None:
    """`finish` of the tokens from the first `keyword` on; when no keyword is among them, the same search in
    the definitions of the macros they name (only the leading one at the top), the first answer winning."""
    for i, tok in enumerate(tokens):
        if tok in keyword:
            return finish(tokens[i:])
    if depth > 3:
        return None
    defs = _macro_defs(cursor.translation_unit)
    for tok in tokens[:1] if depth == 0 else tokens:
        d = defs.get(tok)
        if d is not None:
            body = [t.spelling for t in d.get_tokens()][1:]
            found = _through_macros(body, cursor, keyword, finish, depth + 1)
            if found is not None:
                return found
    return None


def _header_presence(tokens: list[str]) -> tuple[bool, bool, bool] | None:
    if len(tokens) < 2 or tokens[1] != "(":
        return None
    depth, clauses = 1, [[]]
    for tok in tokens[2:]:
        depth += tok in ("(", "[", "{")
        depth -= tok in (")", "]", "}")
        if depth == 0:
            break
        if tok == ";" and depth == 1 and len(clauses) < 3:
            clauses.append([])
        else:
            clauses[-1].append(tok)
    if depth != 0 or len(clauses) != 3:
        return None
    return bool(clauses[0]), bool(clauses[1]), bool(clauses[2])


_MACROS: dict[int, dict[str, ci.Cursor]] = {}


def _macro_defs(tu: ci.TranslationUnit) -> dict[str, ci.Cursor]:
    """Macro definitions of a TU by name (needs PARSE_DETAILED_PROCESSING_RECORD)."""
    key = id(tu)
    if key not in _MACROS:
        _MACROS.clear()
        _MACROS[key] = {c.spelling: c for c in children(tu.cursor)
                        if c.kind == ci.CursorKind.MACRO_DEFINITION}
    return _MACROS[key]
