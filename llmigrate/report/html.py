"""OUT/report/index.html: one self-contained page (inline CSS and JS) rendered with jinja2 from the journal.

The C side comes from SRC (the journal keeps only its hash): a function is shown from the current SRC and
flagged when its hash no longer matches. Callers and callees come from the journal's `callees` keys when the
run stored them, else from analysing SRC.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from llmigrate.core import LlmigrateError
from llmigrate.report.edits import EditReport
from llmigrate.report.highlight import highlight, highlight_diff
from llmigrate.report.render import GPT4O_USD_PER_MTOK, estimated_cost, metrics_text, report_status

TEMPLATES = Path(__file__).parent / "templates"
STATUSES = ("verified", "compiled", "kept_in_c", "failed")
LABELS = {"verified": "verified", "compiled": "compiled", "kept_in_c": "kept in C", "failed": "failed"}


def _analysis(source: str | None) -> tuple[dict[str, Any], str | None]:
    """C functions of SRC by id, or ({}, why not) when SRC cannot be read."""
    if not source or not Path(source).is_dir():
        return {}, f"C sources not found at {source!r}"
    try:
        from llmigrate.analyze.codebase import analyze_dir
    except ImportError as e:
        return {}, f"C analysis unavailable: {e}"
    try:
        return analyze_dir(Path(source)).functions, None
    except LlmigrateError as e:
        return {}, f"C analysis failed: {e}"


def _anchors(ids: list[str]) -> dict[str, str]:
    seen: Counter[str] = Counter()
    out = {}
    for fid in ids:
        base = "fn-" + re.sub(r"[^A-Za-z0-9_-]", "-", fid)
        seen[base] += 1
        out[fid] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return out


def _text(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("rendered") or item.get("message") or item)
    return str(item)


def _diff(old: str, new: str, a: str, b: str) -> Markup:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), a, b, n=2)
    return Markup(highlight_diff("".join(lines)))


def _rounds(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """Each repair round: its diagnostics, and the diff from the previous round's code (a round's `code` is
    the code it was given, so each diff shows what the previous round's fix changed)."""
    out = []
    prev, prev_label = None, ""
    for r in entry.get("rounds") or []:
        code, label = r.get("code") or "", f"round {r.get('round', '?')}"
        diff = _diff(prev, code, prev_label, label) if prev is not None else None
        out.append({"round": r.get("round"), "kind": r.get("kind"), "fixed_by": r.get("fixed_by"),
                    "outcome": r.get("outcome"), "note": r.get("note"),
                    "diagnostics": [_text(d) for d in r.get("diagnostics") or []],
                    "diff": diff, "code": Markup(highlight(code, "rust")) if prev is None and code else None})
        prev, prev_label = code, label
    if out and prev is not None and entry.get("rust") and entry["rust"] != prev:
        out.append({"round": "final code (after the last round)", "kind": None, "fixed_by": None,
                    "outcome": None, "note": None, "diagnostics": [],
                    "diff": _diff(prev, entry["rust"], "last round", "final"), "code": None})
    return out


def _call_graph(entries: dict[str, dict[str, Any]], analysed: dict[str, Any]) -> dict[str, list[str]]:
    """Function id -> ids of its callees that are in the journal (journal keys first, else the analysis)."""
    stored = any(e.get("callees") for e in entries.values())
    graph = {}
    for fid, e in entries.items():
        callees = e.get("callees") if stored else getattr(analysed.get(fid), "callees", [])
        graph[fid] = sorted(c for c in callees or [] if c in entries and c != fid)
    return graph


def _c_side(fid: str, entry: dict[str, Any], analysed: dict[str, Any], why: str | None) -> dict[str, Any]:
    fn = analysed.get(fid)
    if fn is None:
        return {"code": None, "note": why or "not found in the current C sources", "line": None}
    note = None if fn.hash == entry.get("c_hash") else "the C changed since the migration (hash differs)"
    return {"code": Markup(highlight(fn.source, "c")), "note": note, "line": fn.start_line}


def function_views(data: dict[str, Any], edits: EditReport) -> list[dict[str, Any]]:
    """Everything the template shows per function, sorted by module then name."""
    entries = data.get("functions", {})
    analysed, why = _analysis(data.get("source"))
    graph = _call_graph(entries, analysed)
    callers: dict[str, list[str]] = {fid: [] for fid in entries}
    for fid, callees in graph.items():
        for c in callees:
            callers[c].append(fid)
    order = sorted(entries, key=lambda f: (entries[f].get("module") or "", entries[f].get("name") or f))
    anchors = _anchors(order)
    views = []
    for fid in order:
        e = entries[fid]
        edit = edits.functions.get(fid)
        views.append({
            "id": fid, "anchor": anchors[fid], "name": e.get("name") or fid, "file": e.get("file"),
            "module": e.get("module") or e.get("file") or "?", "status": report_status(e),
            "raw_status": e.get("status"), "entry": e, "c": _c_side(fid, e, analysed, why),
            "rust": Markup(highlight(e["rust"], "rust")) if e.get("rust") else None,
            "rounds": _rounds(e), "reasons": [_text(r) for r in e.get("reasons") or []],
            "diagnostics": [_text(d) for d in e.get("diagnostics") or []],
            "callees": [(c, anchors[c]) for c in graph[fid]],
            "callers": [(c, anchors[c]) for c in sorted(callers[fid])],
            "edit": edit,
            "edit_diff": Markup(highlight_diff(edit.diff)) if edit and edit.changed_lines else None,
        })
    return views


def module_chart(views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per module: status counts, for the stacked bars."""
    mods: dict[str, Counter[str]] = {}
    for v in views:
        mods.setdefault(v["module"], Counter())[v["status"]] += 1
    return [{"module": m, "total": sum(c.values()), "counts": [(s, c[s]) for s in STATUSES if c[s]]}
            for m, c in sorted(mods.items())]


def render_html(out: Path, data: dict[str, Any], report: dict[str, Any], edits: EditReport) -> str:
    """The whole page as one string."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    views = function_views(data, edits)
    t = report["totals"]
    return env.get_template("report.html.j2").render(
        out=str(out), data=data, report=report, totals=t, views=views, chart=module_chart(views),
        statuses=STATUSES, labels=LABELS, modules=sorted({v["module"] for v in views}), edits=edits,
        file_diffs={k: Markup(highlight_diff(v)) for k, v in edits.file_diffs.items()},
        cost=estimated_cost(t["tokens_in"], t["tokens_out"]), prices=GPT4O_USD_PER_MTOK,
        metrics=metrics_text(data),
        unsafe_share=(t["unsafe_lines"] / t["rust_lines"]) if t["rust_lines"] else None,
        c_tests=[x for x in data.get("c_tests") or [] if isinstance(x, dict)],
        css=Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),
        js=Markup((TEMPLATES / "report.js").read_text(encoding="utf-8")))
