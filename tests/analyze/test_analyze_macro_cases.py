"""Macros that expand to `case X: return "X";` defeat tree-sitter (here it reads `CASE_STR(...)` as a function
and loses the two after it); the compiler's view decides which functions exist, and a file whose errors
swallowed definitions the compiler sees is read again definition by definition."""

from __future__ import annotations

from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir


def test_functions_are_what_the_compiler_defines() -> None:
    cb = analyze_dir(DATA / "analyze" / "macro_cases")
    assert set(cb.functions) == {"op_name", "tok_name", "show"}
    assert "tok_name" in cb.functions["show"].callees
    # gcc accepts the file: the parser's trouble stays a warning, nothing is an error
    assert all(d.severity != "error" for d in cb.diagnostics), cb.diagnostics
