"""Each C file's own view of its types: the harness calls a file's functions from a translation unit that
includes that file, so types, macros and static functions defined only in the .c can be named.

The C side includes the file itself (its functions, static ones too, are compiled into the harness unit); the
Rust side includes its *declaration view*: the same text with every function definition reduced to its
prototype and every non-static global definition to an `extern` declaration, so that nothing but the types
and declarations remains and the crate supplies every definition.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from llmigrate.core import Codebase
from llmigrate.reintegrate.keep_c import _extern_decl, _locate
from llmigrate.verify.build import BuildError

HARNESS_PREFIX = "difftest_"


@dataclass
class FileUnit:
    """The functions of one C file under test, and how the harness reaches that file's view."""

    file: str  # relative to SRC
    fids: list[str]


def declaration_view(codebase: Codebase, file: str) -> str:
    """`file` with function bodies and global initialisers taken out, line numbers kept."""
    text = (Path(codebase.root) / file).read_text(encoding="utf-8", errors="replace")
    edits: list[tuple[int, int, str]] = []
    for g in codebase.globals.values():
        if g.file == file and not g.is_static and not g.is_extern and g.init is not None and g.source:
            start = _locate(text, g.source, g.line)
            if start >= 0:
                edits.append((start, start + len(g.source), _extern_decl(g.source)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return f"#line 1 {c_string(str(Path(codebase.root) / file))}\n{strip_bodies(text)}\n"


def strip_bodies(text: str) -> str:
    """Every top-level function body `{...}` of C text replaced by `;`, keeping its line count."""
    out, pos, head = [], 0, 0  # head: where the current top-level declaration began
    for i, ch in _code_chars(text):
        if ch in ";}" and i >= pos:
            head = i + 1
        elif ch == "{" and i >= pos and _FUNCTION_HEAD.search(_clean_head(text[head:i])):
            end = _matching_brace(text, i)
            out += [text[pos:head], _not_inline(text[head:i]), ";" + "\n" * text.count("\n", i, end)]
            pos = head = end
    return "".join(out) + text[pos:]


def _not_inline(head: str) -> str:
    """A definition's head as a plain declaration: an `inline` (always_inline) function whose body is gone
    cannot be inlined, and a call to it must reach the crate's definition. Blanks keep the columns."""
    return _INLINE.sub(lambda m: " " * len(m.group()), head)


_INLINE = re.compile(r"\b(?:__inline__|__inline|inline)\b|"
                     r"__attribute__\s*\(\(\s*(?:__)?always_inline(?:__)?\s*\)\)")
# A function definition's head ends with its parameter list, perhaps followed by attributes.
_FUNCTION_HEAD = re.compile(r"\)\s*(__attribute__\s*\(\(.*\)\)\s*)*$", re.DOTALL)
_NOT_CODE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|'
                       r"^[ \t]*#(?:\\\n|[^\n])*", re.DOTALL | re.MULTILINE)


def _clean_head(head: str) -> str:
    """A declaration's text without comments and preprocessor lines; not a function if it has `=`."""
    head = _NOT_CODE.sub(" ", head).strip()
    return "" if "=" in re.sub(r"\([^()]*\)", "", head) else head


def _code_chars(text: str):
    """(offset, char) of each brace or semicolon at the top level of code, outside comments, literals and
    preprocessor lines; nested braces are skipped by their caller."""
    depth, pos = 0, 0
    for m in re.finditer(r"[{};]|" + _NOT_CODE.pattern, text, re.DOTALL | re.MULTILINE):
        ch = m.group()
        if ch not in "{};" or m.start() < pos:
            continue
        if ch == "{":
            if depth == 0:
                yield m.start(), ch
            depth += 1
        elif ch == "}":
            depth = max(depth - 1, 0)
            if depth == 0:
                yield m.start(), ch
        elif depth == 0:
            yield m.start(), ch


def _matching_brace(text: str, at: int) -> int:
    """The offset just past the `}` closing the `{` at `at`."""
    depth = 0
    for m in re.finditer(r"[{}]|" + _NOT_CODE.pattern, text[at:], re.DOTALL | re.MULTILINE):
        if m.group() == "{":
            depth += 1
        elif m.group() == "}":
            depth -= 1
            if depth == 0:
                return at + m.end()
    return len(text)


def c_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def file_units(codebase: Codebase, fids: list[str]) -> list[FileUnit]:
    """The functions under test grouped by the C file whose view they are called from, in a stable order."""
    by_file: dict[str, list[str]] = {}
    for fid in fids:
        by_file.setdefault(host_file(codebase, codebase.functions[fid].file), []).append(fid)
    return [FileUnit(f, by_file[f]) for f in sorted(by_file)]


def host_file(codebase: Codebase, file: str) -> str:
    """The file whose view a function of `file` is called from: itself, or for a header (which may not
    compile alone) the first C file including it."""
    if file.endswith(".c"):
        return file
    name = Path(file).name
    for c in codebase.c_files():
        if any(Path(inc.strip("\"<>")).name == name for inc in codebase.includes.get(c, [])):
            return c
    return file


def unit_definitions(obj: Path) -> list[str]:
    """Functions an object of the Rust side defines other than the harness's own: a definition the view kept
    would be called instead of the crate's, comparing the C with itself. Kept beside the object under its
    compile key (the `.key` stamp objcache.cached_object writes), so a rerun's harness, which reuses the
    units of files with nothing rerun, does not ask nm about them again."""
    stamp, kept = obj.with_suffix(".key"), obj.with_suffix(".defs")
    key = stamp.read_text() if stamp.is_file() else ""
    known = kept.read_text().splitlines() if key and kept.is_file() else []
    if known and known[0] == key:
        return known[1:]
    names = _nm_definitions(obj)
    if key:
        kept.write_text("\n".join([key, *names]) + "\n")
    return names


def _nm_definitions(obj: Path) -> list[str]:
    run = subprocess.run(["nm", "--defined-only", "-g", str(obj)], capture_output=True, text=True)
    if run.returncode != 0:
        raise BuildError(f"nm {obj.name}: {run.stderr.strip()}")
    names = []
    for line in run.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TWi" and not parts[2].startswith(HARNESS_PREFIX):
            names.append(parts[2])
    return names
