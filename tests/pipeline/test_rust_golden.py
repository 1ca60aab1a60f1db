"""Golden Rust: src/*.rs of each fixture's migrate (builtin, --no-verify), so every change to the generated
Rust is a reviewed diff. `pytest tests/pipeline/test_rust_golden.py --update-golden` rewrites them."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from helpers.paths import FIXTURES, GOLDEN

from llmigrate.pipeline import MigrateOptions, migrate_command

FIXTURE_NAMES = ("kmath", "ksort", "ramfs")


def _generated(fixture: str, out: Path) -> dict[str, str]:
    code = migrate_command(FIXTURES / fixture, out, MigrateOptions(backend="builtin", verify=False))
    assert code == 0, f"migrate of fixtures/{fixture} exited {code}"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((out / "src").glob("*.rs"))}


def _write(golden: Path, files: dict[str, str]) -> None:
    shutil.rmtree(golden, ignore_errors=True)  # a module that is gone must not linger as a golden file
    golden.mkdir(parents=True)
    for name, text in files.items():
        (golden / name).write_text(text, encoding="utf-8")


def _diff(golden: Path, files: dict[str, str]) -> list[str]:
    expected = {p.name: p.read_text(encoding="utf-8") for p in sorted(golden.glob("*.rs"))}
    lines: list[str] = []
    for name in sorted(expected.keys() | files.keys()):
        old, new = expected.get(name, ""), files.get(name, "")
        if old != new:
            lines += difflib.unified_diff(old.splitlines(), new.splitlines(), f"golden/{name}",
                                          f"actual/{name}", lineterm="", n=2)
    return lines


@pytest.mark.slow  # the migrate runs cargo (repair and build)
@pytest.mark.parametrize("fixture", FIXTURE_NAMES)
def test_rust_golden(fixture: str, tmp_path: Path, update_golden: bool) -> None:
    files = _generated(fixture, tmp_path / "out")
    golden = GOLDEN / "rust" / fixture / "src"
    if update_golden:
        _write(golden, files)
        return
    assert golden.is_dir(), f"{golden} is missing: run pytest --update-golden"
    diff = _diff(golden, files)
    if diff:
        pytest.fail("generated Rust differs from the golden files (pytest --update-golden to accept):\n"
                    + "\n".join(diff[:300]), pytrace=False)
