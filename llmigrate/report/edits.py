"""The manual-edit measure (the paper's headline metric), per file and per function marker span.

Functions are found by their marker spans (reintegrate/crate_format.py). Manual edits compare OUT/src (now)
with OUT/.llmigrate/generated/src (as llmigrate wrote it).

Definition of "changed lines" (used per function and in total): diff the two texts line by line
(`difflib.SequenceMatcher`, whole lines, no whitespace folding); every differing hunk counts
`max(lines removed, lines added)`: a line edited in place counts once, a pure insertion or deletion counts its
lines. `manual_edit_ratio = changed lines / generated lines` over every `.rs` file of the generated
copy, i.e. the share of the generated code that a person had to touch; it exceeds 1.0 only when more code
was added than was generated. Per function the same formula runs over its span; a function whose markers
are gone from OUT/src can no longer be attributed and counts as fully changed (changed = its generated
lines).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.reintegrate.crate_format import Span, find_spans


@dataclass
class FunctionEdit:
    id: str
    file: str
    generated_lines: int
    changed_lines: int
    state: str  # "unchanged" | "edited" | "markers_removed"
    diff: str = ""  # unified diff generated -> current

    @property
    def ratio(self) -> float:
        return self.changed_lines / self.generated_lines if self.generated_lines else 0.0


@dataclass
class EditReport:
    """Manual edits of a crate; `available` is False when there is no generated copy to compare with."""

    available: bool
    generated_lines: int = 0
    changed_lines: int = 0
    functions: dict[str, FunctionEdit] = field(default_factory=dict)
    file_diffs: dict[str, str] = field(default_factory=dict)  # edited files only: relative path -> diff

    @property
    def ratio(self) -> float | None:
        if not self.available:
            return None
        return round(self.changed_lines / self.generated_lines, 4) if self.generated_lines else 0.0


def changed_lines(old: list[str], new: list[str]) -> int:
    """Lines changed between two line lists, by the definition in the module docstring."""
    if old == new:  # the usual case, and SequenceMatcher without autojunk is slow on long files of `}` lines
        return 0
    n = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            n += max(i2 - i1, j2 - j1)
    return n


def unified(old: str, new: str, old_name: str, new_name: str) -> str:
    """A unified diff of two texts with 2 lines of context (empty when equal)."""
    if old == new:
        return ""
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        old_name, new_name, n=2))


def generated_dir(out: Path) -> Path:
    return out / ".llmigrate" / "generated"


def measure_edits(out: Path) -> EditReport:
    """Compare OUT/src with OUT/.llmigrate/generated/src, per file (total) and per function span."""
    gen_root = generated_dir(out)
    if not (gen_root / "src").is_dir():
        return EditReport(available=False)
    report = EditReport(available=True)
    for gpath in sorted((gen_root / "src").rglob("*.rs")):
        rel = gpath.relative_to(gen_root).as_posix()
        old = gpath.read_text(encoding="utf-8", errors="replace")
        cpath = out / rel
        new = cpath.read_text(encoding="utf-8", errors="replace") if cpath.is_file() else ""
        old_lines, new_lines = old.splitlines(), new.splitlines()
        report.generated_lines += len(old_lines)
        report.changed_lines += changed_lines(old_lines, new_lines)
        if old != new:
            report.file_diffs[rel] = unified(old, new, f"generated/{rel}", rel)
        _measure_functions(report, find_spans(old, rel), find_spans(new, rel))
    return report


def _measure_functions(report: EditReport, old: dict[str, Span], new: dict[str, Span]) -> None:
    for fid, span in old.items():
        gen_lines = span.text.splitlines()
        cur = new.get(fid)
        name = f"{fid} ({span.file})"
        if cur is None:
            diff = unified(span.text, "", name, "(markers removed)")
            report.functions[fid] = FunctionEdit(fid, span.file, len(gen_lines), len(gen_lines),
                                                 "markers_removed", diff)
            continue
        n = changed_lines(gen_lines, cur.text.splitlines())
        diff = unified(span.text, cur.text, f"generated {name}", f"current {name}")
        report.functions[fid] = FunctionEdit(fid, span.file, len(gen_lines), n,
                                             "edited" if n else "unchanged", diff)
