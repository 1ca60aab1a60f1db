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


UNDECLARED_LIBRARY = """#include <stddef.h>
size_t twice(const char *s) { return strlen(s) * 2; }
int cmp3(const char *a, const char *b) { return strncmp(a, b, 3); }
int cmpn(const char *a, const char *b, int n) { return strncmp(a, b, n); }
int other(int x) { return missing_fn(x) + 1; }
float root(float x) { return sqrtf(x); }
"""


def test_an_undeclared_library_function_is_the_builtin_gcc_calls(tmp_path: Path) -> None:
    """gcc 12 accepts a call of an undeclared C library function (a warning) with the builtin's type, so the
    translation calls libc's. Where gcc keeps C's implicit `int strncmp()` (compatible with the builtin), an
    argument it passes unconverted to a wider parameter fails, as does a function that is no library
    function; sqrtf's float result makes gcc use the builtin's prototype, float argument included."""
    out = translate_file(tmp_path, "m.c", UNDECLARED_LIBRARY)
    assert {fid: tr.ok for fid, (tr, _, _) in out.items()} == {"cmp3": True, "cmpn": False, "other": False,
                                                              "root": True, "twice": True}
    assert "crate::shared::sqrtf(x)" in out["root"][0].code["root"]
    assert "crate::shared::strncmp(a, b, 3u64)" in out["cmp3"][0].code["cmp3"]
    assert out["cmpn"][0].reasons == ["m.c:4: `strncmp` is not declared: C passes argument 3 as `int`, "
                                      "unconverted, where the library function takes `unsigned long`"]
    assert out["other"][0].reasons == ["m.c:5: `missing_fn` is not declared"]


def test_an_undeclared_library_function_fails_when_the_compiler_rejects_it(tmp_path: Path) -> None:
    (tmp_path / "llmigrate.toml").write_text('[c]\ncflags = ["-Werror=implicit-function-declaration"]\n')
    out = translate_file(tmp_path, "m.c", UNDECLARED_LIBRARY)
    twice, _, _ = out["twice"]
    assert not twice.ok
    assert twice.reasons[0].startswith("m.c:2: parse error: call to undeclared library function 'strlen'")
