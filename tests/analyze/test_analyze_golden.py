"""Golden files: the full `analyze --json` result for each fixture and test input (pytest --update-golden)."""

from __future__ import annotations

import difflib

import pytest
from helpers.paths import GOLDEN, ROOT

from llmigrate import plan
from llmigrate.analyze.codebase import analyze_dir, to_json

SOURCES = {"kmath": "fixtures/kmath", "ksort": "fixtures/ksort", "ramfs": "fixtures/ramfs",
           "data_messy": "tests/data/analyze/messy", "data_calls": "tests/data/analyze/calls",
           "data_slices": "tests/data/analyze/slices"}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_golden(name: str, update_golden: bool) -> None:
    codebase = analyze_dir(ROOT / SOURCES[name])
    actual = to_json(codebase, plan.make_plan(codebase)) + "\n"
    path = GOLDEN / "analyze" / f"{name}.json"
    if update_golden:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"{path} is missing: run pytest --update-golden"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), f"golden/{path.name}",
                                    "actual", lineterm="", n=2)
        pytest.fail("analysis differs from the golden file (pytest --update-golden to accept):\n"
                    + "\n".join(list(diff)[:200]), pytrace=False)
