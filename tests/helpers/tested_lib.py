"""A small C library with its own C test (add, twice; tests/test_calc.c), for check and report runs."""

from __future__ import annotations

from pathlib import Path

CALC_H = "#ifndef CALC_H\n#define CALC_H\nint add(int a, int b);\nint twice(int a);\n#endif\n"
CALC_C = """#include "calc.h"

int add(int a, int b)
{
\treturn a + b;
}

int twice(int a)
{
\treturn add(a, a);
}
"""
TEST_C = """#include "calc.h"

int main(void)
{
\treturn !(add(2, 3) == 5 && twice(4) == 8 && twice(-3) == -6);
}
"""


def write_src(root: Path) -> Path:
    src = root / "calc"
    (src / "include").mkdir(parents=True)
    (src / "tests").mkdir()
    (src / "include" / "calc.h").write_text(CALC_H)
    (src / "calc.c").write_text(CALC_C)
    (src / "tests" / "test_calc.c").write_text(TEST_C)
    (src / "llmigrate.toml").write_text('[c]\ninclude_dirs = ["include"]\n[tests]\nglobs = ["tests/*.c"]\n')
    return src
