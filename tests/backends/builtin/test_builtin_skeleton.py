"""The crate skeleton builds on C whose names and types Rust sees differently: standard typedefs (`time_t`),
typedefs of typedefs, a type spelled by a macro, a struct typedef used only through a pointer, a global and a
file-scope static shadowed by parameters and locals, enum constants named like a global or a function; what
it cannot express is demoted alone (repair/skeleton.py), the rest still translates and verifies."""

from __future__ import annotations

import json
import re

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrate_builtin

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import c_type_to_rust, map_all

SKELETON = DATA / "backends" / "builtin" / "skeleton"


def test_standard_and_macro_types_have_a_rust_spelling():
    cb = analyze_dir(SKELETON)
    sigs = map_all(cb)
    assert [p.rust_type for p in sigs["since"].params] == ["i64", "i64"]
    assert sigs["later"].ret == "i64" and sigs["widen"].ret == "u16"
    assert sigs["len_of"].ret == "u16"  # `#define LEN_TYPE unsigned short`
    assert c_type_to_rust("clock_t") == "i64" and c_type_to_rust("uint_fast16_t *") == "*mut u64"


def test_parameters_named_like_globals_are_renamed():
    sigs = map_all(analyze_dir(SKELETON))
    assert [p.name for p in sigs["scale"].params] == ["count_"]  # the global `count`
    assert [p.name for p in sigs["deeper"].params] == ["level_"]  # the file-scope static `level`
    assert [p.name for p in sigs["total"].params] == ["n"]


@pytest.mark.slow
def test_the_skeleton_builds_and_only_what_it_cannot_express_stays_c(tmp_path):
    out = tmp_path / "out"
    done = migrate_builtin(SKELETON, out)
    assert done.returncode == 1, done.stdout + done.stderr  # two functions stay C
    journal = json.loads((out / ".llmigrate" / "journal.json").read_text())
    assert journal["skeleton"]["ok"] and journal["build"]["ok"]
    shared = (out / "src" / "shared.rs").read_text()
    for alias in ("pub type stamp_t = i64;", "pub type unit_t = u16;", "pub type Hidden = hidden;"):
        assert alias in shared
    # enum constants named like the global `count` and like another enum's constant are renamed, once
    assert "pub const count__mode: u32 = 0;" in shared and "pub static count: core::sync::atomic::" in shared
    assert journal["shared"]["names"]["mode.c:count"] == "count__mode"
    assert shared.count("pub const ticks:") == 1
    module = (out / "src" / "clock.rs").read_text()
    assert re.search(r"let level_1: i32 = n", function_code(module, "total"))  # a local shadowing `level`
    # a signature spelled by a function-like macro: demoted alone, with the reason, and its caller with it
    first = journal["functions"]["first"]
    assert first["status"] == "kept_in_c"
    assert first["reasons"][0].startswith("odd.c:4: signature: the crate skeleton does not build with it")
    assert "ARRAY_OF" in first["reasons"][0]
    assert journal["functions"]["first_plus"]["status"] == "kept_in_c"
    report = json.loads((out / "report" / "report.json").read_text())
    assert report["totals"]["verified"] == report["totals"]["functions"] - 2 == 12
    assert report["totals"]["c_tests_passed"] == 1 and report["totals"]["c_tests_failed"] == 0
