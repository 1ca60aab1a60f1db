"""Per-function metrics of the crate: Rust lines, lines in unsafe code, raw dereferences, clippy warnings.

Functions are found by their marker spans in OUT/src (reintegrate/crate_format.py); their Rust is read
through `rust_syntax`, so comments and literals never count as code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from llmigrate.cargo import run_cargo
from llmigrate.journal import FunctionRecord, VerifyRecord
from llmigrate.reintegrate.crate import C_ABI_ALLOWS
from llmigrate.reintegrate.crate_format import Span
from llmigrate.rust_syntax import CodeMetrics as CodeMetrics  # re-exported for the stages that read metrics
from llmigrate.rust_syntax import blank
from llmigrate.rust_syntax import code_metrics as code_metrics

_ALLOW = re.compile(r"#!?\[\s*allow\s*\(([^)]*)\)\s*\]")


@dataclass
class ClippyRun:
    """One `cargo clippy` of the crate. `total` is every warning in the crate (ffi.rs and the shared items
    have theirs too) plus every allowed lint the C ABI does not force: the one count verify, the report and
    the bench show; `per_function` attributes the warnings inside marker spans."""

    per_function: dict[str, int] | None  # None: clippy could not run
    status: str
    total: int | None = None


def clippy_counts(out: Path, spans: dict[str, Span]) -> ClippyRun:
    """Clippy warnings per function id and in all, and a status line."""
    result = run_cargo(out, "clippy", extra=["--lib"])
    if "no such command" in result.stderr and "clippy" in result.stderr:
        return ClippyRun(None, "not installed (cargo clippy is missing; install it with `rustup component "
                         "add clippy`)")
    if not result.ok and not result.diagnostics:
        return ClippyRun(None, "failed: " + result.stderr.strip()[-500:])
    counts = dict.fromkeys(spans, 0)
    total = unforced_allows(out / "src")
    for d in result.diagnostics:
        if d.level != "warning" or d.file is None:
            continue
        total += 1
        for fid, sp in spans.items():
            if sp.file == d.file and sp.begin <= d.line <= sp.end:
                counts[fid] += 1
                break
    return ClippyRun(counts, f"ran: {total} warning(s)", total)


def unforced_allows(src: Path) -> int:
    """Lints the crate's Rust allows (crate-wide or on an item) that the C ABI does not force: each hides
    warnings, so each counts as one (reintegrate.crate.C_ABI_ALLOWS lists the forced ones and why)."""
    count = 0
    for path in sorted(src.glob("*.rs")) if src.is_dir() else []:
        code = blank(path.read_text(encoding="utf-8", errors="replace"))
        for group in _ALLOW.findall(code):
            count += sum(1 for lint in group.split(",") if lint.strip() and lint.strip() not in C_ABI_ALLOWS)
    return count


def clippy_total(verify: VerifyRecord | None) -> int | None:
    """The crate's clippy warnings as the last verification counted them; None when clippy did not run."""
    if verify is None or not verify.clippy.startswith("ran"):
        return None
    return int(verify.metrics.get("clippy_warnings") or 0)


def metric_totals(records: Iterable[FunctionRecord]) -> dict[str, int | None]:
    """The code metrics summed over functions; clippy_warnings is None when clippy counted none of them."""
    records = list(records)
    totals: dict[str, int | None] = {"rust_lines": sum(r.rust_lines for r in records),
                                     "unsafe_lines": sum(r.unsafe_lines for r in records),
                                     "raw_derefs": sum(r.raw_derefs for r in records)}
    clippy = [r.clippy_warnings for r in records if r.clippy_warnings is not None]
    totals["clippy_warnings"] = sum(clippy) if clippy else None
    return totals
