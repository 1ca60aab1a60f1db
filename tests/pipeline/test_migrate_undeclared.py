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


# An include dir holding a header named like libc's: `#include <string.h>` finds it (its guard makes the
# include inside it a no-op), so strlen and memcpy are never declared; gcc 12 builds it with warnings.
SHADOW = """#ifndef MY_STRING_H
#define MY_STRING_H
#include <stddef.h>
#include <string.h>
size_t copy_len(char *dst, const char *src);
#endif
"""
COPY = """#include <string.h>
size_t copy_len(char *dst, const char *src) { size_t n = strlen(src); memcpy(dst, src, n + 1); return n; }
"""
TEST_COPY = """#include <string.h>
int main(void) { char b[8]; return copy_len(b, "hello") == 5 && b[4] == 'o' && !b[5] ? 0 : 1; }
"""


@pytest.mark.slow
def test_a_header_shadowing_libc_translates_its_library_calls(tmp_path: Path) -> None:
    files = {"inc/string.h": SHADOW, "lib.c": COPY, "tests/test_copy.c": TEST_COPY,
             "llmigrate.toml": '[c]\ninclude_dirs = ["inc"]\n'}
    done, out = migrate_files(tmp_path, files)
    assert done.returncode == 0, done.stderr[-2000:]
    data = journal(out)
    fn = data["functions"]["copy_len"]
    assert fn["status"] == "verified" and fn["equivalence"] == "equivalent", fn["reasons"]
    assert "crate::shared::memcpy(" in fn["rust"]
    assert [(t["name"], t["rust"]) for t in data["c_tests"]] == [("tests/test_copy.c", "passed")]
