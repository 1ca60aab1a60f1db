"""Callers of a variadic function of SRC are translated: Rust cannot define a C-variadic function, so its C
stays in the crate's C part (a static one under an alias), and the Rust calls it through an `extern`
declaration with its C ABI, as it calls printf."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.c_project import migrate_files
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
    assert status["sum"] == status["vmax"] == "kept_in_c"
    assert "crate::v::vmax(2i32," in (out / "src" / "v.rs").read_text()
    kept = (out / "csrc" / "v.c").read_text()
    assert '__attribute__((alias("vmax")))' in kept
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
def test_va_arg_keeps_its_function_in_c_with_the_reason(tmp_path: Path) -> None:
    """Rust has no stable va_list: a function reading one stays C, never reading the va_list's address."""
    done, out = migrate_files(tmp_path, {"p.c": PICK, "tests/t.c": "int first_int(int, ...);\n"
                                         "int main(void) { return first_int(1, 41) != 42; }\n"})
    pick = journal(out)["functions"]["pick"]
    assert pick["status"] == "kept_in_c", done.stderr[-3000:]
    assert "p.c:5: va_arg: reading a variadic argument" in pick["reasons"][0]
    assert [(t["name"], t["rust"]) for t in journal(out)["c_tests"]] == [("tests/t.c", "passed")]
