"""A missing header end to end: the function needing it fails with the name it lacks, the rest of the run
goes on, the library links, and verify claims nothing for the failed function (issue 13, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.c_project import migrate_files
from helpers.runs import journal

LIB = """#include "nonexistent.h"
int f(int x) { return missing_fn(x) + MISSING_CONST; }
int g(int x) { return x + 1; }
"""
TEST_G = "int g(int);\nint main(void) { return g(41) == 42 ? 0 : 1; }\n"


@pytest.mark.slow
def test_missing_header_fails_f_and_keeps_g(tmp_path: Path) -> None:
    done, out = migrate_files(tmp_path, {"m.c": LIB, "tests/test_g.c": TEST_G})
    assert done.returncode == 1, done.stderr[-2000:]
    assert "m.c:1: error: 'nonexistent.h' file not found" in done.stderr
    data = journal(out)
    f, g = data["functions"]["f"], data["functions"]["g"]
    assert f["status"] == "failed"
    assert f["reasons"][0] == "m.c:2: `missing_fn` is not declared (is nonexistent.h missing?)"
    assert "0i32" not in f["rust"] and "panic!" in f["rust"]  # never a made-up value in its place
    assert f["equivalence"] != "equivalent" and not (f.get("evidence") or {}).get("verified_by")
    assert g["status"] == "compiled"  # the C side does not compile, so no coverage can credit it
    assert [(t["name"], t["rust"]) for t in data["c_tests"]] == [("tests/test_g.c", "passed")]
    assert data["build"]["ok"] and data["build"]["links"]
