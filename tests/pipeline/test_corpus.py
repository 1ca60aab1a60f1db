"""Unseen C end to end: representative libraries of tests/data/corpus migrated by the builtin backend, every
function translated and compiled, and each library's own C tests pass when linked against the Rust."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.core import RunContext
from llmigrate.journal import Journal
from llmigrate.verify.build import build_staticlib
from llmigrate.verify.ctests import run_c_tests

pytestmark = pytest.mark.slow
CORPUS = DATA / "corpus"
# One textbook library and one kernel-style library (container_of, hlist, kref, ERR_PTR, ops tables).
LIBS = ["strings", "kobj"]


@pytest.mark.parametrize("lib", LIBS)
def test_corpus_library_c_tests_pass_against_rust(lib: str, tmp_path: Path):
    src, out = CORPUS / lib, tmp_path / "out"
    cmd = [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out), "--backend", "builtin",
           "--no-verify"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    journal = json.loads((out / ".llmigrate" / "journal.json").read_text())
    statuses = {fid: e["status"] for fid, e in journal["functions"].items()}
    assert len(statuses) >= 15
    not_compiled = {fid: s for fid, s in statuses.items() if s not in ("compiled", "verified")}
    assert not not_compiled, proc.stdout[-3000:] + proc.stderr[-3000:]
    config = load_config(src)
    ctx = RunContext(src, out, config, analyze_dir(src, config), Journal.load(out))
    results = run_c_tests(ctx, build_staticlib(out))
    assert results, "the library has C tests"
    failing = [f"{r.name}: C {r.c}, Rust {r.rust}\n{r.output}" for r in results
               if (r.c, r.rust) != ("passed", "passed")]
    assert not failing, "\n".join(failing)


def test_kernel_utilities_verify_end_to_end(tmp_path: Path):
    """kutil: __builtin_constant_p macros, __int128 signatures, `char names[][MAX + 1]`, anonymous-member
    static tables; the whole migration including verification runs, and its C tests pass against the Rust."""
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "llmigrate", "migrate", str(CORPUS / "kutil"), "--out", str(out),
           "--backend", "builtin"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    printed = proc.stdout + proc.stderr
    assert "could not run" not in printed, printed[-3000:]
    report = json.loads((out / "report" / "report.json").read_text())
    assert report["totals"]["functions"] == 12
    assert report["totals"]["compiled"] + report["totals"]["verified"] == 12, printed[-3000:]
    assert report["totals"]["c_tests_passed"] == 1 and report["totals"]["c_tests_failed"] == 0
