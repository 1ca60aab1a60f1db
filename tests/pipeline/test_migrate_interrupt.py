"""Stopping and resuming `migrate`: Ctrl-C names the resume command, a resumed run says what it reused, and
`--resume --no-verify` keeps the verification of functions it did not change."""

from __future__ import annotations

import re
import signal
import subprocess

import pytest
from helpers.chain_run import chain_project, migrate_cmd, start_until_translated
from helpers.fake_openai import FakeOpenAI
from helpers.runs import journal, translated
from helpers.tested_lib import CALC_C, write_src
from typer.testing import CliRunner

from llmigrate.cli import app


@pytest.mark.slow
def test_ctrl_c_prints_the_resume_command_and_resume_counts_reused_units(tmp_path):
    cb, src, script, env = chain_project(tmp_path, [3, 2, 1])
    out = tmp_path / "out"
    with FakeOpenAI(script) as fake:
        cmd = migrate_cmd(src, out, fake)
        proc = start_until_translated(cmd, env, out)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 130, stderr[-3000:]
        assert f"continue with: llmigrate migrate {src} --out {out} --resume" in stderr
        assert "Traceback" not in stderr
        finished = translated(out)
        done = subprocess.run([*cmd, "--resume"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"resume: {len(finished)} of {len(cb.functions)} units reused" in done.stderr
    progress = re.findall(r"translate: \d+/\d+ units done, \d+ failed \((\w+)\)", done.stderr)
    assert sorted(progress) == sorted(set(cb.functions) - finished)  # reused units are not reprinted


@pytest.mark.slow
def test_resume_without_verify_keeps_the_verification_of_unchanged_functions(tmp_path, monkeypatch):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    src, out = write_src(tmp_path), tmp_path / "out"
    runner = CliRunner()
    res = runner.invoke(app, ["migrate", str(src), "--out", str(out)])
    assert res.exit_code == 0, res.output
    before = journal(out)["functions"]
    assert {f: e["status"] for f, e in before.items()} == {"add": "verified", "twice": "verified"}
    (src / "calc.c").write_text(CALC_C.replace("return add(a, a);", "return add(a, a) + 1;"))
    res = runner.invoke(app, ["migrate", str(src), "--out", str(out), "--resume", "--no-verify"])
    assert res.exit_code == 0, res.output
    after = journal(out)["functions"]
    assert after["add"]["status"] == "verified" and after["add"]["evidence"] == before["add"]["evidence"]
    assert after["twice"]["status"] == "compiled"  # its C and Rust changed: nothing verified them yet
    assert "1 of 2 functions verified earlier stay verified" in res.stderr
