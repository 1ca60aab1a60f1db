"""Rule ctype-domain (signatures/ctype.py): a <ctype.h> test of a value its C type keeps within glibc's table
(a character type, a one-character constant, EOF) is a checked call the builtin makes to the library's own
function; an int, a short, arithmetic on a character or a multi-character constant may leave the table, so
the function stays an unsafe fn."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import safe_and_equivalent

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all

SRC = DATA / "signatures" / "ctype"
_SAFE = ("file_index", "space_byte", "constants", "printable", "kind")


def _sig(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text("#include <ctype.h>\n#include <stdio.h>\n" + c)
    return map_all(analyze_dir(tmp_path))["f"]


def test_tests_of_character_values_make_safe_functions():
    sigs = map_all(analyze_dir(SRC))
    for name in _SAFE:
        assert not sigs[name].unsafe and sigs[name].unchecked is None, (name, sigs[name].unchecked)


@pytest.mark.parametrize("c", [
    "int f(int c) { return isdigit(c) != 0; }",  # any int
    "int f(long c) { return isalpha((int)c) != 0; }",  # a cast to int keeps any value
    "int f(char c) { return isspace(c + 1) != 0; }",  # arithmetic: an int again
    "int f(short c) { return isupper(c) != 0; }",  # a short reaches past 255
    "int f(void) { return isalpha('ab') != 0; }",  # a multi-character constant
    "int f(int *p) { return isxdigit(*p) != 0; }",  # an int element
    "int f(int c) { { char c = 'a'; (void)c; } return isdigit(c) != 0; }",  # a char local named like it
    "int f(char c) { { int c = 300; return isdigit(c) != 0; } }",  # an int local hides the char
    "int f(char *s) { { int *s = 0; (void)s; } return isdigit(s[0]) != 0; }",  # another base of that name
])
def test_a_value_outside_the_domain_keeps_the_function_unsafe(tmp_path, c):
    sig = _sig(tmp_path, c)
    assert sig.unsafe and sig.unchecked is not None and "calls `is" in sig.unchecked or \
        sig.unsafe and any(p.rust_type.startswith("*") for p in sig.params), (c, sig.unchecked)


@pytest.mark.slow
def test_the_safe_functions_call_the_library_and_behave_as_the_c(tmp_path):
    by_name, module = safe_and_equivalent(SRC, tmp_path / "out", "classify", _SAFE)
    assert "crate::shared::isupper(file as i32)" in module and "__ctype_b_loc" not in module
    assert {p["rule"] for p in by_name["kind"]["safety"]["proofs"]} == {"ctype-domain"}
