"""`llmigrate migrate` with the openai backend against the fake server builds a crate (real cargo)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from helpers.fake_openai import FakeOpenAI, Reply
from helpers.paths import data_text

pytest.importorskip("llmigrate.analyze.codebase", reason="the analyze stage has not landed")

LIB_C = data_text("backends/openai/calc.c")
SHARED = ("Sure.\n```rust\n#[repr(C)]\n#[derive(Clone, Copy)]\npub struct acc {\n    pub total: u32,\n"
          "    pub count: u32,\n}\n\npub const SCALE: u32 = 3;\n```\n")
BODIES = {
    "scale": "    x.wrapping_mul(SCALE)",
    "acc_add": "    #[allow(unused_unsafe)]\n    unsafe {\n"
               "        (*a).total = (*a).total.wrapping_add(crate::calc::scale(x));\n"
               "        (*a).count = (*a).count.wrapping_add(1);\n    }",
}


def answer(key: str, body: dict) -> Reply:
    """Write the function with the signature the prompt requires, as a model following it would."""
    prompt = body["messages"][-1]["content"]
    decl = re.search(r"## Required Rust signature\n- `([^`]+)`", prompt).group(1)
    name = key.split(":", 1)[1]
    return Reply(f"Here you go:\n```rust\n{decl} {{\n{BODIES[name]}\n}}\n```\nDone.")


@pytest.mark.slow
def test_openai_backend_migrates_a_small_library(tmp_path):
    src = tmp_path / "clib"
    src.mkdir()
    (src / "calc.c").write_text(LIB_C)
    out = tmp_path / "out"
    lazy = "```rust\npub fn scale(x: u32) -> u32 {\n    todo!()\n}\n```"
    good = f"```rust\npub fn scale(x: u32) -> u32 {{\n{BODIES['scale']}\n}}\n```"
    with FakeOpenAI({"shared": [Reply(SHARED)], "unit:scale": [Reply(lazy), Reply(good)]},
                    default=answer) as fake:
        env = {**os.environ, "OPENAI_API_KEY": "sk-e2e-test-key-0000"}
        cmd = [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out),
               "--backend", "openai", "--base-url", fake.base_url, "--no-verify"]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    journal = json.loads((out / ".llmigrate" / "journal.json").read_text())
    statuses = {fid: e["status"] for fid, e in journal["functions"].items()}
    assert done.returncode == 0, done.stderr[-3000:]
    assert statuses == {"scale": "compiled", "acc_add": "compiled"}
    assert journal["functions"]["scale"]["attempts"] == 2 and journal["tokens"]["in"] > 0
    assert "crate::calc::scale(x)" in (out / "src" / "calc.rs").read_text()
    assert "pub struct acc" in (out / "src" / "shared.rs").read_text()
    assert len(list((out / ".llmigrate" / "cache").rglob("*.json"))) == len(fake.requests)
