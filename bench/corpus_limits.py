"""Per-entry limits on corpus figures: floors a change may not drop below, ceilings it may not rise above.

The file (tests/data/corpus_limits.json) maps each entry to {"floors": {...}, "ceilings": {...}}; the entries
it lists are the ones the corpus test migrates. A change may tighten a limit; loosening one needs a reason.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corpus_lib import Figures

FLOORS = ("verified", "links", "c_tests_pass")  # the figure must stay at or above the limit
CEILINGS = ("unsafe_lines", "untested")  # the figure must stay at or below the limit


def load_limits(path: Path) -> dict[str, dict[str, Any]]:
    """Entry name -> its limits."""
    return json.loads(path.read_text(encoding="utf-8"))["entries"]


def limits_from(fig: Figures) -> dict[str, Any]:
    """Limits equal to the measured figures: floors = measured, ceilings = measured."""
    return {"floors": {k: getattr(fig, k) for k in FLOORS},
            "ceilings": {k: getattr(fig, k) for k in CEILINGS}}


def write_limits(path: Path, figures: list[Figures], about: str) -> None:
    """The limits file, one entry a line so that a diff shows which entry moved."""
    ordered = sorted(figures, key=lambda f: f.name)
    rows = [f"  {json.dumps(f.name)}: {json.dumps(limits_from(f))}" for f in ordered]
    text = "{\n \"about\": " + json.dumps(about) + ",\n \"entries\": {\n" + ",\n".join(rows) + "\n }\n}\n"
    path.write_text(text, encoding="utf-8")


def check_entry(fig: Figures, limits: dict[str, Any]) -> list[str]:
    """Every limit this entry's figures break, one line each."""
    broken = []
    for key, floor in limits.get("floors", {}).items():
        if getattr(fig, key) < floor:
            broken.append(f"{fig.name}: {key} {getattr(fig, key)} is below the floor {floor}")
    for key, ceiling in limits.get("ceilings", {}).items():
        if getattr(fig, key) > ceiling:
            broken.append(f"{fig.name}: {key} {getattr(fig, key)} is above the ceiling {ceiling}")
    if broken and fig.error:
        broken.append(f"{fig.name}: the run {fig.error}")
    return broken


def check_all(figures: list[Figures], limits: dict[str, dict[str, Any]]) -> list[str]:
    """Every broken limit over all entries of LIMITS; an entry with limits but no figures breaks them all."""
    by_name = {f.name: f for f in figures}
    broken = []
    for name, entry_limits in sorted(limits.items()):
        if name not in by_name:
            broken.append(f"{name}: not measured")
            continue
        broken += check_entry(by_name[name], entry_limits)
    return broken
