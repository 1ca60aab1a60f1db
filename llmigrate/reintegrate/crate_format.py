"""The generated crate's format: marker lines around each function's Rust, their spans, OUT/llmigrate.lock.

Module files hold each function's items between `// llmigrate:begin <id>` and `// llmigrate:end <id>`;
src/ffi.rs holds each C ABI entry between `// llmigrate:ffi-begin <id>` and `// llmigrate:ffi-end <id>`.
A span's text is the lines strictly between its two markers, each with its newline; `span_hash` of it is
the lock's `rust_hash`. Only this module writes or reads markers and the lock (HACKING.md, "Rust layout of
OUT").
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from llmigrate.core import LlmigrateError

LOCK_FILE = "llmigrate.lock"
LOCK_VERSION = 1

_MARKER = re.compile(r"^\s*//\s*llmigrate:(begin|end)\s+(\S+)\s*$")
_FFI_MARKER = re.compile(r"^//\s*llmigrate:ffi-(begin|end)\s+(\S+)\s*$")
_FAKE_MARKER = re.compile(r"^(\s*//\s*)llmigrate:", re.M)


@dataclass
class Span:
    """One function's Rust in a file: the 1-based lines of its begin and end markers, and the text between."""

    id: str
    file: str  # relative to the crate root, e.g. "src/gcd.rs"
    begin: int
    end: int
    text: str

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def holds(self, file: str | None, line: int) -> bool:
        """file:line lies strictly between the markers (a marker line is nobody's code)."""
        return self.file == file and self.begin < line < self.end


class LockEntry(TypedDict):
    """A function in the lock: its C file, the sha256 of its C, `span_hash` of its Rust (None: no Rust)."""

    file: str
    c_hash: str
    rust_hash: str | None


def function_block(fid: str, code: str) -> str:
    """A function's items between its markers, as a module file holds them (a blank line before)."""
    # A marker-like comment inside the code would cut its span short: defuse it (it is only a comment).
    body = _FAKE_MARKER.sub(r"\1llmigrate (quoted):", code.strip("\n"))
    return f"\n// llmigrate:begin {fid}\n{body}\n// llmigrate:end {fid}\n"


def ffi_block(fid: str, entry: str) -> str:
    """A C ABI entry (ending in a newline) between its ffi markers, as src/ffi.rs holds it."""
    return f"\n// llmigrate:ffi-begin {fid}\n{entry}// llmigrate:ffi-end {fid}\n"


def span_hash(text: str) -> str:
    """sha256 hex of a span's text: the lock's `rust_hash`."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_spans(text: str, file: str) -> dict[str, Span]:
    """The complete begin/end marker pairs of one file by id; unpaired markers and ffi markers yield none."""
    return {s.id: s for s in _pairs(text, file, _MARKER)}


def find_ffi_spans(text: str, file: str) -> list[Span]:
    """The complete ffi-begin/ffi-end marker pairs of one file (src/ffi.rs)."""
    return _pairs(text, file, _FFI_MARKER)


def _pairs(text: str, file: str, marker: re.Pattern[str]) -> list[Span]:
    spans: list[Span] = []
    lines = text.splitlines(keepends=True)
    open_at: dict[str, int] = {}
    for i, line in enumerate(lines):
        m = marker.match(line)
        if not m:
            continue
        kind, fid = m.groups()
        if kind == "begin":
            open_at[fid] = i
        elif fid in open_at:
            start = open_at.pop(fid)
            spans.append(Span(fid, file, start + 1, i + 1, "".join(lines[start + 1:i])))
    return spans


def crate_spans(crate: Path) -> dict[str, Span]:
    """Every function span in crate/src/**/*.rs, by function id (paths relative to `crate`)."""
    spans: dict[str, Span] = {}
    for path in sorted((crate / "src").rglob("*.rs")):
        rel = path.relative_to(crate).as_posix()
        spans.update(find_spans(path.read_text(encoding="utf-8", errors="replace"), rel))
    return spans


def function_blocks(files: dict[str, str]) -> dict[str, list[Span]]:
    """Function id -> its spans (module item and ffi entry) in the `.rs` files of `files` (path -> text)."""
    blocks: dict[str, list[Span]] = {}
    for rel, text in files.items():
        if rel.endswith(".rs"):
            for span in [*find_spans(text, rel).values(), *find_ffi_spans(text, rel)]:
                blocks.setdefault(span.id, []).append(span)
    return blocks


def owner_of(blocks: dict[str, list[Span]], file: str | None, line: int) -> str | None:
    """The function id whose span (module item or ffi entry) has file:line strictly between its markers."""
    # rustc puts e.g. "unclosed delimiter" at the end of the file, which is the last function's end marker,
    # whoever left the delimiter open: a marker line is nobody's code.
    for fid, spans in blocks.items():
        if any(s.holds(file, line) for s in spans):
            return fid
    return None


def write_lock(out: Path, source: str, functions: dict[str, LockEntry]) -> None:
    """OUT/llmigrate.lock: the source directory and, per function id, its LockEntry."""
    text = json.dumps({"version": LOCK_VERSION, "source": source, "functions": functions}, indent=1,
                      sort_keys=True)
    (out / LOCK_FILE).write_text(text + "\n", encoding="utf-8")


def read_lock(out: Path) -> dict[str, Any]:
    """OUT/llmigrate.lock as written by `write_lock`, or a usage error saying what is wrong with it."""
    path = out / LOCK_FILE
    if not path.is_file():
        raise LlmigrateError(f"{out}: no {LOCK_FILE}; is this the OUT of `llmigrate migrate`?")
    try:
        lock = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise LlmigrateError(f"{path}: not valid JSON: {e}") from e
    if not isinstance(lock, dict):
        raise LlmigrateError(f"{path}: not a lock file (a JSON object is expected)")
    if lock.get("version") != LOCK_VERSION:
        raise LlmigrateError(f"{path}: lock version {lock.get('version')!r} is not the version this "
                             f"llmigrate reads ({LOCK_VERSION}); run `llmigrate migrate` again to rewrite it")
    if not isinstance(lock.get("functions"), dict):
        raise LlmigrateError(f"{path}: no 'functions' table; the lock file is damaged")
    return lock
