"""`llmigrate report OUT`: report.json, summary.md and index.html, rendered from the run journal alone.

Nothing is re-run: the journal's records hold statuses, rounds, tokens, verification and the C as migrated;
the only other inputs are files already on disk (the crate and its generated copy, for manual edits; SRC,
when it is still there, only to flag C changed since the migration).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from llmigrate import journal as jr
from llmigrate.core import LlmigrateError
from llmigrate.report.edits import EditReport, measure_edits
from llmigrate.report.reading import FunctionRust, read_all
from llmigrate.report.safety import boundary, crate_unsafe_names, ffi_entries
from llmigrate.verify.metrics import clippy_total, metric_totals

FORMATS = ("html", "md", "json")

# Assumed OpenAI list prices for gpt-4o (USD per 1M tokens: input, output), used only for the cost estimate.
GPT4O_USD_PER_MTOK = (2.50, 10.00)


def load_journal(out: Path) -> jr.Journal:
    """The journal of OUT, or a usage error saying what is missing or wrong with it."""
    path = jr.journal_path(out)
    if not path.is_file():
        raise LlmigrateError(f"{out}: not a migrated crate (no run journal at {path}); "
                             f"run `llmigrate migrate SRC --out {out}` first")
    return jr.Journal.load(out)


def report_status(rec: jr.FunctionRecord) -> jr.Status:
    """The report.json status: one of the four final ones; an unfinished function counts as failed."""
    return rec.status if rec.status in jr.FINAL_STATUSES else jr.Status.FAILED


def c_test_counts(run: jr.RunRecord) -> tuple[int, int]:
    """(passed, failed) of the C test runs recorded by verify."""
    passed = sum(1 for t in run.c_tests if t.passed)
    return passed, len(run.c_tests) - passed


def estimated_cost(tokens_in: int, tokens_out: int) -> float:
    """USD at GPT4O_USD_PER_MTOK."""
    return (tokens_in * GPT4O_USD_PER_MTOK[0] + tokens_out * GPT4O_USD_PER_MTOK[1]) / 1e6


def build_report(run: jr.RunRecord, edits: EditReport, ffi: dict[str, str] | None = None,
                 rust: dict[str, FunctionRust] | None = None) -> dict[str, Any]:
    """The report.json document (ARCHITECTURE.md contract) from the run's records, measured edits, the
    C ABI entries of src/ffi.rs by function id (`ffi`, for the boundary conversions) and each function's
    Rust as read (`rust`, reading.read_all: its proofs and the soundness net's findings; None: read here,
    without the crate's names, so without the net)."""
    ffi = ffi or {}
    rust = rust if rust is not None else read_all(run, None)
    ids = sorted(run.functions, key=lambda fid: (run.functions[fid].file, run.functions[fid].name))
    records = [run.functions[fid] for fid in ids]
    statuses = [report_status(r) for r in records]
    equivalence = [r.equivalence for r in records]
    shared = run.shared or jr.SharedRecord("", "", "")
    passed, failed = c_test_counts(run)
    totals = {
        "functions": len(records),
        **{s.value: statuses.count(s) for s in jr.FINAL_STATUSES},
        "equivalent": equivalence.count("equivalent"),
        "differs": equivalence.count("differs"),
        # everything neither shown equivalent nor differing, including functions verify never reached
        "untested": sum(1 for v in equivalence if v not in ("equivalent", "differs")),
        "rust_lines": sum(r.rust_lines for r in records),
        "unsafe_lines": sum(r.unsafe_lines for r in records),
        "repair_rounds": sum(len(r.rounds) for r in records),
        "tokens_in": sum(r.tokens_in for r in records) + shared.tokens_in,
        "tokens_out": sum(r.tokens_out for r in records) + shared.tokens_out,
        "c_tests_passed": passed,
        "c_tests_failed": failed,
        "manual_edit_ratio": edits.ratio,
    }
    functions = [{
        "name": r.name, "file": r.file, "status": s.value, "repair_rounds": len(r.rounds),
        "rust_lines": r.rust_lines, "unsafe_lines": r.unsafe_lines, "equivalence": r.equivalence,
        "counterexample": r.counterexample, "backend": r.backend, "fallback_reason": r.fallback_reason,
        "evidence": evidence(r), "refine": refined(r),
        "safety": safety(r, ffi.get(fid), rust[fid]),
        "reason": reason(r, run.verify),
    } for fid, r, s in zip(ids, records, statuses, strict=True)]
    totals["safety_proofs"] = sum(proof_count(f["safety"]) for f in functions)
    totals["unchecked_unsafe"] = sum(len(f["safety"]["unchecked"]) for f in functions)
    return {"source": run.source, "backend": run.backend, "model": run.model, "totals": totals,
            "functions": functions}


def evidence(rec: jr.FunctionRecord) -> dict[str, Any] | None:
    """What verified the function, as verify recorded it: the C tests passing on both sides that executed
    it, the differential inputs on which it answered like the C, and which of them sufficed (verified_by);
    None when it is not verified."""
    if rec.status != jr.Status.VERIFIED or rec.evidence is None:
        return None
    e = rec.evidence
    return {"c_tests": list(e.c_tests), "inputs_compared": e.inputs_compared,
            "whole_input_space": e.whole_input_space, "verified_by": list(e.verified_by)}


def safety(rec: jr.FunctionRecord, ffi_entry: str | None, rust: FunctionRust) -> dict[str, Any]:
    """The references the function's Rust makes from raw pointers, each with the rule that proves it, its
    C ABI entry as unsafe code (precondition, proofs of the boundary conversions; None: no entry) and the
    unsafe operations no rule checked inside its safe fns (`unchecked`: the soundness net's findings)."""
    translated = rec.status in (jr.Status.COMPILED, jr.Status.VERIFIED)
    return {"proofs": rust.proofs, "boundary": boundary(ffi_entry) if translated else None,
            "unchecked": rust.unchecked}


def proof_count(entry: dict[str, Any]) -> int:
    """How many SAFETY proofs one function's `safety` entry lists, its C ABI entry's included."""
    return len(entry["proofs"]) + len((entry["boundary"] or {}).get("proofs", []))


def refined(rec: jr.FunctionRecord) -> dict[str, Any] | None:
    """What the last `llmigrate refine` did to the function (its rewrite kept or rejected, why, unsafe lines
    before and after); None when it was never refined."""
    r = rec.refine
    if r is None:
        return None
    return {"outcome": r.outcome, "reason": r.reason, "unsafe_before": r.unsafe_before,
            "unsafe_after": r.unsafe_after, "backend": r.backend}


def reason(rec: jr.FunctionRecord, verify: jr.VerifyRecord | None) -> str | None:
    """Why the function is kept in C or failed, or why it is not (fully) verified; None when all is well."""
    if rec.status == jr.Status.KEPT_IN_C:  # later reasons are caveats of the kept C, the first says why
        return next((r for r in rec.reasons if r.startswith("kept in C")), _last(rec.reasons))
    if rec.status not in (jr.Status.COMPILED, jr.Status.VERIFIED):
        unfinished = "unfinished: the run stopped before this function was built"
        return _last(rec.reasons) or (None if rec.status == jr.Status.FAILED else unfinished)
    if rec.equivalence == "differs":
        return f"the Rust differs from the C: {rec.counterexample or 'no counterexample recorded'}"
    if rec.regressed_by:
        return f"C tests that executed it pass against the C but not the Rust: {', '.join(rec.regressed_by)}"
    if rec.equivalence == "untested":
        return f"differential tests did not run it: {rec.untested_reason or 'no reason recorded'}"
    if rec.equivalence is None:
        return f"verification failed: {verify.error}" if verify and verify.error else "verify has not run"
    if rec.status == jr.Status.COMPILED and rec.evidence is not None and not rec.evidence.verified_by:
        why = f" ({rec.untested_reason})" if rec.untested_reason else ""  # inputs a safety net left unrun
        return (f"equivalent on only {rec.evidence.inputs_compared} differential input(s) and no passing C "
                f"test executed it: not enough to verify{why}")
    return None


def _last(reasons: list[str]) -> str | None:
    return reasons[-1] if reasons else None


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def metrics_text(run: jr.RunRecord) -> str:
    """Raw-pointer dereferences summed over the functions and the crate's clippy warnings, as verify
    measured them."""
    m = metric_totals(run.functions.values())
    total = clippy_total(run.verify)
    ran = run.verify.clippy if run.verify else "not run"  # "not installed ...", "failed: ...", "not run"
    clippy = f"{total} clippy warnings" if total is not None else f"clippy {ran}"
    return f"{m['raw_derefs']} raw-pointer dereferences, {clippy}"


def net_line(report: dict[str, Any]) -> str:
    """What the soundness net found in safe fns, in one Markdown line, naming the functions when it found
    anything (a safe fn wrapping an unchecked unsafe operation is unsound: it needs a person's eyes)."""
    hits = [f"`{f['name']}`" for f in report["functions"] if f["safety"]["unchecked"]]
    if not hits:
        return "- Safe fns: no unsafe operation left unchecked (soundness net)"
    more = f" and {len(hits) - 10} more" if len(hits) > 10 else ""
    return (f"- **Safe fns wrapping unchecked unsafe operations: {report['totals']['unchecked_unsafe']}** in "
            f"{', '.join(hits[:10])}{more} (soundness net; review them)")


def refine_line(run: jr.RunRecord) -> str | None:
    """What `llmigrate refine` last did, in one Markdown line; None when no rewrite was asked for."""
    asked = [r.refine for r in run.functions.values() if r.refine and r.refine.outcome != "skipped"]
    if not asked:
        return None
    kept = [r for r in asked if r.outcome == "kept"]
    before, after = sum(r.unsafe_before for r in kept), sum(r.unsafe_after or 0 for r in kept)
    return (f"- Refined: {len(kept)} rewrite(s) kept, {len(asked) - len(kept)} rejected; unsafe lines of "
            f"the kept {before} -> {after}")


def render_summary(report: dict[str, Any], run: jr.RunRecord) -> str:
    """A short Markdown summary, fit for a pull-request comment."""
    t = report["totals"]
    n = t["functions"]
    ratio = t["manual_edit_ratio"]
    unfinished = sum(1 for r in run.functions.values() if r.status not in jr.FINAL_STATUSES)
    model = f" / `{report['model']}`" if report.get("model") else ""
    lines = [
        f"## llmigrate: `{report['source']}` (backend `{report['backend']}`{model})", "",
        "| functions | verified | compiled | kept in C | failed |", "|---:|---:|---:|---:|---:|",
        f"| {n} | {t['verified']} | {t['compiled']} | {t['kept_in_c']} | {t['failed']} |", "",
        f"- Differential tests: {t['equivalent']} equivalent, {t['differs']} differ, "
        f"{t['untested']} untested",
        f"- C tests against the Rust: {t['c_tests_passed']} passed, {t['c_tests_failed']} failed",
        f"- Rust: {t['rust_lines']} lines, {t['unsafe_lines']} in unsafe "
        f"({_pct(t['unsafe_lines'], t['rust_lines'])}); {metrics_text(run)}",
        net_line(report),
        f"- Repair rounds: {t['repair_rounds']}; tokens: {t['tokens_in']} in / {t['tokens_out']} out "
        f"(≈ ${estimated_cost(t['tokens_in'], t['tokens_out']):.2f} at gpt-4o prices)",
        "- Manual edits: " + ("no generated copy to compare with" if ratio is None
                              else f"{100 * ratio:.1f}% of the generated lines changed"),
    ]
    refined = refine_line(run)
    if refined:
        lines.append(refined)
    if unfinished:
        lines.append(f"- **{unfinished} function(s) unfinished** (run interrupted?); counted as failed")
    bad = [f for f in report["functions"] if f["status"] == jr.Status.FAILED or f["equivalence"] == "differs"]
    if bad:
        lines += ["", "<details><summary>Needs attention</summary>", ""]
        for f in bad[:30]:
            why = f"differs on `{f['counterexample']}`" if f["equivalence"] == "differs" else f["status"]
            lines.append(f"- `{f['name']}` ({f['file']}): {why}")
        if len(bad) > 30:
            lines.append(f"- … and {len(bad) - 30} more (see report/index.html)")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def write_reports(out: Path) -> dict[str, Any]:
    """Write OUT/report/{report.json,summary.md,index.html}; return the report.json data."""
    from llmigrate.report.html import render_html

    run = load_journal(Path(out)).run
    edits = measure_edits(Path(out))
    rust = read_all(run, crate_unsafe_names(Path(out)))  # each function's Rust parsed once, for both files
    report = build_report(run, edits, ffi_entries(Path(out)), rust)
    target = Path(out) / "report"
    target.mkdir(parents=True, exist_ok=True)
    (target / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (target / "summary.md").write_text(render_summary(report, run), encoding="utf-8")
    (target / "index.html").write_text(render_html(Path(out), run, report, edits, rust), encoding="utf-8")
    return report


def report_command(out: Path, fmt: str = "html") -> int:
    """CLI: write all three files; print the md or json one to stdout when asked for."""
    if fmt not in FORMATS:
        raise LlmigrateError(f"unknown report format '{fmt}' (choose from {', '.join(FORMATS)})")
    report = write_reports(out)
    target = Path(out) / "report"
    if fmt == "json":
        sys.stdout.write((target / "report.json").read_text(encoding="utf-8"))
    elif fmt == "md":
        sys.stdout.write((target / "summary.md").read_text(encoding="utf-8"))
    else:
        print(f"wrote {target / 'index.html'} ({report['totals']['functions']} functions)")
    return 0
