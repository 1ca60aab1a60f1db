"""Variadic functions of SRC: Rust (stable) cannot define a C-variadic function, so the crate's C part keeps a
C shim with its signature (a static one under an alias) that does va_start and calls the translated Rust
body with the va_list's address; the body reads the arguments through C helpers (va_arg, va_copy, va_end)
and passes the va_list on to vsnprintf and the like. Rust callers call the C entry through an `extern`
declaration with its C ABI, as they call printf."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.c_project import migrate_files
from helpers.paths import data_text
from helpers.runs import journal

LIB = """#include <stdarg.h>
int sum(int n, ...)
{
\tva_list ap;
\tint total = 0;
\tva_start(ap, n);
\tfor (int i = 0; i < n; i++)
\t\ttotal += va_arg(ap, int);
\tva_end(ap);
\treturn total;
}

static double vmax(int n, ...)
{
\tva_list ap;
\tdouble best = 0;
\tva_start(ap, n);
\tfor (int i = 0; i < n; i++) {
\t\tdouble v = va_arg(ap, double);
\t\tif (i == 0 || v > best)
\t\t\tbest = v;
\t}
\tva_end(ap);
\treturn best;
}

int sum3(int a, short b, char c)
{
\treturn sum(3, a, b, c);
}

int max_of(float a, int b)
{
\treturn (int)vmax(2, a, (double)b);
}
"""
TEST = ("int sum(int, ...); int sum3(int, short, char); int max_of(float, int);\n"
        "int main(void) { return !(sum3(1, 2, 3) == 6 && max_of(2.5f, 7) == 7 && max_of(9.0f, 1) == 9 "
        "&& sum(2, 4, 5) == 9); }\n")


@pytest.mark.slow
def test_callers_of_variadic_functions_are_translated(tmp_path: Path) -> None:
    done, out = migrate_files(tmp_path, {"v.c": LIB, "tests/t.c": TEST})
    data = journal(out)
    status = {fid: e["status"] for fid, e in data["functions"].items()}
    assert status["sum3"] == status["max_of"] == "verified", done.stderr[-3000:]
    assert status["sum"] in ("compiled", "verified") and status["vmax"] in ("compiled", "verified")
    rust = (out / "src" / "v.rs").read_text()
    assert "crate::v::vmax(2i32," in rust and "pub unsafe extern \"C\" fn vmax__va(n: i32," in rust
    kept = (out / "csrc" / "v.c").read_text()
    assert '__attribute__((alias("vmax")))' in kept and "va_arg" not in kept  # the shims only
    assert "__llmigrate_va_v__sum(n, &__llmigrate_ap)" in kept
    assert data["build"]["ok"] and data["build"]["links"]
    assert [(t["name"], t["rust"]) for t in data["c_tests"]] == [("tests/t.c", "passed")]


PICK = """#include <stdarg.h>
static int pick(va_list *args, char c)
{
\tif (c == 'd')
\t\treturn va_arg(*args, int);
\treturn -1;
}

int first_int(int n, ...)
{
\tva_list ap;
\tint r;
\tva_start(ap, n);
\tr = pick(&ap, 'd');
\tva_end(ap);
\treturn r + n;
}
"""


@pytest.mark.slow
def test_va_arg_through_a_pointer_to_a_va_list_is_read_by_c(tmp_path: Path) -> None:
    """`va_arg(*args, int)` reads the argument through a C helper on the va_list's address, never taking the
    address itself as the value."""
    done, out = migrate_files(tmp_path, {"p.c": PICK, "tests/t.c": "int first_int(int, ...);\n"
                                         "int main(void) { return first_int(1, 41) != 42; }\n"})
    functions = journal(out)["functions"]
    assert functions["pick"]["status"] in ("compiled", "verified"), done.stderr[-3000:]
    assert functions["first_int"]["status"] in ("compiled", "verified")
    assert "__llmigrate_va_arg_i32" in (out / "src" / "p.rs").read_text()
    assert [(t["name"], t["rust"]) for t in journal(out)["c_tests"]] == [("tests/t.c", "passed")]


@pytest.mark.slow
def test_variadic_bodies_forward_copy_and_restart_their_arguments(tmp_path: Path) -> None:
    """A logger forwarding to vsnprintf through a `va_list` parameter, va_start again after va_end, va_copy,
    va_arg of int, double and pointers, a NULL-terminated list, a static variadic function with an empty
    body: all translated, and the C test (gcc's values, checked in C) passes against the Rust."""
    done, out = migrate_files(tmp_path, {"v.c": data_text("pipeline/variadic_bodies.c"),
                                         "tests/t.c": data_text("pipeline/variadic_bodies_test.c")})
    data = journal(out)
    status = {fid: e["status"] for fid, e in data["functions"].items()}
    assert all(s in ("compiled", "verified") for s in status.values()), (status, done.stderr[-3000:])
    assert data["build"]["ok"] and data["build"]["links"]
    assert [(t["name"], t["c"], t["rust"]) for t in data["c_tests"]] == [("tests/t.c", "passed", "passed")]
    assert any(r.startswith("C shim: csrc/v.c") for r in data["functions"]["format"]["reasons"])
