"""Copies out of a C string that stop at its NUL (signatures/strcopies.py, evidence-free reads for rule
c-string): strncpy/strncat's source, memcpy/memmove of the string's strlen (+ 1), directly or through a
size_t local assigned that once; a `void *` only strdup reads is a C string. A count one past the NUL,
written again, of an int, another string's length or a shadowed name, and a string strtok keeps, stay raw."""

from __future__ import annotations

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.signatures.mapper import map_all, raw_reasons

COPIES = DATA / "signatures" / "strcopies"
_CSTR = "&core::ffi::CStr"
_OUTSIDE = "passed to a function outside SRC"


def _mapped() -> tuple[dict, object]:
    codebase = analyze_dir(COPIES, load_config(COPIES))
    return {s.c_name: s for s in map_all(codebase).values()}, codebase


@pytest.mark.parametrize(("name", "param", "rule"), [
    # a function writing memory (the copy's destination) proves its string a view nothing it writes lies in
    ("copy_string", "s", "shared-view"), ("copy_body", "s", "shared-view"),
    ("bounded_dup", "s", "shared-view"), ("dup_key", "key", "c-string")])
def test_a_string_copied_only_up_to_its_nul_is_a_cstr(name, param, rule):
    sigs, _ = _mapped()
    p = next(p for p in sigs[name].params if p.name == param)
    assert p.rust_type == _CSTR and p.proof == rule, sigs[name].decl()


@pytest.mark.parametrize("name", [
    "copy_past_nul", "copy_grown", "copy_int_count", "copy_other_length", "first_token", "copy_outer_count"])
def test_a_copy_past_the_string_or_a_kept_string_stays_raw(name):
    sigs, codebase = _mapped()
    assert next(p for p in sigs[name].params if p.name == "s").rust_type.startswith("*"), sigs[name].decl()
    assert raw_reasons(codebase.functions[sigs[name].c_id], codebase)["s"] == _OUTSIDE


@pytest.mark.slow
def test_string_copies_behave_as_the_c(tmp_path):
    """gcc's and the Rust's copies agree under the C test; the Rust passes the &CStr's pointer on."""
    by_name = {f["name"]: f for f in migrated_and_verified(COPIES, tmp_path / "out")["functions"]}
    rust = function_code((tmp_path / "out" / "src" / "m_lib.rs").read_text(), "copy_string")
    assert "s.as_ptr() as *const core::ffi::c_void" in rust
    assert [p["rule"] for p in by_name["copy_string"]["safety"]["boundary"]["proofs"]] == ["shared-view"]
    assert all(f["equivalence"] == "equivalent" for f in by_name.values())
