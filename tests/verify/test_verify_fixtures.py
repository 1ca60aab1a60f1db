"""Every fixture migrated by the builtin backend passes verification: its C tests against the Rust, and the
differential tests find no difference."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.paths import FIXTURES

from llmigrate.verify.run import verify_command

pytestmark = pytest.mark.slow
NAMES = sorted(p.name for p in FIXTURES.iterdir() if (p / "tests").is_dir())


@pytest.mark.parametrize("fixture", NAMES)
def test_fixture_verifies_against_its_builtin_migration(fixture: str, tmp_path: Path, capsys):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "llmigrate", "migrate", str(FIXTURES / fixture),
                           "--out", str(out), "--backend", "builtin", "--no-verify"],
                          capture_output=True, text=True, timeout=600)
    assert (out / ".llmigrate" / "journal.json").is_file(), proc.stdout + proc.stderr
    code = verify_command(out)
    printed = capsys.readouterr().out
    data = json.loads((out / ".llmigrate" / "journal.json").read_text())
    tests = data["c_tests"]
    assert tests, "the fixture has C tests"
    failing = [f"{t['name']}: C {t['c']}, Rust {t['rust']}\n{t['output']}" for t in tests
               if (t["c"], t["rust"]) != ("passed", "passed")]
    assert not failing, "\n".join(failing)
    differs = {fid: e["counterexample"] for fid, e in data["functions"].items()
               if e["equivalence"] == "differs"}
    assert not differs
    assert code == 0, printed
    untested = [e for e in data["functions"].values() if e["equivalence"] == "untested"]
    assert all(e["untested_reason"] for e in untested)
