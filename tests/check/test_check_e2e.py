"""`llmigrate check` on a crate made by a real `migrate` (builtin backend): clean, drifted, then --fix."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers.fake_openai import FakeOpenAI, Reply
from helpers.tested_lib import CALC_C, TEST_C, write_src
from typer.testing import CliRunner

from llmigrate.cli import app


@pytest.mark.slow
def test_check_passes_then_catches_drift_then_fixes_it(tmp_path: Path) -> None:
    src, out = write_src(tmp_path), tmp_path / "out"
    runner = CliRunner()
    res = runner.invoke(app, ["migrate", str(src), "--out", str(out), "--backend", "builtin"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["check", str(src), str(out), "--junit", str(tmp_path / "j.xml")])
    assert res.exit_code == 0, res.output
    assert "result: all checks passed" in res.stdout

    calc_rs = out / "src" / "calc.rs"  # a reviewer's edit of add, which did not drift, must survive --fix
    calc_rs.write_text(calc_rs.read_text().replace("a.wrapping_add(b)\n", "a.wrapping_add(b) // reviewed\n"))
    (src / "calc.c").write_text(CALC_C.replace("return add(a, a);", "return add(a, a) + 0;"))
    res = runner.invoke(app, ["check", str(src), str(out), "--format", "github"])
    assert res.exit_code == 1
    assert f"::error file={(src / 'calc.c').as_posix()},line=8,title=llmigrate drift%3A twice::" in res.stdout

    res = runner.invoke(app, ["check", str(src), str(out), "--fix"])
    assert res.exit_code == 0, res.output
    assert "retranslated twice -> compiled" in res.stdout
    assert "a.wrapping_add(b) // reviewed" in calc_rs.read_text()
    assert "twice: Rust edited by hand" not in res.stdout and "add: Rust edited by hand" in res.stdout
    lock = json.loads((out / "llmigrate.lock").read_text())
    assert set(lock["functions"]) == {"add", "twice"}
    # CI checks out elsewhere: the paths recorded at migration time no longer exist
    (tmp_path / "ci").mkdir()
    src, out = src.rename(tmp_path / "ci" / "calc"), out.rename(tmp_path / "ci" / "out")
    res = runner.invoke(app, ["check", str(src), str(out)])
    assert res.exit_code == 0, res.output


@pytest.mark.slow
def test_a_wrong_hand_edit_fails_the_c_test_and_differential(tmp_path: Path) -> None:
    src, out = write_src(tmp_path), tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(app, ["migrate", str(src), "--out", str(out), "--backend", "builtin"]).exit_code == 0
    calc = out / "src" / "calc.rs"
    calc.write_text(calc.read_text().replace("    crate::calc::add(a, a)\n",
                                             "    crate::calc::add(a, a).wrapping_add(1)\n"))
    junit_file = tmp_path / "j.xml"
    res = runner.invoke(app, ["check", str(src), str(out), "--junit", str(junit_file)])
    assert res.exit_code == 1, res.output
    assert "warning: " in res.stdout and "twice: Rust edited by hand since generation" in res.stdout
    assert "C test tests/test_calc.c passes against the C but not against the Rust" in res.stdout
    root = ET.parse(junit_file).getroot()
    failed = {(s.get("name"), c.get("name")) for s in root for c in s if c.find("failure") is not None}
    assert failed == {("c-tests", "tests/test_calc.c"), ("differential", "twice")}
    differs = root.find("testsuite[@name='differential']/testcase[@name='twice']/failure")
    assert differs.get("message").startswith("twice: Rust differs from C on input")
    case = root.find("testsuite[@name='differential']/testcase[@name='twice']")
    assert (case.get("file"), case.get("line")) == ((src / "calc.c").as_posix(), "8")


def migrated_as_if_by_a_model(src: Path, out: Path) -> CliRunner:
    """Migrate with builtin, then mark the journal as a gpt-4o run whose model cache holds no reply."""
    runner = CliRunner()
    assert runner.invoke(app, ["migrate", str(src), "--out", str(out), "--backend", "builtin"]).exit_code == 0
    journal = out / ".llmigrate" / "journal.json"
    data = json.loads(journal.read_text())
    data.update(backend="openai", model="gpt-4o")
    journal.write_text(json.dumps(data))
    return runner


@pytest.mark.slow
def test_fix_never_calls_a_model_and_fails_on_a_cache_miss(tmp_path: Path, monkeypatch) -> None:
    # a closed port: if --fix tried the network, it could not reach anything
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    src, out = write_src(tmp_path), tmp_path / "out"
    runner = migrated_as_if_by_a_model(src, out)
    (src / "calc.c").write_text(CALC_C.replace("return add(a, a);", "return add(a, a) + 0;"))
    res = runner.invoke(app, ["check", str(src), str(out), "--fix"])
    assert res.exit_code == 1
    assert "could not translate twice (twice -> kept_in_c)" in res.stdout
    assert "frozen model cache has no reply" in res.stdout
    assert "sk-test-not-a-real-key" not in res.stdout


@pytest.mark.slow
def test_fix_asks_the_model_when_not_frozen(tmp_path: Path, monkeypatch) -> None:
    def answer(key: str, body: dict) -> Reply:  # the signature the prompt requires, calling add as the C does
        decl = re.search(r"## Required Rust signature\n- `([^`]+)`", body["messages"][-1]["content"]).group(1)
        return Reply(f"```rust\n{decl} {{\n    crate::calc::add(a, a).wrapping_add(1)\n}}\n```")

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    src, out = write_src(tmp_path), tmp_path / "out"
    runner = migrated_as_if_by_a_model(src, out)
    (src / "calc.c").write_text(CALC_C.replace("return add(a, a);", "return add(a, a) + 1;"))
    (src / "tests" / "test_calc.c").write_text(TEST_C.replace("== 8", "== 9").replace("== -6", "== -5"))
    with FakeOpenAI(default=answer) as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        live = runner.invoke(app, ["check", str(src), str(out), "--fix", "--no-frozen"])
    assert [r.key for r in fake.requests] == ["unit:twice"]
    assert live.exit_code == 0, live.stdout
    assert "retranslated twice -> compiled" in live.stdout or "retranslated twice -> verified" in live.stdout
    assert "wrapping_add(1)" in (out / "src" / "calc.rs").read_text()


@pytest.mark.slow
def test_fix_leaves_a_conflict_alone_unless_forced(tmp_path: Path) -> None:
    src, out = write_src(tmp_path), tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(app, ["migrate", str(src), "--out", str(out), "--backend", "builtin"]).exit_code == 0
    calc_rs = out / "src" / "calc.rs"  # twice: hand-edited Rust and changed C; add: changed C only
    mine = "crate::calc::add(a, a) // mine"
    calc_rs.write_text(calc_rs.read_text().replace("crate::calc::add(a, a)", mine))
    assert "// mine" in calc_rs.read_text()
    (src / "calc.c").write_text(CALC_C.replace("return a + b;", "return b + a;")
                                .replace("return add(a, a);", "return add(a, a) + 0;"))
    res = runner.invoke(app, ["check", str(src), str(out), "--fix"])
    assert res.exit_code == 1, res.output
    assert "twice: conflict: its C changed and its Rust was edited by hand" in res.stdout
    assert "retranslated add -> compiled" in res.stdout
    assert "// mine" in calc_rs.read_text()
    assert "twice: C source changed" in res.stdout  # still drifted: the next --fix sees it again
    res = runner.invoke(app, ["check", str(src), str(out), "--fix", "--force"])
    assert res.exit_code == 0, res.output
    assert "retranslated twice -> compiled" in res.stdout
    assert "// mine" not in calc_rs.read_text()
