"""Running `llmigrate migrate` and reading what a run left in OUT, as a test sees it from outside."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
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


def migrate_builtin(src: Path, out: Path, script: Path | None = None,
                    timeout: float = 600) -> subprocess.CompletedProcess:
    """`llmigrate migrate SRC --out OUT --backend builtin` as a user runs it (no model settings inherited);
    with `script`, the scripted backend answering from that file instead."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    if script is not None:
        env["LLMIGRATE_SCRIPT"] = str(script)
    return subprocess.run([sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out),
                           "--backend", "builtin" if script is None else "scripted"],
                          capture_output=True, text=True, timeout=timeout, env=env)


def function_code(module: str, fid: str) -> str:
    """The Rust between a function's llmigrate markers in a module's text."""
    m = re.search(rf"// llmigrate:begin {fid}\n(.*?)// llmigrate:end {fid}\n", module, re.S)
    assert m, fid
    return m.group(1)


def migrated_and_verified(src: Path, out: Path) -> dict:
    """report.json of a builtin migration of `src` into `out` that succeeded, its one C test passing
    against the Rust and every function verified, none differing from the C."""
    done = migrate_builtin(src, out)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads((out / "report" / "report.json").read_text())
    assert report["totals"]["c_tests_passed"] == 1 and report["totals"]["c_tests_failed"] == 0
    assert all(f["status"] == "verified" and f["equivalence"] != "differs" for f in report["functions"])
    return report


def safe_and_equivalent(src: Path, out: Path, module: str, safe: tuple[str, ...]) -> tuple[dict, str]:
    """(functions by name, the module's text) of a builtin migration of `src` into `out` that verified every
    function equivalent to the C, made each of `safe` a safe fn of `module` and left no unsafe operation in a
    safe fn's blocks that the safety net (signatures/net.py) does not know checked."""
    from llmigrate.signatures.net import crate_names, unsound

    report = migrated_and_verified(src, out)
    by_name = {f["name"]: f for f in report["functions"]}
    assert all(f["equivalence"] == "equivalent" for f in by_name.values()), by_name
    text = (out / "src" / f"{module}.rs").read_text()
    for name in safe:
        assert function_code(text, name).startswith(f"pub fn {name}("), name
    names = crate_names(out)
    assert [u for p in sorted((out / "src").glob("*.rs")) for u in unsound(p.read_text(), names)] == []
    return by_name, text
