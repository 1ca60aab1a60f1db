"""OUT/report/index.html: one self-contained page (inline CSS and JS) rendered with jinja2 from the journal.

Everything shown comes from the run's records: the C side is the definition recorded at migrate time (with
its file, line and callees), so the report renders without SRC. SRC is only read, when present, to say that a
function's C has changed since the migration.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from llmigrate.journal import FINAL_STATUSES, FunctionRecord, RunRecord, Status
from llmigrate.report.edits import EditReport
from llmigrate.report.highlight import highlight, highlight_diff
from llmigrate.report.reading import FunctionRust
from llmigrate.report.reasons import visible_line
from llmigrate.report.render import GPT4O_USD_PER_MTOK, estimated_cost, metrics_text, report_status

TEMPLATES = Path(__file__).parent / "templates"
STATUSES = tuple(s.value for s in FINAL_STATUSES)
LABELS = {Status.VERIFIED: "verified", Status.COMPILED: "compiled", Status.KEPT_IN_C: "kept in C",
          Status.FAILED: "failed"}


def _anchors(ids: list[str]) -> dict[str, str]:
    seen: Counter[str] = Counter()
    out = {}
    for fid in ids:
        base = "fn-" + re.sub(r"[^A-Za-z0-9_-]", "-", fid)
        seen[base] += 1
        out[fid] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return out


def _diff(old: str, new: str, a: str, b: str) -> Markup:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), a, b, n=2)
    return Markup(highlight_diff("".join(lines)))


def _rounds(rec: FunctionRecord) -> list[dict[str, Any]]:
    """Each repair round: its diagnostics, and the diff from the previous round's code (a round's `code` is
    the code it was given, so each diff shows what the previous round's fix changed)."""
    out = []
    prev, prev_label = None, ""
    for r in rec.rounds:
        label = f"round {r.round}"
        diff = _diff(prev, r.code, prev_label, label) if prev is not None else None
        out.append({"round": r.round, "kind": r.kind, "fixed_by": r.fixed_by, "outcome": r.outcome,
                    "note": r.note, "diagnostics": r.diagnostics, "diff": diff,
                    "code": Markup(highlight(r.code, "rust")) if prev is None and r.code else None})
        prev, prev_label = r.code, label
    if out and prev is not None and rec.rust and rec.rust != prev:
        out.append({"round": "final code (after the last round)", "kind": None, "fixed_by": None,
                    "outcome": None, "note": None, "diagnostics": [],
                    "diff": _diff(prev, rec.rust, "last round", "final"), "code": None})
    return out


def _refine(rec: FunctionRecord) -> dict[str, Any] | None:
    """What refining did, for the page: the verdict and the rewrite (as a diff from the Rust it replaced
    when kept, as proposed when rejected)."""
    r = rec.refine
    if r is None:
        return None
    code = None
    if r.outcome == "kept" and r.previous and r.code:
        code = _diff(r.previous, r.code, "before refining", "refined")
    elif r.code:
        code = Markup(highlight(r.code, "rust"))
    return {"record": r, "code": code}


def _call_graph(records: dict[str, FunctionRecord]) -> dict[str, list[str]]:
    """Function id -> ids of its callees that are in the journal."""
    return {fid: sorted(c for c in rec.callees if c in records and c != fid) for fid, rec in records.items()}


class CurrentC:
    """SRC as it is now, read only to tell whether a function's C changed since it was migrated."""

    def __init__(self, source: str):
        self.root = Path(source)
        self.found = self.root.is_dir()  # asked once, not once per function
        self.texts: dict[str, str | None] = {}

    def changed(self, rec: FunctionRecord) -> str | None:
        """Why the recorded C may not be SRC's any more, or None when it still is."""
        if not self.found:
            return f"C sources not found at {str(self.root)!r}: the C as migrated"
        if rec.file not in self.texts:
            try:
                self.texts[rec.file] = (self.root / rec.file).read_text(encoding="utf-8", errors="replace")
            except OSError:
                self.texts[rec.file] = None
        text = self.texts[rec.file]
        if text is None or rec.c_source not in text:
            return "the C changed since the migration (shown as migrated)"
        return None


