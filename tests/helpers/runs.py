"""Reading what a run left in OUT, as a test sees it from outside: the journal file."""

from __future__ import annotations

import json
from pathlib import Path


def journal(out: Path) -> dict:
    return json.loads((out / ".llmigrate" / "journal.json").read_text())


def translated(out: Path) -> set[str]:
    """Ids whose status is "translated" in OUT's journal; none while it is missing or half written."""
    try:
        data = journal(out)
    except (FileNotFoundError, json.JSONDecodeError):
        return set()
    return {fid for fid, e in data["functions"].items() if e["status"] == "translated"}
