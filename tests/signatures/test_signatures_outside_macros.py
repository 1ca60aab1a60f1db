"""Macros of a header outside SRC (an include dir, as a kernel shim's `unlikely`): the soundness scan reads a
use as the expansion the compiler used, as it reads SRC's own macros, so a function is an unsafe fn for what
the expansion does, not for calling a name it cannot see (analyze/outside.py, signatures/soundness.py)."""

from __future__ import annotations

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all
from llmigrate.signatures.net import crate_names, unsound

SRC = DATA / "signatures" / "outside_macros" / "src"


def test_the_header_macros_src_uses_are_known_by_their_one_definition():
    codebase = analyze_dir(SRC)
    known = codebase.outside_macros
    assert known["rarely"].params == ["x"] and known["rarely"].body == "__builtin_expect(!!(x), 0)"
    assert known["ENTRY"].params is None and known["ENTRY"].file == "../include/hint.h"
    assert "CHECK_ONCE" in known and "rarely" in known  # and the macros its body names
    assert "HALF" not in known  # two definitions: which one a use means depends on the unit


def test_a_macro_expanding_to_checked_code_leaves_the_function_safe():
    sigs = map_all(analyze_dir(SRC))
    for name in ("clamp_hint", "checked_once", "digit", "tagged"):  # __builtin_expect: scalars; DIGITS and
        # `#x`: literals
        assert not sigs[name].unsafe and sigs[name].unchecked is None, (name, sigs[name].unchecked)


@pytest.mark.parametrize(("name", "why"), [
    ("first_slot", "uses the macro `FIRST_OF`, which indexes `(p)->slots[0]`"),  # a raw member pointer
    ("counted", "uses the mutable global `tally`"),  # a `static mut` behind the macro
    ("entry_value", "uses the macro `ENTRY`, which"),  # a dereference of a returned pointer
    ("half_of", "calls `HALF`, a function outside SRC"),  # ambiguous: read as unknown
])
def test_a_macro_whose_expansion_is_unchecked_keeps_the_function_unsafe(name, why):
    sig = map_all(analyze_dir(SRC))[name]
    assert sig.unsafe and why in (sig.unchecked or ""), sig.unchecked


@pytest.mark.parametrize(("c", "safe"), [
    ('#define DIGITS "0123" "4567"\nchar f(unsigned n) { return DIGITS[n % 8]; }', True),  # concatenated
    ("char *digits;\n#define DIGITS digits\nchar f(unsigned n) { return DIGITS[n % 8]; }", False),
    ('#define DIGITS(k) ("0123" + (k))\nchar f(unsigned n) { return DIGITS(1)[n % 3]; }', False),
])
def test_a_macro_of_src_spelling_a_string_literal_is_indexed_checked(tmp_path, c, safe):
    (tmp_path / "m.c").write_text(c + "\n")
    sig = map_all(analyze_dir(tmp_path))["f"]
    assert sig.unsafe is not safe and ("indexes" in sig.unchecked if not safe else sig.unchecked is None)


@pytest.mark.parametrize(("c", "safe"), [
    ('#define CHECK(x) do { printf("check %s at %s:%d\\n", #x, __FILE__, __LINE__); } while (0)', True),
    ('#define CHECK(x) do { printf("check %s\\n", #x); x##_seen++; } while (0)', False),  # pastes
    ('#define CHECK(x) do { printf("check %s %s\\n", #x, shown); } while (0)\nchar *shown;', False),
])
def test_a_macro_stringizing_its_argument_is_read_with_a_literal_there(tmp_path, c, safe):
    """`#x` makes a string literal of any argument: the scan reads the body with `""` there; a body that
    pastes stays unknown, and a global pointer printed with %s stays unchecked."""
    body = "int f(int v) { int v_seen = 0; CHECK(v > 0); return v + v_seen; }\n"
    (tmp_path / "m.c").write_text("#include <stdio.h>\n" + c + "\n" + body)
    sig = map_all(analyze_dir(tmp_path))["f"]
    assert sig.unsafe is not safe, sig.unchecked


@pytest.mark.slow
def test_the_functions_migrate_and_the_safe_ones_hold_no_unsafe(tmp_path):
    out = tmp_path / "out"
    report = migrated_and_verified(SRC, out)
    by_name = {f["name"]: f for f in report["functions"]}
    module = (out / "src" / "hints.rs").read_text()
    for name in ("clamp_hint", "checked_once", "digit", "tagged"):
        assert function_code(module, name).startswith(f"pub fn {name}(")
        assert "unsafe" not in function_code(module, name) and by_name[name]["unsafe_lines"] == 0
    for name in ("first_slot", "counted", "entry_value"):
        assert f"pub unsafe fn {name}(" in function_code(module, name)
    names = crate_names(out)
    assert [u for p in sorted((out / "src").glob("*.rs")) for u in unsound(p.read_text(), names)] == []
