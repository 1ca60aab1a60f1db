"""rustfmt over a crate's files, several at once: each file formatted, failures in the files' order."""

from __future__ import annotations

import shutil

import pytest

from llmigrate.reintegrate.crate import format_crate

pytestmark = pytest.mark.skipif(shutil.which("rustfmt") is None, reason="rustfmt not on PATH")


def test_files_formatted_at_once_and_failures_in_order(tmp_path):
    files = {f"src/m{i}.rs": f"pub fn f{i}( x:i32 )->i32{{x+{i}}}\n" for i in range(4)}
    files["src/bad1.rs"] = "pub fn broken( {\n"
    files["src/bad0.rs"] = "fn also broken\n"
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    failures = format_crate(tmp_path, list(files), jobs=3)
    assert [f.split(":")[0] for f in failures] == ["src/bad1.rs", "src/bad0.rs"]
    assert all("left unformatted" in f for f in failures)
    assert (tmp_path / "src/m2.rs").read_text() == "pub fn f2(x: i32) -> i32 {\n    x + 2\n}\n"
    assert (tmp_path / "src/bad1.rs").read_text() == files["src/bad1.rs"]


def test_files_that_all_format_take_one_rustfmt_and_read_as_formatted_alone(tmp_path):
    files = {f"src/m{i}.rs": f"pub fn f{i}( x:i32 )->i32{{x+{i}}}\n" for i in range(3)}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
        (tmp_path / "alone" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "alone" / rel).write_text(text)
    assert format_crate(tmp_path, list(files), jobs=2) == []
    for rel in files:  # each file alone gives the same text as all of them in one rustfmt
        assert format_crate(tmp_path / "alone", [rel]) == []
        assert (tmp_path / rel).read_text() == (tmp_path / "alone" / rel).read_text() != files[rel]
