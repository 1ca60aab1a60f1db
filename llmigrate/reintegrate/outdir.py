"""OUT before a run: never write over files llmigrate did not make, and open (or resume) the run journal."""

from __future__ import annotations

import filecmp
from pathlib import Path

from llmigrate.core import LlmigrateError, Translator
from llmigrate.journal import Journal, journal_path


def check_out(src: Path, out: Path, *, force: bool, resume: bool) -> None:
    """Refuse an OUT holding someone else's files or hand edits of the crate, unless --force."""
    s, o = src.resolve(), out.resolve()
    if o == s or s in o.parents:
        raise LlmigrateError(f"--out {out} is inside the C sources {src}; choose a directory outside it")
    if o.exists() and not o.is_dir():
        raise LlmigrateError(f"--out {out} exists and is not a directory")
    # .llmigrate/ alone is ours: a run that stopped before its journal, or one holding the run lock now
    theirs = sorted(p.name for p in o.iterdir() if p.name != ".llmigrate") if o.exists() else []
    if not theirs and not journal_path(o).is_file() or force:
        return
    if not journal_path(o).is_file():
        names = ", ".join(theirs[:5])
        raise LlmigrateError(f"{out} holds files llmigrate did not generate ({names}); pass --force to write "
                             "into it (files at the crate's paths are overwritten, others are left alone)")
    edited = hand_edited(o) if _finished(o) else []  # mid-run, OUT/src is ours but not yet copied
    if edited and not resume:
        raise LlmigrateError(f"{out}: the crate was edited by hand since llmigrate wrote it "
                             f"({', '.join(edited[:5])}); pass --force to overwrite the edits")


def _finished(out: Path) -> bool:
    try:
        return Journal.load(out).run.finished
    except (OSError, ValueError):
        return True


def hand_edited(out: Path) -> list[str]:
    """Files of OUT/src that differ from (or are missing in) the generated copy llmigrate last wrote."""
    gen = out / ".llmigrate" / "generated" / "src"
    src = out / "src"
    if not gen.is_dir() or not src.is_dir():
        return []
    edited = []
    for path in sorted(gen.rglob("*.rs")):
        rel = path.relative_to(gen)
        cur = src / rel
        if not cur.is_file() or not filecmp.cmp(path, cur, shallow=False):
            edited.append(f"src/{rel.as_posix()}")
    return edited


def open_journal(out: Path, src: Path, backend: Translator, resume: bool) -> Journal:
    """The journal to continue (--resume) or a fresh one; a fresh run retranslates everything."""
    path = journal_path(out)
    if resume and path.is_file():
        try:
            journal = Journal.load(out)  # a JournalError says why it cannot be resumed from
        except OSError as e:
            raise LlmigrateError(f"{path}: cannot resume from this journal: {e}") from e
        journal.run.backend, journal.run.model = backend.name, backend.model
        journal.run.finished = False
        return journal
    previous = []
    if path.is_file():
        try:  # keep the list of files we made, so stale ones are removed instead of left behind
            previous = Journal.load(out).run.crate_files
        except (ValueError, OSError):
            previous = []
    journal = Journal.create(out, str(src), backend.name, backend.model)
    journal.run.crate_files = previous
    journal.run.finished = False
    journal.save()
    return journal


def previous_files(journal: Journal) -> set[str]:
    """Files an earlier write of this crate made (removed when no longer generated)."""
    return set(journal.run.crate_files)


def record_files(journal: Journal, files: dict[str, str], finished: bool = False) -> None:
    """The files this run made (stale ones go next time); `finished` once the generated copy is saved."""
    with journal.lock:
        journal.run.crate_files = sorted(files)
        journal.run.finished = finished
        journal.save()
