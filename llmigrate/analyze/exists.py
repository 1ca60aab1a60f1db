"""Reconcile what tree-sitter found with what the compiler declares (analyze_preproc), before linking.

tree-sitter keeps finding the definitions, their text, spans and uses; the compiler decides what exists:
- a function whose name a macro replaces (`-Dmain=other`) is the function the compiler compiles: `other`;
- a function definition the compiler does not see there (tree-sitter misled by macros) is dropped;
- a "global" the compiler does not declare in that file (a declaration read out of a macro body that
  tree-sitter could not parse) is dropped, with a note;
- a file-scope variable the compiler declares where tree-sitter saw none (built by a macro such as
  `DEFINE_KEY(k);`) is added, with the compiler's type and the invocation as its source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from llmigrate.analyze import decl
from llmigrate.analyze.blank import Blanks, Skips
from llmigrate.analyze.confirm import downgrade
from llmigrate.analyze.parse import FileFacts, macro_uses, parse_file
from llmigrate.analyze.preproc import CompilerView, Seen
from llmigrate.config import Config
from llmigrate.core import CFunction, CGlobal, CMacro, Diagnostic

_IDENT = re.compile(r"[A-Za-z_]\w*")


def apply_view(root: Path, facts: list[FileFacts], view: CompilerView, config: Config) -> None:
    """Rename, drop and add definitions of `facts` (in place) to match the compiler's declarations."""
    renames = identifier_macros([m for f in facts for m, _ in f.macros], config)
    for f in facts:
        if f.file not in view.entered:
            continue  # the compiler never read it (no .c includes it and it could not be parsed alone)
        for fn, _ in f.functions:
            _rename(f, fn, view, renames)
        f.functions = [(fn, uses) for fn, uses in f.functions if _compiled(f, fn, view)]
        _globals(root, f, view)
        _unread_functions(root, f, view)


def _compiled(f: FileFacts, fn: CFunction, view: CompilerView) -> bool:
    """Whether the compiler defines a function of that name there: a "definition" with syntax errors
    tree-sitter read out of macro invocations (`CASE_STR(X)` for `case X: return "X";`) is left out."""
    span = (fn.start_line, fn.end_line)
    if view.declares(f.file, "function", fn.name, span) or not any(
            "accepts the file" in d.message and span[0] <= d.line <= span[1] for d in f.diagnostics):
        return True  # only where the compiler accepts what tree-sitter could not parse is its word final
    f.diagnostics.append(Diagnostic(f.file, fn.start_line, f"'{fn.name}' reads as a function definition, but "
                                    "the compiler defines no such function here; left out", "note"))
    return False


def reparse_lost(root: Path, facts: list[FileFacts], view: CompilerView, blanks: Blanks,
                 skips: dict[str, Skips], compiler: str) -> list[FileFacts]:
    """Each file whose syntax errors swallowed a function the compiler defines there parsed again definition
    by definition, when that finds more of the compiler's functions (macros that expand to `case X:` read
    as garbage to tree-sitter, and the error ran on into the next definition)."""
    out = []
    for f in facts:
        if _lost(f, view):
            alone = parse_file(str(root), f.file, blanks, skips.get(f.file), apart=True)
            if len(_lost(alone, view)) < len(_lost(f, view)):
                if not any(d.severity == "error" for d in f.diagnostics):
                    downgrade(alone, compiler)  # the compiler accepted the file
                f = alone
        out.append(f)
    return out


def _lost(f: FileFacts, view: CompilerView) -> set[str]:
    """Functions the compiler declares in f that f neither defines nor declares, only for a file where
    tree-sitter met a syntax error."""
    if not any("syntax error" in d.message for d in f.diagnostics):
        return set()
    found = {fn.name for fn, _ in f.functions} | {p.name for p in f.prototypes}
    return {s.name for s in view.seen.get(f.file, ()) if s.kind == "function" and s.name not in found}


def identifier_macros(macros: Iterable[CMacro], config: Config) -> dict[str, str]:
    """Object-like macros whose whole expansion is another identifier (`-Dmain=other`): name -> that one."""
    out = {m.name: m.body for m in macros if m.params is None and _IDENT.fullmatch(m.body)}
    for d in config.defines + [a[2:] for a in config.cflags if a.startswith("-D")]:
        name, _, value = d.partition("=")
        if _IDENT.fullmatch(value.strip()):
            out[name.strip()] = value.strip()
    return out


def _rename(f: FileFacts, fn: CFunction, view: CompilerView, renames: dict[str, str]) -> None:
    target = renames.get(fn.name)
    span = (fn.start_line, fn.end_line)
    if target is None or view.declares(f.file, "function", fn.name, span) \
            or not view.declares(f.file, "function", target, span):
        return
    f.diagnostics.append(Diagnostic(f.file, fn.start_line, f"'{fn.name}' is compiled as '{target}' (a macro "
                                    f"renames it); it is migrated under that name", "note"))
    if fn.id == fn.name:
        fn.id = target
    fn.name = target


def _globals(root: Path, f: FileFacts, view: CompilerView) -> None:
    kept = []
    for g, uses in f.globals:
        if view.declares(f.file, "variable", g.name):
            kept.append((g, uses))
        else:
            f.diagnostics.append(Diagnostic(f.file, g.line, f"'{g.name}' reads as a global, but the compiler "
                                            "declares no such variable here; left out", "note"))
    known = {g.name for g, _ in kept}
    lines: list[str] = []
    for s in view.seen.get(f.file, ()):
        if s.kind == "variable" and not s.extern and s.name not in known and not _in_function(f, s.line):
            lines = lines or (root / f.file).read_text(encoding="utf-8", errors="replace").splitlines()
            source = "\n".join(lines[s.line - 1:s.last])
            kept.append((_macro_global(f, s, source), macro_uses(source, [])))
            known.add(s.name)
    f.globals = kept


# In a note on a function a macro declares where the analysis read none: its file stays compiled in C.
UNREAD_DEFINITION = "the analysis cannot read a definition it makes"


def _unread_functions(root: Path, f: FileFacts, view: CompilerView) -> None:
    """A note for each function the compiler declares in `f` where tree-sitter found neither a definition nor
    a prototype (a macro builds it): not migrated, and the crate's C part compiles the file's C for it
    (reintegrate.keep_c), so a definition the macro makes still exists."""
    known = {fn.name for fn, _ in f.functions} | {p.name for p in f.prototypes}
    lines: list[str] = []
    for s in view.seen.get(f.file, ()):
        if s.kind != "function" or s.name in known or _in_function(f, s.line):
            continue
        lines = lines or (root / f.file).read_text(encoding="utf-8", errors="replace").splitlines()
        # a macro's argument names it (`MAKE(name, ...)`); `NAME(x);` alone is an unknown macro used as a
        # statement, which the compiler reads as an implicit declaration of NAME
        if re.search(rf"\b{re.escape(s.name)}\b(?!\s*\()", "\n".join(lines[s.line - 1:s.last])):
            known.add(s.name)
            why = f"'{s.name}' is declared here by a macro and {UNREAD_DEFINITION}: it stays C"
            f.diagnostics.append(Diagnostic(f.file, s.line, why, "note"))


def _in_function(f: FileFacts, line: int) -> bool:
    return any(fn.start_line <= line <= fn.end_line for fn, _ in f.functions)


def _macro_global(f: FileFacts, s: Seen, source: str) -> CGlobal:
    return CGlobal(s.name, f.file, s.line, s.type, is_static=s.static, is_const=decl.const_object(s.type),
                   source=source, by_macro=True)
