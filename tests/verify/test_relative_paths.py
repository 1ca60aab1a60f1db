"""Relative SRC, OUT and cflags paths, from a working directory that is neither SRC nor OUT."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llmigrate.cli import app
from llmigrate.config import Config

CALC_H = "int scale(int a);\nint twice_scaled(int a);\n"  # in inc/: found only through `-Iinc`
SHIM_H = "#define SCALE 3\n"  # forced in by `-include shim.h`
CALC_C = """#include "calc.h"

int scale(int a)
{
\treturn a * SCALE;
}

int twice_scaled(int a)
{
\treturn 2 * scale(a);
}
"""
TEST_C = """#include "calc.h"

int main(void)
{
\treturn !(scale(2) == 6 && twice_scaled(-1) == -6);
}
"""


def write_src(src: Path) -> None:
    (src / "inc").mkdir(parents=True)
    (src / "tests").mkdir()
    (src / "inc" / "calc.h").write_text(CALC_H)
    (src / "shim.h").write_text(SHIM_H)
    (src / "calc.c").write_text(CALC_C)
    (src / "tests" / "test_calc.c").write_text(TEST_C)
    (src / "llmigrate.toml").write_text('[c]\ncflags = ["-include", "shim.h", "-Iinc"]\n')


def test_cflags_paths_are_resolved_against_src(tmp_path: Path) -> None:
    (tmp_path / "shim.h").write_text(SHIM_H)
    cfg = Config(cflags=["-include", "shim.h", "-include", "elsewhere.h", "-Iinc", "-isystem", "sys",
                         "-iquoteq", "-imacros", "/abs/m.h", "-O2"])
    assert cfg.c_args(tmp_path) == [
        f"-fmacro-prefix-map={tmp_path}/=",
        "-include", f"{tmp_path}/shim.h", "-include", "elsewhere.h", f"-I{tmp_path}/inc",
        "-isystem", f"{tmp_path}/sys", f"-iquote{tmp_path}/q", "-imacros", "/abs/m.h", "-O2"]


@pytest.mark.slow
def test_migrate_verify_check_with_relative_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_src(tmp_path / "proj" / "src")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    src, out = "../proj/src", "../proj/out"
    runner = CliRunner()
    res = runner.invoke(app, ["migrate", src, "--out", out, "--backend", "builtin"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["verify", out])
    assert res.exit_code == 0, res.output
    assert "c-test tests/test_calc.c: C passed, Rust passed [ok]" in res.output
    assert "differential: 2 function(s) compared" in res.output and "(2 equivalent, 0 differ" in res.output
    assert "0 could not be checked" in res.output
    res = runner.invoke(app, ["check", src, out, "--format", "github", "--junit", "j.xml"])
    assert res.exit_code == 0, res.output
    suites = {s.get("name"): s for s in ET.parse("j.xml").getroot()}
    assert suites["c-tests"].get("failures") == "0" and suites["c-tests"].get("tests") == "1"
    assert suites["differential"].get("skipped") == "0" and suites["differential"].get("tests") == "2"
