"""`llmigrate migrate --backend openai` against the fake server when the model's Rust never works: the
builtin's shared module and translations stand in, repair stops when the model repeats itself, and the run
still builds (issue 18 items 2, 3, 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from helpers.fake_openai import FakeOpenAI, Reply
from helpers.paths import data_text

pytestmark = pytest.mark.slow

# Passes the guard, never compiles: u32 has no such method (and rustc has no fix for it).
BROKEN = "```rust\npub fn scale(x: u32) -> u32 {\n    x.frobnicate(SCALE)\n}\n```"
LAZY = "```rust\npub fn acc_add(a: &mut acc, x: u32) {\n    todo!()\n}\n```"


def migrate(tmp_path, script: dict, toml: str = "") -> tuple[subprocess.CompletedProcess, dict, FakeOpenAI]:
    src, out = tmp_path / "clib", tmp_path / "out"
    src.mkdir()
    (src / "calc.c").write_text(data_text("backends/openai/calc.c"))
    if toml:
        (src / "llmigrate.toml").write_text(toml)
    with FakeOpenAI(script) as fake:
        env = {**os.environ, "OPENAI_API_KEY": "sk-fallback-tests-0000"}
        cmd = [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out),
               "--backend", "openai", "--base-url", fake.base_url, "--no-verify"]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    return done, json.loads((out / ".llmigrate" / "journal.json").read_text()), fake


def test_functions_the_model_never_gets_right_come_from_the_builtin(tmp_path):
    script = {"unit:scale": [Reply(BROKEN)], "repair:scale": [Reply(BROKEN)], "unit:acc_add": [Reply(LAZY)]}
    done, journal, fake = migrate(tmp_path, script)
    assert done.returncode == 0, done.stderr[-3000:]
    assert fake.count("shared") == 0 and journal["shared"]["origin"] == "builtin"
    scale, acc_add = journal["functions"]["scale"], journal["functions"]["acc_add"]
    assert (scale["status"], scale["backend"], acc_add["status"], acc_add["backend"]) == (
        "compiled", "builtin", "compiled", "builtin")
    # repair: the identical reply earns one retry at a higher temperature, then the builtin stands in
    repairs = [r.body for r in fake.requests if r.key == "repair:scale"]
    assert [r["temperature"] for r in repairs] == [0, 0.7]
    assert scale["fallback_reason"].startswith("openai: still failing after 2 repair round(s)")
    assert [r["fixed_by"] for r in scale["rounds"]][-1] == "builtin"
    # translation: a lazy reply, re-asked once, lazy again (nothing fixed), then the builtin's translation
    assert fake.count("unit:acc_add") == 2 and "todo!()" in acc_add["fallback_reason"]
    assert all(r.body["max_tokens"] >= 512 for r in fake.requests)
    report = json.loads((tmp_path / "out" / "report" / "report.json").read_text())
    by_name = {f["name"]: f for f in report["functions"]}
    assert by_name["scale"]["backend"] == "builtin" and "repair round" in by_name["scale"]["fallback_reason"]


def test_a_model_shared_module_that_does_not_build_gives_way_to_the_builtins(tmp_path):
    wrapped = ("```rust\npub mod shared {\n    #[repr(C)]\n    #[derive(Clone, Copy)]\n    pub struct acc {\n"
               "        pub total: u32,\n        pub count: u32,\n    }\n    pub const SCALE: u32 = 3;\n"
               "    pub fn helper() -> u32 {\n        \"three\"\n    }\n}\n```")
    good = "```rust\npub fn scale(x: u32) -> u32 {\n    x.wrapping_mul(SCALE as u32)\n}\n```"
    script = {"shared": [Reply(wrapped)], "unit:scale": [Reply(good)], "unit:acc_add": [Reply(LAZY)]}
    done, journal, fake = migrate(tmp_path, script, '[model]\nshared = "model"\n')
    assert done.returncode == 0, done.stderr[-3000:]
    assert fake.count("shared") == 1 and "does not build" in done.stderr
    assert journal["shared"]["origin"] == "builtin" and "did not build" in journal["shared"]["failures"][0]
    shared_rs = (tmp_path / "out" / "src" / "shared.rs").read_text()
    assert "fn helper" not in shared_rs and "pub struct acc" in shared_rs
    assert journal["functions"]["scale"]["backend"] == "openai"


def test_a_builtin_stand_in_that_does_not_compile_is_kept_in_c_without_asking_the_model(tmp_path):
    """The model's shared module builds but names the fields of `acc` its own way, so the builtin's
    `acc_add`, standing in for the model's lazy replies, does not compile: the model gave way already, no
    repair round goes to it."""
    shared = ("```rust\n#[repr(C)]\n#[derive(Clone, Copy)]\npub struct acc {\n    pub sum: u32,\n"
              "    pub n: u32,\n}\npub const SCALE: u32 = 3;\n```")
    good = "```rust\npub fn scale(x: u32) -> u32 {\n    x.wrapping_mul(SCALE)\n}\n```"
    script = {"shared": [Reply(shared)], "unit:scale": [Reply(good)], "unit:acc_add": [Reply(LAZY)]}
    done, journal, fake = migrate(tmp_path, script, '[model]\nshared = "model"\n')
    assert done.returncode == 1, done.stderr[-3000:]  # a function kept in C
    acc_add = journal["functions"]["acc_add"]
    assert journal["shared"]["origin"] == "model" and acc_add["backend"] == "builtin"
    assert fake.count("repair:acc_add") == 0 and acc_add["rounds"] == []
    assert acc_add["status"] == "kept_in_c"
    assert any("standing in for the model's fails too" in r for r in acc_add["reasons"])


def test_prompts_fitted_to_a_small_window_say_what_they_left_out(tmp_path):
    good = "```rust\npub fn scale(x: u32) -> u32 {\n    x.wrapping_mul(SCALE as u32)\n}\n```"
    script = {"unit:scale": [Reply(BROKEN), Reply(good)], "repair:scale": [Reply(good)],
              "unit:acc_add": [Reply(LAZY)]}
    done, journal, fake = migrate(tmp_path, script, "[model]\ncontext = 1000\n")
    assert done.returncode == 0, done.stderr[-3000:]
    assert all(r.body["max_tokens"] <= 500 for r in fake.requests)
    assert journal["functions"]["acc_add"]["context_dropped"]
    (repair,) = journal["functions"]["scale"]["rounds"]
    assert repair["fixed_by"] == "backend" and "left out" in repair["note"]


def test_a_reply_going_back_to_code_already_tried_is_asked_again_hotter_not_installed(tmp_path):
    """The model's second repair returns its first translation again (A -> B -> A): that reply is not
    installed as a round; the same round asks again at the higher temperature and installs what comes."""
    other = BROKEN.replace("frobnicate(SCALE)", "frobnicate(SCALE + 1)")
    third = BROKEN.replace("frobnicate(SCALE)", "frobnicate(SCALE * 2)")
    script = {"unit:scale": [Reply(BROKEN)], "repair:scale": [Reply(other), Reply(BROKEN), Reply(third)],
              "unit:acc_add": [Reply(LAZY)]}
    done, journal, fake = migrate(tmp_path, script)
    assert done.returncode == 0, done.stderr[-3000:]
    repairs = [r.body for r in fake.requests if r.key == "repair:scale"]
    assert [r["temperature"] for r in repairs][:3] == [0, 0, 0.7]
    rounds = [r for r in journal["functions"]["scale"]["rounds"] if r["kind"] == "compile"]
    installed = [r["code"] for r in rounds]
    assert "SCALE + 1" in installed[1] and "SCALE * 2" in installed[2]
    # no reply a round installed was code an earlier round had been given (a round without a reply installs
    # nothing, and the next round is given the same code: no repeat)
    assert not [i for i in range(1, len(rounds))
                if rounds[i - 1]["fixed_by"] and installed[i] in installed[:i - 1]]
