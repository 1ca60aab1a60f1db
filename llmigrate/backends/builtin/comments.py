"""C comments carried into the Rust: the comment right before a function, and those before each statement.

A reader of the Rust needs the C author's explanations where the C had them; comments become plain `//`
lines (never `///`: C prose is not Markdown, and rustdoc's lints would read it as such).
"""

from __future__ import annotations

from functools import lru_cache

import clang.cindex as ci

from llmigrate.rust_syntax import C_COMMENT, c_comment_lines, c_header_span


@lru_cache(maxsize=64)
def file_text(path: str) -> str:
    """A C file's text as libclang's offsets count it (bytes decoded one to one)."""
    try:
        with open(path, "rb") as f:
            return f.read().decode("latin-1")
    except OSError:
        return ""


def between(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The comments in text[start:end] (a gap between statements) as `//` lines: those on the line where
    the gap starts (they describe the code before them, so they stay on its line), and the rest."""
    if not 0 <= start < end <= len(text):
        return [], []
    found = list(C_COMMENT.finditer(text, start, end))
    same = [m for m in found if "\n" not in text[start:m.start()]]
    trailing = [" ".join(ln.removeprefix("// ") for ln in c_comment_lines(m.group())) for m in same]
    return trailing, [ln for m in found[len(same):] for ln in c_comment_lines(m.group())]


def before(text: str, offset: int) -> list[str]:
    """The comment block ending right before `offset` (blank lines allowed, no code), as `//` lines; the
    file's opening comment (its license header) stays with the module."""
    head = text[:offset].rstrip()
    found: list[str] = []
    while (start := _last_comment(head)) >= c_header_span(text)[1]:
        found = c_comment_lines(head[start:]) + found
        head = head[:start].rstrip()
    return found


def _last_comment(head: str) -> int:
    """Where the comment that ends `head` starts, when it stands on lines of its own; else -1."""
    if head.endswith("*/"):
        start = head.rfind("/*")
    else:
        line = head.rfind("\n") + 1
        start = line + len(head[line:]) - len(head[line:].lstrip())
        if not head.startswith("//", start):
            return -1
    return start if start >= 0 and not head[head.rfind("\n", 0, start) + 1:start].strip() else -1


def statement_gap(block_file: str | None, prev_end: int, stmt: ci.Cursor) -> tuple[list[str], list[str], int]:
    """Comments between the previous statement (ending at `prev_end`) and `stmt` (see `between`), and the
    offset `stmt` ends at; none for a statement spelled outside the file its block starts in, `block_file`
    (a macro's body). The caller asks `file_of` once per block: a few libclang calls each time."""
    start = stmt.extent.start
    file = start.file
    if file is None or block_file is None or file.name != block_file or start.offset < prev_end:
        return [], [], prev_end
    return (*between(file_text(block_file), prev_end, start.offset), stmt.extent.end.offset)


def file_of(location: ci.SourceLocation) -> str | None:
    """The name of the file `location` is in (None for none)."""
    file = location.file
    return file.name if file is not None else None
