"""Replies are checked as Rust: what does not parse is re-asked naming the line, module wrappers are
unwrapped, and shared modules with placeholders are rejected (issue 18 item 1)."""

from __future__ import annotations

import pytest
from helpers.fake_openai import FakeOpenAI, Reply, good_reply_for, migrate_context, synthetic

from llmigrate.backends import get_backend
from llmigrate.config import Config
from llmigrate.core import RejectOutput, Unit
from llmigrate.translate import guard, prompting
from llmigrate.translate.driver import translate_units

# What a small code model sent: a C-style do/while and an unclosed brace.
DO_WHILE = ("```rust\npub fn f0_0(x: i32) -> i32 {\n    let mut y = x;\n    do {\n        y += 1;\n"
            "    } while (y < 3);\n    y.wrapping_add(0)\n}\n```")
UNCLOSED = "```rust\npub fn f0_0(x: i32) -> i32 {\n    if x > 0 {\n        x.wrapping_add(0)\n}\n```"


@pytest.mark.parametrize("reply", [DO_WHILE, UNCLOSED])
def test_a_reply_that_does_not_parse_is_reasked_with_its_line(tmp_path, monkeypatch, reply):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-syntax-tests-0000")
    cb, plan = synthetic([1])
    with FakeOpenAI({"unit:f0_0": [Reply(reply), Reply(good_reply_for(cb, "f0_0"))]}) as fake:
        backend = get_backend("openai", Config(base_url=fake.base_url, model_fallback="none"))
        results = translate_units(migrate_context(tmp_path / "out", backend, cb, plan))
    assert results["f0_0"].ok and results["f0_0"].attempts == 2
    second = fake.requests[1].prompt
    assert "does not parse (line " in second and "does not parse" not in fake.requests[0].prompt


def test_c_syntax_in_a_reply_is_named_with_the_rust_for_it():
    # as Qwen2.5-Coder-1.5B wrote rational_best_approximation, twice (the line numbers alone did not help)
    reply = ("pub fn f(p: u64, q: u64) -> u32 {\n    let mut t = 0;\n    if q != 0\n        t = p / q;\n"
             "    t++;\n    (u32)t\n}\n")
    with pytest.raises(RejectOutput) as e:
        guard.check_shared(reply)
    assert "need braces around the body, even one statement (line 3)" in str(e.value)
    assert "`(u32)x` is `x as u32` in Rust (line 6)" in str(e.value) and "no `++`/`--`" in str(e.value)
    fine = ("pub fn f(a: u64) -> u32 {\n    if a > 1 ||\n        a < 9 {\n        return (u64::MAX) as u32;\n"
            "    }\n    0\n}\n")
    assert guard.c_habits(fine) == []


def test_module_wrappers_and_empty_main_are_unwrapped():
    wrapped = ("Here is the module:\n```rust\n#[allow(dead_code)]\npub mod shared {\n    use super::*;\n"
               "    #[repr(C)]\n    pub struct acc {\n        pub total: u32,\n    }\n\n"
               "    pub const SCALE: u32 = 3;\n}\n\nfn main() {}\n```")
    code = prompting.unwrap(prompting.extract_code(wrapped))
    assert "mod shared" not in code and "fn main" not in code
    assert "pub struct acc" in code and "pub const SCALE: u32 = 3;" in code
    cb, _ = synthetic([1])
    reply = "```rust\nmod chain {\n    pub fn f0_0(x: i32) -> i32 {\n        x\n    }\n}\n```"
    parsed = prompting.parse_reply(reply, Unit("f0_0", ["f0_0"]), {"f0_0": "f0_0"})
    assert parsed["f0_0"].strip().startswith("pub fn f0_0(x: i32) -> i32 {")


@pytest.mark.parametrize("code, expected", [
    ("pub struct u8 {}\npub const SCALE: u32 = 3;\n", "Rust primitive"),
    ("pub const fn attr() {\n    // This is a placeholder\n}\n", "placeholder"),
    ("pub struct acc {\n    pub total: u32,\n", "the shared module does not parse"),
    ("pub static X: u32 = todo!();\n", "todo!()"),
])
def test_shared_modules_with_placeholders_are_rejected(code, expected):
    with pytest.raises(RejectOutput, match=expected.replace("(", r"\(").replace(")", r"\)")):
        guard.check_shared(code)
    guard.check_shared("#[repr(C)]\npub struct acc {\n    pub total: u32,\n}\n")
