"""Each function's Rust read once for everything the report asks of it: its SAFETY proofs, the soundness
net's findings and its highlighted HTML.

The three readers parse the text through rust_syntax's cache, which holds the last few texts only: asked one
after the other for one function, they share one parse; asked in three passes over thousands of functions
(report.json's, then the page's), each pass parsed every function again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from llmigrate import journal as jr
from llmigrate.report.highlight import highlight
from llmigrate.report.safety import proofs, unchecked
from llmigrate.signatures.net import Names


@dataclass(frozen=True)
class FunctionRust:
    """What the report shows of one function's Rust: its SAFETY proofs and unchecked unsafe operations (none
    unless it compiled), and its highlighted HTML (None without Rust)."""

    proofs: list[dict[str, Any]] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)
    html: str | None = None


def read_rust(rec: jr.FunctionRecord, names: Names | None) -> FunctionRust:
    """One function's Rust, read by all three readers in a row (one parse)."""
    translated = rec.status in (jr.Status.COMPILED, jr.Status.VERIFIED)
    return FunctionRust(proofs=proofs(rec.rust, "body") if translated and rec.rust else [],
                        unchecked=unchecked(rec.rust, names) if translated else [],
                        html=highlight(rec.rust, "rust") if rec.rust else None)


def read_all(run: jr.RunRecord, names: Names | None) -> dict[str, FunctionRust]:
    """Function id -> its Rust as read by `read_rust`, for every function of the run."""
    return {fid: read_rust(rec, names) for fid, rec in run.functions.items()}
