"""One unit's refinement: ask the model for a safer rewrite, then keep it only if it passes every test.

The cheap tests come first: the guard (every function there with its signature, nothing left as a
placeholder), the unsafe lines of the rewrite after rustfmt (strictly fewer than now), `cargo check` of the
crate, and last the differential tests against the C (every function of the unit equivalent). The first
that fails rejects the rewrite, and the current Rust goes back in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from llmigrate.core import (
    LlmigrateError,
    RejectOutput,
    RepairRequest,
    RunContext,
    SharedTranslation,
    Translation,
    Unit,
)
from llmigrate.reintegrate.crate import format_crate
from llmigrate.reintegrate.crate_format import find_spans
from llmigrate.reintegrate.crate_state import CrateState
from llmigrate.repair.loop import add_tokens
from llmigrate.rust_syntax import code_metrics
from llmigrate.translate import guard
from llmigrate.translate.driver import unit_request
from llmigrate.verify.difftest.driver import differential


@runtime_checkable
class Rewriter(Protocol):
    """A backend that can rewrite a unit's current Rust (the model backends: openai, scripted)."""

    name: str

    def refine_unit(self, request: RepairRequest) -> Translation: ...


@dataclass
class Refiner:
    """What refining works with: the run, the crate as it is, the model and the shared module."""

    ctx: RunContext
    state: CrateState
    backend: Rewriter
    shared: SharedTranslation
    say: Callable[[str], None]
    tried: bool = False  # a rewrite reached OUT: the crate is rebuilt and verified again at the end


@dataclass
class Verdict:
    """What became of one unit's rewrite; `before`/`after` are unsafe lines per function id."""

    outcome: str  # "kept" | "rejected" | "skipped"
    reason: str | None
    before: dict[str, int]
    after: dict[str, int] = field(default_factory=dict)
    code: dict[str, str] = field(default_factory=dict)  # the rewrite (rustfmt-ed once installed)
    previous: dict[str, str] = field(default_factory=dict)  # the Rust it would replace
    origin: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # backend, fallback before

    def line(self, unit_id: str) -> str:
        """`max_of: kept (9 -> 3 unsafe lines)`, for progress and the summary."""
        counts = f"{sum(self.before.values())} -> {sum(self.after.values())} unsafe lines" if self.after \
            else f"{sum(self.before.values())} unsafe lines"
        why = f": {self.reason}" if self.reason else ""
        return f"{unit_id}: {self.outcome} ({counts}){why}"


def unsafe_lines(code: str) -> int:
    """Lines of unsafe code in one function's Rust, counted as verify counts them."""
    return code_metrics(code.splitlines()).unsafe_lines


def refine_unit(r: Refiner, unit: Unit) -> Verdict:
    """Ask for a safer rewrite of the unit and keep it only when it earns its place."""
    current = {fid: r.state.code[fid] for fid in unit.functions}
    before = {fid: unsafe_lines(c) for fid, c in current.items()}
    if not sum(before.values()):
        return Verdict("skipped", "no unsafe lines to remove", before, previous=current)
    proposal, why = _ask(r, unit, current)
    if proposal is None:
        return Verdict("rejected", why, before, previous=current)
    r.tried = True
    verdict = _judge(r, unit, Verdict("kept", None, before, previous=current,
                                      code=_install_formatted(r.state, unit, proposal)))
    if verdict.outcome != "kept":
        restore(r.state, current)
    return verdict


def restore(state: CrateState, code: dict[str, str]) -> None:
    """Put `code` back in the crate state and OUT."""
    state.code.update(code)
    state.write()


def _ask(r: Refiner, unit: Unit, current: dict[str, str]) -> tuple[dict[str, str] | None, str | None]:
    """The model's rewrite of the whole unit, or None and why there is none that passes the guard."""
    request = unit_request(r.state.codebase, unit, r.state.signatures, r.shared)
    try:
        t = r.backend.refine_unit(RepairRequest(request, dict(current), []))
    except LlmigrateError:
        raise  # a refused key or unknown model stops the command, as in migrate
    except Exception as e:  # one unit's trouble must not stop the others
        return None, f"the backend failed: {type(e).__name__}: {e}"
    add_tokens(r.ctx.journal, unit, t)
    if not t.ok or not t.code:
        return None, "; ".join(t.reasons) or "the reply held no Rust for the unit"
    merged = {**current, **{fid: c for fid, c in t.code.items() if fid in current}}
    if merged == current:
        return None, "the model answered with the current code"
    try:
        guard.check(request, merged)
    except RejectOutput as e:
        return None, f"rejected by the guard: {e}"
    return merged, None


def _install_formatted(state: CrateState, unit: Unit, code: dict[str, str]) -> dict[str, str]:
    """Install the rewrite in OUT and rustfmt its files, so its lines count as the current code's did."""
    state.code.update(code)
    state.write()
    files = sorted(rel for rel, text in state.files.items() if rel.endswith(".rs")
                   and set(find_spans(text, rel)) & set(unit.functions))
    format_crate(state.out, files)
    spans = {}
    for rel in files:
        spans.update(find_spans((state.out / rel).read_text(encoding="utf-8"), rel))
    formatted = {fid: spans[fid].text if fid in spans else code[fid] for fid in unit.functions}
    state.code.update(formatted)
    return formatted


def _judge(r: Refiner, unit: Unit, v: Verdict) -> Verdict:
    v.after = {fid: unsafe_lines(c) for fid, c in v.code.items()}
    before, after = sum(v.before.values()), sum(v.after.values())
    if after >= before:
        return _reject(v, f"not less unsafe: {before} -> {after} unsafe lines")
    checked = r.state.check()
    if not checked.result.ok:
        errors = [d.rendered or d.message for d in checked.result.errors] or [checked.result.stderr]
        return _reject(v, f"does not compile: {errors[0].strip().splitlines()[0]}")
    why = _not_equivalent(r, unit)
    return _reject(v, why) if why else v


def _reject(v: Verdict, why: str) -> Verdict:
    v.outcome, v.reason = "rejected", why
    return v


def _not_equivalent(r: Refiner, unit: Unit) -> str | None:
    """Why the differential tests do not show every function of the unit equivalent to its C, or None."""
    for fid, d in sorted(differential(r.ctx, list(unit.functions)).items()):
        if d.equivalence == "differs":
            return f"{fid} differs from the C: {d.counterexample or 'no counterexample recorded'}"
        if d.equivalence != "equivalent":
            return f"{fid} not shown equivalent to the C: {d.untested_reason or 'untested'}"
    return None