def _c_side(rec: FunctionRecord, current: CurrentC) -> dict[str, Any]:
    if not rec.c_source:
        return {"code": None, "line": None,
                "note": "the C was not recorded in this journal (written by an older llmigrate)"}
    return {"code": Markup(highlight(rec.c_source, "c")), "note": current.changed(rec),
            "line": rec.start_line or None}


def function_views(run: RunRecord, edits: EditReport,
                   rust: dict[str, FunctionRust] | None = None) -> list[dict[str, Any]]:
    """Everything the template shows per function, sorted by module then name; `rust`: each function's Rust
    as read for report.json (reading.read_all), its highlighting included (None: highlighted here)."""
    records = run.functions
    current = CurrentC(run.source)
    graph = _call_graph(records)
    callers: dict[str, list[str]] = {fid: [] for fid in records}
    for fid, callees in graph.items():
        for c in callees:
            callers[c].append(fid)
    order = sorted(records, key=lambda f: (records[f].module, records[f].name or f))
    anchors = _anchors(order)
    views = []
    for fid in order:
        rec = records[fid]
        edit = edits.functions.get(fid)
        views.append({
            "id": fid, "anchor": anchors[fid], "name": rec.name or fid, "file": rec.file,
            "module": rec.module or rec.file or "?", "status": report_status(rec).value,
            "raw_status": rec.status.value, "entry": rec, "c": _c_side(rec, current),
            "why": visible_line(rec, run.verify),
            "rust": Markup(_rust_html(fid, rec, rust)) if rec.rust else None,
            "rounds": _rounds(rec), "refine": _refine(rec), "reasons": rec.reasons,
            "diagnostics": rec.diagnostics,
            "callees": [(c, anchors[c]) for c in graph[fid]],
            "callers": [(c, anchors[c]) for c in sorted(callers[fid])],
            "edit": edit,
            "edit_diff": Markup(highlight_diff(edit.diff)) if edit and edit.changed_lines else None,
        })
    return views


def _rust_html(fid: str, rec: FunctionRecord, rust: dict[str, FunctionRust] | None) -> str:
    read = rust.get(fid) if rust is not None else None
    return read.html if read is not None and read.html is not None else highlight(rec.rust, "rust")


def module_chart(views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per module: status counts, for the stacked bars."""
    mods: dict[str, Counter[str]] = {}
    for v in views:
        mods.setdefault(v["module"], Counter())[v["status"]] += 1
    return [{"module": m, "total": sum(c.values()), "counts": [(s, c[s]) for s in STATUSES if c[s]]}
            for m, c in sorted(mods.items())]


def render_html(out: Path, run: RunRecord, report: dict[str, Any], edits: EditReport,
                rust: dict[str, FunctionRust] | None = None) -> str:
    """The whole page as one string (`rust`: as for function_views)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    views = function_views(run, edits, rust)
    t = report["totals"]
    return env.get_template("report.html.j2").render(
        out=str(out), run=run, report=report, totals=t, views=views, chart=module_chart(views),
        statuses=STATUSES, labels=LABELS, modules=sorted({v["module"] for v in views}), edits=edits,
        file_diffs={k: Markup(highlight_diff(v)) for k, v in edits.file_diffs.items()},
        cost=estimated_cost(t["tokens_in"], t["tokens_out"]), prices=GPT4O_USD_PER_MTOK,
        metrics=metrics_text(run),
        unsafe_share=(t["unsafe_lines"] / t["rust_lines"]) if t["rust_lines"] else None,
        c_tests=run.c_tests,
        css=Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),
        js=Markup((TEMPLATES / "report.js").read_text(encoding="utf-8")))
