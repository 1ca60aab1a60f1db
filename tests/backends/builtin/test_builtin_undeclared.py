"""No invented values: a name the C never declares fails its function with file:line and the reason, instead
of a body where clang dropped what it could not type (issue 13, item 6)."""

from __future__ import annotations

from pathlib import Path

from helpers.builtin_translate import translate_file

MISSING_HEADER = """#include "nonexistent.h"
int f(int x) { return missing_fn(x) + MISSING_CONST; }
int g(int x) { return x + 1; }
"""


def test_missing_header_fails_only_the_functions_that_need_it(tmp_path: Path) -> None:
    out = translate_file(tmp_path, "m.c", MISSING_HEADER)
    f, _, _ = out["f"]
    assert not f.ok and f.code == {}
    assert f.reasons == ["m.c:2: `missing_fn` is not declared (is nonexistent.h missing?)",
                         "m.c:2: `MISSING_CONST` is not declared (is nonexistent.h missing?)"]
    g, _, _ = out["g"]
    assert g.ok and "x.wrapping_add(1i32)" in g.code["g"]


def test_implicit_declaration_fails_even_as_a_warning(tmp_path: Path) -> None:
    (tmp_path / "llmigrate.toml").write_text('[c]\ncflags = ["-std=gnu89"]\n')
    out = translate_file(tmp_path, "m.c", "int f(int x) { return helper(x); }\n")
    f, _, _ = out["f"]
    assert not f.ok
    assert f.reasons == ["m.c:1: `helper` is not declared: C89 assumes `int helper()` here, which need not "
                         "be what the function is"]


def test_a_gcc_nested_function_fails_naming_the_extension(tmp_path: Path) -> None:
    """GCC compiles it; clang, which the builtin reads C with, has no nested functions: the reason says so
    rather than asking for include dirs or defines."""
    out = translate_file(tmp_path, "n.c", "int outer(int k)\n{\n\tint add(int v) { return v + k; }\n"
                                          "\treturn add(1);\n}\n")
    f, _, _ = out["outer"]
    assert not f.ok
    assert f.reasons[0] == ("n.c:3: parse error: function definition is not allowed here (a GCC nested "
                            "function: clang, which the builtin reads C with, has no nested functions)")
