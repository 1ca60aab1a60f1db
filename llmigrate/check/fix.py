"""`llmigrate check --fix`: retranslate only the drifted functions, keeping the hand edits of all the others.

The retranslation is `migrate --resume` answered from the model cache only (frozen), so CI never calls a
model unless asked (`--no-frozen`): resume retranslates exactly the functions whose C hash changed. Resume
rewrites the crate from the journal, so the hand-edited spans of functions that did not drift are put back
afterwards. A function whose C drifted and whose Rust was edited by hand is a conflict: it is left alone
(its edit and its locked hashes kept, so it still fails the check) unless `force`, which replaces the edit
by the new translation and shows the old text in the result.
"""

from __future__ import annotations

from pathlib import Path

from llmigrate.check.run import CheckResult
from llmigrate.core import LlmigrateError
from llmigrate.journal import Status
from llmigrate.reintegrate.crate_format import Span, crate_spans, read_lock, span_hash, write_lock


def hand_edited_spans(out: Path, lock: dict) -> dict[str, Span]:
    """Spans in OUT/src whose text no longer hashes to the lock's rust_hash."""
    spans = crate_spans(out)
    return {fid: spans[fid] for fid, e in lock["functions"].items()
            if fid in spans and e.get("rust_hash") and span_hash(spans[fid].text) != e["rust_hash"]}


def restore_spans(out: Path, edited: dict[str, Span]) -> list[str]:
    """Put each edited span's text back between its markers in the rewritten crate; returns ids not found."""
    current = crate_spans(out)
    missing = sorted(fid for fid in edited if fid not in current)
    by_file: dict[str, list[Span]] = {}
    for fid in edited:
        if fid in current:
            by_file.setdefault(current[fid].file, []).append(current[fid])
    for rel, spans in by_file.items():
        path = out / rel
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for span in sorted(spans, key=lambda s: s.begin, reverse=True):  # bottom-up keeps line numbers valid
            lines[span.begin:span.end - 1] = edited[span.id].text.splitlines(keepends=True)
        path.write_text("".join(lines), encoding="utf-8")
    return missing


def conflict_results(out: Path, conflicts: dict[str, Span]) -> list[CheckResult]:
    """One failure per function whose C drifted while its Rust was edited by hand."""
    return [CheckResult("fix", fid, False, f"{fid}: conflict: its C changed and its Rust was edited by hand; "
                        "left alone (`llmigrate check --fix --force` replaces the edit by a new translation)",
                        file=(out / span.file).as_posix(), line=span.begin + 1, output=span.text)
            for fid, span in sorted(conflicts.items())]


def keep_locked(out: Path, lock: dict, ids: list[str]) -> None:
    """Put back the old lock entries of `ids`, so their drift and hand edit are still seen next time."""
    current = read_lock(out)
    functions = {**current["functions"], **{f: lock["functions"][f] for f in ids if f in lock["functions"]}}
    write_lock(out, current["source"], functions)


def fix_drift(src: Path, out: Path, lock: dict, drifted: list[str], frozen: bool = True,
              force: bool = False) -> list[CheckResult]:
    """Retranslate the drifted functions but conflicts (unless `force`); `frozen` False may ask the model."""
    edited = hand_edited_spans(out, lock)
    conflicts = {} if force else {f: edited[f] for f in drifted if f in edited}
    todo = [f for f in drifted if f not in conflicts]
    fixed = [retranslate(src, out, todo, edited, frozen)] if todo else []
    if todo and conflicts:  # retranslate put their edits back; their lock entries must say they still drift
        keep_locked(out, lock, list(conflicts))
    return fixed + conflict_results(out, conflicts)


def retranslate(src: Path, out: Path, drifted: list[str], edited: dict[str, Span],
                frozen: bool) -> CheckResult:
    """`migrate --resume` over OUT, then the hand edits of functions not in `drifted` put back."""
    from llmigrate import pipeline
    from llmigrate.report.render import load_journal

    run = load_journal(out).run
    before = {f: rec.status for f, rec in run.functions.items()}
    names = ", ".join(drifted)
    try:
        # frozen, a cache miss is a failed fix: the builtin standing in would quietly swap translators
        options = pipeline.MigrateOptions(backend=run.backend, model=run.model, resume=True, frozen=frozen,
                                          verify=False, fallback="none" if frozen else None)
        pipeline.migrate_command(src, out, options)
    except LlmigrateError as e:
        return CheckResult("fix", "retranslate", False, f"--fix could not retranslate {names}: {e} (--fix "
                           f"answers from the model cache only; to ask the model, run `llmigrate migrate "
                           f"{src} --out {out} --resume`)")
    missing = restore_spans(out, {f: s for f, s in edited.items() if f not in drifted})
    functions = load_journal(out).functions
    outcome = ", ".join(f"{f} -> {functions[f].status if f in functions else 'removed'}" for f in drifted)
    notes = [f"hand edit of {f} could not be restored: its markers are gone after retranslation"
             for f in missing]
    notes += [f"hand edit of {f} replaced by the new translation; it was:\n{edited[f].text}"
              for f in drifted if f in edited]
    # a function that had Rust and now falls back to C (e.g. a model-cache miss) is a failed fix
    fell_back = (Status.FAILED, Status.KEPT_IN_C)
    failed = [f for f in drifted if f in functions and functions[f].status in fell_back
              and functions[f].status != before.get(f)]
    notes += [f"{f}: {r}" for f in failed for r in functions[f].reasons]
    message = f"retranslated {outcome}"
    if failed:
        message = (f"could not translate {', '.join(failed)} ({outcome}); to ask the model, run "
                   f"`llmigrate migrate {src} --out {out} --resume`")
    return CheckResult("fix", "retranslate", not failed and not missing, message, output="\n".join(notes))
