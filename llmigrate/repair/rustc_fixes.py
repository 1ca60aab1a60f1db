"""rustc's machine-applicable suggestions, applied inside the failing unit's own marker spans only."""

from __future__ import annotations

from llmigrate.cargo import CargoDiagnostic
from llmigrate.reintegrate.crate_format import Span, find_spans, function_blocks
from llmigrate.reintegrate.crate_state import CrateState


def rustc_fixes(state: CrateState, errors: dict[str, list[CargoDiagnostic]]) -> dict[str, dict[str, str]]:
    """Apply machine-applicable suggestions of each unit's errors inside its own spans; new code by unit."""
    blocks = function_blocks(state.files)
    unit_of = state.unit_of
    by_file: dict[str, list[tuple[int, int, str, str]]] = {}
    for uid, diags in errors.items():
        for d in diags:
            for s in d.suggestions:
                text = state.files.get(s.file, "")
                if _inside(text, blocks, s.file, s.byte_start, s.byte_end, uid, unit_of):
                    by_file.setdefault(s.file, []).append((s.byte_start, s.byte_end, s.replacement, uid))
    fixed: dict[str, dict[str, str]] = {}
    for rel, edits in by_file.items():
        data = state.files[rel].encode("utf-8")
        last = len(data) + 1
        for start, end, text, _ in sorted(set(edits), reverse=True):
            if end > last:
                continue  # overlaps an edit already applied
            data, last = data[:start] + text.encode("utf-8") + data[end:], start
        spans = find_spans(data.decode("utf-8", errors="replace"), rel)
        for uid in {e[3] for e in edits}:
            for fid, span in spans.items():
                if unit_of.get(fid) == uid:
                    fixed.setdefault(uid, {})[fid] = span.text
    return fixed


def _inside(text: str, blocks: dict[str, list[Span]], file: str, start: int, end: int, uid: str,
            unit_of: dict[str, str]) -> bool:
    """True when bytes start..end of `file` lie in a module span of a function of unit `uid`."""
    prefix = text.encode("utf-8")[:start]
    line_start = prefix.count(b"\n") + 1
    line_end = line_start + text.encode("utf-8")[start:end].count(b"\n")
    return any(unit_of.get(fid) == uid and s.holds(file, line_start) and s.holds(file, line_end)
               and not s.file.endswith("ffi.rs") for fid, spans in blocks.items() for s in spans)
