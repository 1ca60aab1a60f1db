"""`--help`, usage errors and `--version`: plain text a new user can read, consistent with README."""

from __future__ import annotations

import re
import tomllib

import pytest
from helpers.paths import ROOT
from typer.testing import CliRunner

from llmigrate import __version__, backends
from llmigrate.cli import app

COMMANDS = ["analyze", "migrate", "verify", "report", "check"]
# typer/click placeholders that say nothing to a user: `{src}`, `<bool>`, `<path>`, `[default: no-resume]`
PLACEHOLDER = re.compile(r"\{\w+\}|<\w+>|default: no-|╭")


def run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(app, list(args), prog_name="llmigrate")
    return res.exit_code, res.output


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_no_placeholders(command: str) -> None:
    code, text = run(*filter(None, [command, "--help"]))
    assert code == 0, text
    assert not PLACEHOLDER.findall(text), text
    assert text.startswith(f"Usage: llmigrate {command + ' ' if command else ''}[OPTIONS]")


def test_usage_lines_name_the_arguments() -> None:
    assert run("migrate", "--help")[1].startswith("Usage: llmigrate migrate [OPTIONS] SRC --out OUT\n")
    assert run("check", "--help")[1].startswith("Usage: llmigrate check [OPTIONS] SRC OUT\n")
    code, text = run("analyze")
    assert code == 2 and "Usage: llmigrate analyze [OPTIONS] SRC" in text and "Missing argument 'SRC'" in text
    assert not PLACEHOLDER.findall(text), text


def test_backend_choices_match_readme_and_registry() -> None:
    names = "|".join(backends.BACKENDS)
    assert names == "builtin|openai|scripted"
    assert f"--backend {names}" in run("migrate", "--help")[1]
    assert f"--backend {names}" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert backends.available() == sorted(backends.BACKENDS)


def test_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert __version__ == project["version"]
    assert run("--version") == (0, f"llmigrate {__version__}\n")
