"""`migrate` says first which backend it uses and why; a model server that is down stops the run at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.tested_lib import write_src
from typer.testing import CliRunner

from llmigrate.cli import app

CLOSED = "http://127.0.0.1:9/v1"  # the discard port: nothing listens there


def first_line(res) -> str:
    return res.stderr.splitlines()[0]


@pytest.fixture
def no_model(monkeypatch):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_builtin_when_no_model_is_configured(tmp_path: Path, no_model) -> None:
    res = CliRunner().invoke(app, ["migrate", str(write_src(tmp_path)), "--out", str(tmp_path / "o"),
                                   "--dry-run"])
    assert res.exit_code == 0, res.output
    assert first_line(res).startswith("llmigrate: backend builtin: no model configured")


def test_openai_because_the_key_is_set_names_the_offline_way(tmp_path: Path, no_model) -> None:
    no_model.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    res = CliRunner().invoke(app, ["migrate", str(write_src(tmp_path)), "--out", str(tmp_path / "o"),
                                   "--dry-run"])
    assert first_line(res) == ("llmigrate: backend openai: OPENAI_API_KEY is set; --backend builtin for the "
                               "offline translator")
    res = CliRunner().invoke(app, ["migrate", str(write_src(tmp_path / "b")), "--out", str(tmp_path / "o"),
                                   "--dry-run", "--backend", "builtin"])
    assert first_line(res) == "llmigrate: backend builtin: --backend builtin"


def test_unreachable_server_stops_the_run_with_the_resume_command(tmp_path: Path, no_model) -> None:
    no_model.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    no_model.setenv("OPENAI_BASE_URL", CLOSED)
    src, out = write_src(tmp_path), tmp_path / "out"
    with (src / "llmigrate.toml").open("a") as f:
        f.write("[model]\nmax_retries = 0\n")
    res = CliRunner().invoke(app, ["migrate", str(src), "--out", str(out), "--no-verify"])
    assert res.exit_code == 2, res.output
    assert res.stderr.count("cannot reach") == 1, res.stderr
    assert f"cannot reach the model server at {CLOSED}" in res.stderr
    assert f"continue with: llmigrate migrate {src} --out {out} --resume" in res.stderr
    journal = json.loads((out / ".llmigrate" / "journal.json").read_text())
    assert journal["shared"]["code"]  # the finished work (the shared module) is kept for --resume
