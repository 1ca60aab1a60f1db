"""A C file with a syntax error: reported at its line against the function it is in, every definition still
counted; `analyze` exits 1 on errors, and valid C the parser cannot read is only a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.cli import app
from llmigrate.core import Codebase

BEFORE = "int good_before(int x)\n{\n\treturn x + 1;\n}\n\n"  # lines 1-4; broken starts on line 6
AFTER = "\nint good_after(int x)\n{\n\treturn x - 1;\n}\n"


def analyze(tmp_path: Path, body: str) -> Codebase:
    (tmp_path / "a.c").write_text(BEFORE + "int broken(int x)\n{\n" + body + "\n}\n" + AFTER)
    return analyze_dir(tmp_path)


def errors(cb: Codebase) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in cb.diagnostics if d.severity == "error"]


def test_missing_brace_is_reported_at_the_brace_in_its_function(tmp_path: Path) -> None:
    cb = analyze(tmp_path, "\tif (x > 1) {\n\t\tx = 1;\n\treturn x;")  # the if's '{' on line 8 is not closed
    assert set(cb.functions) == {"good_before", "broken", "good_after"}
    [(line, message)] = errors(cb)
    assert line == 8 and message.startswith("'broken' has no closing brace") and "'{' on line 8" in message
    assert not [d for d in cb.diagnostics if "good_" in d.message]


def test_an_error_in_a_loop_header_keeps_the_definitions_after_it(tmp_path: Path) -> None:
    cb = analyze(tmp_path, "\tfor (int i = 0; i < x; i++ {\n\t\tx += i;\n\t}\n\treturn x;")
    assert set(cb.functions) == {"good_before", "broken", "good_after"}
    assert (cb.functions["broken"].end_line, cb.functions["good_after"].start_line) == (12, 14)
    assert [(line, "in function 'broken'" in m) for line, m in errors(cb)] == [(8, True)]


@pytest.mark.parametrize("body", ["\tint y = x +;\n\treturn y;", "\tint a[] = {1, 2;\n\treturn a[x];",
                                  "\treturn (x + 1;"])
def test_errors_in_a_body_name_that_function_and_line(tmp_path: Path, body: str) -> None:
    cb = analyze(tmp_path, body)
    assert set(cb.functions) == {"good_before", "broken", "good_after"}
    assert [(line, "in function 'broken'" in m) for line, m in errors(cb)] == [(8, True)]


def test_broken_code_before_a_definition_is_not_blamed_on_it(tmp_path: Path) -> None:
    (tmp_path / "a.c").write_text(BEFORE + "struct s { int a; int b }\nint next(int x)\n{\n\treturn x;\n}\n"
                                  + AFTER)
    cb = analyze_dir(tmp_path)
    assert errors(cb) and not [d for d in cb.diagnostics if "good_after" in d.message]
    assert errors(cb)[0][0] == 6


def test_valid_c_the_parser_cannot_read_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "v.c").write_text("#include <stdarg.h>\n\nint first(int n, ...)\n{\n\tva_list ap;\n"
                                  "\tva_start(ap, n);\n\tchar *s = va_arg(ap, char *);\n\tva_end(ap);\n"
                                  "\treturn s[0];\n}\n")
    cb = analyze_dir(tmp_path)
    assert cb.diagnostics and not errors(cb)
    assert all(d.severity == "warning" and "gcc accepts the file" in d.message for d in cb.diagnostics)
    res = CliRunner().invoke(app, ["analyze", str(tmp_path)])
    assert res.exit_code == 0, res.output


def test_analyze_exits_1_when_it_reports_errors(tmp_path: Path) -> None:
    (tmp_path / "a.c").write_text(BEFORE + "int broken(int x)\n{\n\treturn x +;\n}\n" + AFTER)
    res = CliRunner().invoke(app, ["analyze", str(tmp_path)])
    assert res.exit_code == 1, res.output
    assert "3 functions" in res.output and "a.c:8: error: syntax error in function 'broken'" in res.output
