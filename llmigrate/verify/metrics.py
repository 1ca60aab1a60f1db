"""Per-function metrics of the crate: Rust lines, lines in unsafe code, raw dereferences, clippy warnings.

Functions are found by their `// llmigrate:begin <id>` / `// llmigrate:end <id>` markers in OUT/src. Comments
and literals are blanked before counting so that neither counts as code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from llmigrate.cargo import run_cargo
from llmigrate.journal import FunctionRecord

_MARK = re.compile(r"^\s*// llmigrate:(begin|end) (\S+)\s*$")
_UNSAFE = re.compile(r"\bunsafe\b")
# A `*` with no operand before it (start, operator, open bracket, keyword) applied to a place, not `*const T`.
_DEREF = re.compile(r"(?:^|[=(\[{,;!&|+\-*/%<>^:]|\breturn|\bin|\bif|\bmatch|\bwhile)\s*\*\s*"
                    r"(?!const\b|mut\b)[A-Za-z_(*]", re.MULTILINE)
_PTR_CALL = re.compile(r"\b(?:ptr::)?(?:read|write|read_volatile|write_volatile|read_unaligned|"
                       r"write_unaligned)\s*\(|\.(?:read|write|read_volatile|write_volatile|read_unaligned|"
                       r"write_unaligned)\s*\(")


@dataclass
class Span:
    file: str  # relative to OUT
    first: int  # 1-based line of the begin marker
    last: int  # line of the end marker
    lines: list[str]  # the lines between the markers


@dataclass
class CodeMetrics:
    rust_lines: int
    unsafe_lines: int
    raw_derefs: int


def function_spans(out: Path) -> dict[str, Span]:
    """Every marked function of OUT/src by id."""
    spans: dict[str, Span] = {}
    for path in sorted((out / "src").rglob("*.rs")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        open_: dict[str, int] = {}
        for n, line in enumerate(lines, 1):
            m = _MARK.match(line)
            if not m:
                continue
            if m.group(1) == "begin":
                open_[m.group(2)] = n
            elif m.group(2) in open_:
                first = open_.pop(m.group(2))
                spans[m.group(2)] = Span(path.relative_to(out).as_posix(), first, n, lines[first:n - 1])
    return spans


def blank_comments_and_literals(text: str) -> str:
    """The text with comments, strings and char literals replaced by spaces (newlines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        j = _skip(text, i)
        if j == i:
            out.append(text[i])
            i += 1
        else:
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
    return "".join(out)


def _skip(t: str, i: int) -> int:
    """End of the comment or literal starting at i, or i when none starts there."""
    if t.startswith("//", i):
        j = t.find("\n", i)
        return len(t) if j < 0 else j
    if t.startswith("/*", i):
        depth, j = 1, i + 2
        while j < len(t) and depth:
            if t.startswith("/*", j):
                depth, j = depth + 1, j + 2
            elif t.startswith("*/", j):
                depth, j = depth - 1, j + 2
            else:
                j += 1
        return j
    m = re.match(r'b?r(#*)"', t[i:i + 20])
    if m and (i == 0 or not (t[i - 1].isalnum() or t[i - 1] == "_")):
        end = t.find('"' + m.group(1), i + m.end())
        return len(t) if end < 0 else end + 1 + len(m.group(1))
    if t[i] == '"':
        j = i + 1
        while j < len(t) and t[j] != '"':
            j += 2 if t[j] == "\\" else 1
        return j + 1
    m = re.match(r"b?'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^\\'])'", t[i:i + 12])
    return i + m.end() if m else i


def code_metrics(lines: list[str]) -> CodeMetrics:
    """Metrics of one function's Rust text (raw_derefs is a lexical estimate: unary `*` and ptr reads/writes
    inside unsafe code, which may include dereferences of references there)."""
    code = blank_comments_and_literals("\n".join(lines))
    code_lines = code.split("\n")
    unsafe_rows: set[int] = set()
    regions: list[tuple[int, int]] = []
    derefs = 0
    for m in _UNSAFE.finditer(code):
        body = _body_after(code, m.end())
        if body is None or any(a <= m.start() < b for a, b in regions):
            continue  # a declaration without body, or nested in an unsafe region already counted
        start, end = body
        regions.append(body)
        unsafe_rows.update(range(code.count("\n", 0, m.start()), code.count("\n", 0, end) + 1))
        region = code[start:end]
        derefs += len(_DEREF.findall(region)) + len(_PTR_CALL.findall(region))
    rust = sum(1 for ln in code_lines if ln.strip())
    unsafe = sum(1 for r in unsafe_rows if code_lines[r].strip())
    return CodeMetrics(rust, unsafe, derefs)


def _body_after(code: str, pos: int) -> tuple[int, int] | None:
    """The braces of the block or fn body an `unsafe` at pos introduces; None for `unsafe fn f();`."""
    j = pos
    depth_paren = 0
    while j < len(code):
        ch = code[j]
        if ch in "([":
            depth_paren += 1
        elif ch in ")]":
            depth_paren -= 1
        elif ch == ";" and depth_paren == 0:
            return None
        elif ch == "{" and depth_paren == 0:
            break
        j += 1
    else:
        return None
    depth, k = 0, j
    while k < len(code):
        if code[k] == "{":
            depth += 1
        elif code[k] == "}":
            depth -= 1
            if depth == 0:
                return j, k + 1
        k += 1
    return j, len(code)


def clippy_counts(out: Path, spans: dict[str, Span]) -> tuple[dict[str, int] | None, str]:
    """Clippy warnings per function id, and a status line; None when clippy could not run."""
    result = run_cargo(out, "clippy", extra=["--lib"])
    if "no such command" in result.stderr and "clippy" in result.stderr:
        return None, "not installed (cargo clippy is missing; install it with `rustup component add clippy`)"
    if not result.ok and not result.diagnostics:
        return None, "failed: " + result.stderr.strip()[-500:]
    counts = dict.fromkeys(spans, 0)
    total = 0
    for d in result.diagnostics:
        if d.level != "warning" or d.file is None:
            continue
        total += 1
        for fid, sp in spans.items():
            if sp.file == d.file and sp.first <= d.line <= sp.last:
                counts[fid] += 1
                break
    return counts, f"ran: {total} warning(s)"


def metric_totals(records: Iterable[FunctionRecord]) -> dict[str, int | None]:
    """The code metrics summed over functions; clippy_warnings is None when clippy counted none of them."""
    records = list(records)
    totals: dict[str, int | None] = {"rust_lines": sum(r.rust_lines for r in records),
                                     "unsafe_lines": sum(r.unsafe_lines for r in records),
                                     "raw_derefs": sum(r.raw_derefs for r in records)}
    clippy = [r.clippy_warnings for r in records if r.clippy_warnings is not None]
    totals["clippy_warnings"] = sum(clippy) if clippy else None
    return totals
