"""The line the HTML report shows under each function without opening it: what verified it, or why it was
kept in C, failed, differs or went untested (report.json's `evidence` and `reason`, in words)."""

from __future__ import annotations

from llmigrate.journal import FunctionRecord, Status, VerifyRecord
from llmigrate.report.render import reason, report_status


def verified_by(rec: FunctionRecord) -> str:
    """`verified by C tests (tests/a.c) and 412 differential inputs`, from the recorded evidence."""
    ev = rec.evidence
    parts = []
    if ev is not None and "c_tests" in ev.verified_by:
        parts.append(f"C tests ({', '.join(ev.c_tests)})")
    if ev is not None and "differential" in ev.verified_by:
        every = " (every input there is)" if ev.whole_input_space else ""
        parts.append(f"{ev.inputs_compared} differential inputs{every}")
    return "verified by " + " and ".join(parts) if parts else "verified (no evidence recorded)"


def visible_line(rec: FunctionRecord, verify: VerifyRecord | None) -> str:
    """What verified the function, or why it is not verified; empty when there is nothing to say."""
    if report_status(rec) == Status.VERIFIED:
        return verified_by(rec)
    return reason(rec, verify) or ""
