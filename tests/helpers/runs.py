"""Reading what a run left in OUT, as a test sees it from outside: the journal file."""

from __future__ import annotations

import json
from pathlib import Path

from llmigrate.journal import Journal, Status


def journal(out: Path) -> dict:
    return json.loads((out / ".llmigrate" / "journal.json").read_text())


def translated(out: Path) -> set[str]:
    """Ids whose status is "translated" in OUT's journal, its log of the running or killed run replayed; none
    while it is missing."""
    try:
        records = Journal.load(out).functions
    except FileNotFoundError:
        return set()
    return {fid for fid, e in records.items() if e.status == Status.TRANSLATED}
