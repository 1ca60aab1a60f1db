"""Each function's Rust is parsed once for the whole report: its SAFETY proofs, the soundness net and the
page's highlighting read one parse (issue 17: at thousands of functions, every extra pass re-parsed all)."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.journal import FunctionRecord, RunRecord, Status
from llmigrate.report.edits import EditReport
from llmigrate.report.html import render_html
from llmigrate.report.reading import read_all
from llmigrate.report.render import build_report
from llmigrate.rust_syntax import tree
from llmigrate.signatures.net import names_in

# more functions than rust_syntax's cache holds texts, so a second pass over them would parse them again
_COUNT = 40


def _run() -> RunRecord:
    run = RunRecord("src", "builtin", None, "t0", "t1")
    for i in range(_COUNT):
        rec = FunctionRecord(f"f{i}", "f.c", f"f{i}", "h", "f", c_source=f"int f{i}(int *p) {{ return *p; }}")
        rec.update(status=Status.COMPILED, rust=(
            f"pub fn f{i}(p: *const i32) -> i32 {{\n    // SAFETY: p: rule nonnull-{i}: never NULL\n"
            f"    unsafe {{ *p + {i} }}\n}}\n"))
        run.functions[f"f{i}"] = rec
    return run


@pytest.fixture
def rust_parses(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The Rust texts the parser is asked for, in order (the cache emptied first)."""
    seen: list[bytes] = []

    real = tree.Parser

    class Counting:  # tree_sitter.Parser cannot be subclassed
        def __init__(self, language):
            self.parser, self.rust = real(language), language == tree._language("rust")

        def parse(self, data: bytes):
            if self.rust:
                seen.append(data)
            return self.parser.parse(data)

    tree.parsed.cache_clear()
    monkeypatch.setattr(tree, "Parser", Counting)
    yield seen
    tree.parsed.cache_clear()


def test_each_function_s_rust_is_parsed_once_for_report_json_and_the_page(rust_parses, tmp_path: Path):
    run = _run()
    rust = read_all(run, names_in([]))
    report = build_report(run, EditReport(available=False), {}, rust)
    page = render_html(tmp_path, run, report, EditReport(available=False), rust)
    assert len(rust_parses) == _COUNT == len(set(rust_parses))
    first = report["functions"][0]["safety"]
    assert first["proofs"] == [{"site": "body", "pointer": "p", "rule": "nonnull-0", "why": "never NULL"}]
    assert first["unchecked"] == ["*p"]  # names_in([]): no rule proves `*p`, so the net names it
    assert page.count('<span class="c">// SAFETY: p: rule nonnull-') == _COUNT
