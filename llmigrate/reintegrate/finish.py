"""End of a run: final statuses, rustfmt, the generated copy, OUT/llmigrate.lock and the real cargo build."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from llmigrate.cargo import CargoResult, run_cargo
from llmigrate.journal import CargoOutcome, Journal, Status
from llmigrate.progress import say
from llmigrate.reintegrate import crate_format, link_check, outdir
from llmigrate.reintegrate.crate import format_crate
from llmigrate.reintegrate.crate_format import LockEntry, find_spans, span_hash
from llmigrate.reintegrate.crate_state import CrateState
from llmigrate.rust_syntax import code_metrics


def set_statuses(state: CrateState, journal: Journal, skeleton_errors: list[str]) -> None:
    """compiled / kept_in_c / failed for every function, with the reasons the report shows."""
    with journal.lock:
        for fid in state.signatures:
            rec = journal.functions[fid]
            if skeleton_errors:
                rec.status = Status.FAILED
                first = skeleton_errors[0].strip().splitlines()[0]
                rec.reasons.append("the crate skeleton (shared items and signatures) does not build, so "
                                   f"no function can compile: {first}")
            elif fid in state.c_failures and fid in state.kept:
                rec.status = Status.FAILED
                rec.reasons.append(_not_migrated(rec.reasons, state.c_failures[fid]))
            elif fid in state.kept:
                rec.status = Status.KEPT_IN_C
                rec.reasons += [f"kept in C: {n}" for n in state.c_notes.get(fid, [])]
            else:
                rec.status = Status.COMPILED
                rec.reasons += [n for n in state.c_notes.get(fid, []) if n not in rec.reasons]  # a C shim
                rec.reasons += _raw_path_reasons(state, fid)
        journal.save()


def _raw_path_reasons(state: CrateState, fid: str) -> list[str]:
    """What to know of the C original a translated function's overlap check falls back to."""
    if fid in state.c_failures:
        first = state.c_failures[fid].strip().splitlines()[0]
        return [f"overlapping arguments stop the program: the C original its C ABI entry would run for them "
                f"({first})"]
    return [f"C original for overlapping arguments: {n}" for n in state.c_notes.get(fid, [])]


def _not_migrated(reasons: list[str], c_failure: str) -> str:
    """Why a function is in neither language: why not Rust (its first reason), then why not C."""
    why_not_rust = next((r for r in reasons if not r.startswith("kept in C")), None)
    why_not_c = f"cannot be kept in C: {c_failure}"
    return f"{why_not_rust}; and it {why_not_c}" if why_not_rust else why_not_c


def format_and_record(state: CrateState, journal: Journal) -> None:
    """rustfmt the crate, then store each function's final text, hash and line counts in the journal."""
    rust_files = sorted(rel for rel in state.files if rel.endswith(".rs") and rel.startswith("src/"))
    # lib.rs is generated formatted; rustfmt on it would also walk every module it declares.
    failures = format_crate(state.out, [rel for rel in rust_files if rel != "src/lib.rs"], state.config.jobs)
    texts = {rel: (state.out / rel).read_text(encoding="utf-8") for rel in rust_files}
    state.files.update(texts)
    spans = {}
    for rel, text in texts.items():
        spans.update(find_spans(text, rel))
    with journal.lock:
        journal.run.format = failures
        for fid, span in spans.items():
            if fid not in journal.functions:
                continue
            if fid in state.code and fid not in state.kept:
                state.code[fid] = span.text  # later writes (differential repairs) keep the formatting
            m = code_metrics(span.text.splitlines())  # the same counts verify records
            journal.functions[fid].update(rust=span.text, rust_hash=span_hash(span.text),
                                          rust_lines=m.rust_lines, unsafe_lines=m.unsafe_lines,
                                          raw_derefs=m.raw_derefs)
        journal.save()


def save_generated_copy(out: Path) -> None:
    """OUT/.llmigrate/generated/src: a byte copy of OUT/src as llmigrate wrote it."""
    dest = out / ".llmigrate" / "generated" / "src"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(out / "src", dest)


def write_lock(state: CrateState, journal: Journal, source: str) -> None:
    """OUT/llmigrate.lock: per C function its source hash and the hash of the Rust between its markers."""
    functions = {}
    for fid in sorted(state.signatures):
        rec = journal.functions[fid]
        functions[fid] = LockEntry(file=rec.file, c_hash=state.codebase.functions[fid].hash,
                                   rust_hash=rec.rust_hash)
    crate_format.write_lock(state.out, source, functions)


def final_build(state: CrateState, journal: Journal) -> CargoResult:
    """`cargo build` of OUT, then the proof that C can link the staticlib (link_check); the outcome goes into
    the journal: `build.ok` only when both hold, `build.links` and `build.link_errors` for the second."""
    result = run_cargo(state.out, "build", target_dir=state.target)
    errors = [d.rendered or d.message for d in result.errors]
    if not result.ok and not errors:
        errors = [result.stderr.strip()[-3000:]]
    linked = link_check.check_crate(state) if result.ok else link_check.LinkCheck(False)
    for error in linked.errors[:10]:
        say(f"build: the library does not link: {error}")
    if len(linked.errors) > 10:
        say(f"build: ... and {len(linked.errors) - 10} more link errors (journal: build.link_errors)")
    with journal.lock:
        journal.run.build = CargoOutcome(result.ok and linked.links, errors, round(result.seconds, 2),
                                         links=linked.links, link_errors=linked.errors)
        journal.save()
    return replace(result, ok=result.ok and linked.links)


def write_out(state: CrateState, journal: Journal, source: str,
              written: Callable[[], object] | None = None) -> CargoResult:
    """Format and record the crate, save its generated copy, write the lock, and build it (final_build);
    `written` is called once the crate's files are final, before the build."""
    format_and_record(state, journal)
    save_generated_copy(state.out)
    outdir.record_files(journal, state.files, finished=True)
    write_lock(state, journal, source)
    if written is not None:
        written()
    return final_build(state, journal)
