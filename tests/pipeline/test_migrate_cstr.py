"""Read-only C strings end to end (issue 15): `const char *` parameters only read as NUL-terminated strings
are `&CStr` in their functions' Rust signatures, ffi.rs makes them with `CStr::from_ptr` under its
precondition, the bodies are safe fns, and their printf/atoi/fprintf calls sit in minimal `unsafe` blocks
named by the checked-libc-call rule; the C test (greet's output read back from a pipe) passes with the
Rust."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.c_project import migrate_files
from helpers.paths import data_text
from helpers.runs import journal


@pytest.mark.slow
def test_c_strings_are_cstr_and_the_c_test_passes_with_the_rust(tmp_path: Path) -> None:
    done, out = migrate_files(tmp_path, {"strs.c": data_text("pipeline/cstr/strs.c"),
                                         "tests/test_strs.c": data_text("pipeline/cstr/test_strs.c")})
    data = journal(out)
    assert {f: e["status"] for f, e in data["functions"].items()} == dict.fromkeys(
        ("count_char", "greet", "parse", "safe_len", "vowels", "report"), "verified"), done.stderr[-3000:]
    assert [(t["c"], t["rust"]) for t in data["c_tests"]] == [("passed", "passed")]
    rust = (out / "src" / "strs.rs").read_text()
    for decl in ("pub fn count_char(s: &core::ffi::CStr, c: i8) -> i32",
                 "pub fn greet(name: &core::ffi::CStr)", "pub fn parse(s: &core::ffi::CStr) -> i32",
                 "pub fn safe_len(s: Option<&core::ffi::CStr>) -> i32",
                 "pub fn report(code: i32, ratio: f64)"):
        assert decl in rust
    assert "s.to_bytes_with_nul()[i as usize]" in rust and "unsafe fn" not in rust
    ffi = (out / "src" / "ffi.rs").read_text()
    assert "crate::strs::greet(core::ffi::CStr::from_ptr(name))" in ffi
    assert "// SAFETY: name: rule c-string: the C only reads it as a NUL-terminated string" in ffi
    assert "`name` must be NUL-terminated and valid for reads until the call returns" in ffi
    report = json.loads((out / "report" / "report.json").read_text())
    safety = {f["name"]: f["safety"] for f in report["functions"]}
    assert [(p["rule"], p["pointer"]) for p in safety["greet"]["proofs"]] == [("checked-libc-call", None)]
    assert [p["rule"] for p in safety["greet"]["boundary"]["proofs"]] == ["c-string"]
    assert safety["count_char"]["proofs"] == []  # no unsafe code at all: the bytes are read bounds-checked
