"""Per-function metrics of the crate: Rust lines, lines in unsafe code, raw dereferences, clippy warnings.

Functions are found by their marker spans in OUT/src (reintegrate/crate_format.py); their Rust is read
through `rust_syntax`, so comments and literals never count as code.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from llmigrate.cargo import run_cargo
from llmigrate.journal import FunctionRecord
from llmigrate.reintegrate.crate_format import Span
from llmigrate.rust_syntax import CodeMetrics as CodeMetrics  # re-exported for the stages that read metrics
from llmigrate.rust_syntax import code_metrics as code_metrics


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
            if sp.file == d.file and sp.begin <= d.line <= sp.end:
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
