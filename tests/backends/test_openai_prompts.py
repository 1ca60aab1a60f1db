"""What the openai backend puts in its prompts (context slice, shared Rust, repair diagnostics)."""

from __future__ import annotations

import pytest
from helpers.fake_openai import FakeOpenAI, Reply, synthetic

from llmigrate.backends import get_backend
from llmigrate.config import Config
from llmigrate.core import CMacro, ContextSlice, CType, Param, RepairRequest, SharedTranslation, Unit
from llmigrate.signatures.mapper import map_all
from llmigrate.translate.driver import unit_request

SHARED_RUST = """#[repr(C)]
#[derive(Clone, Copy)]
pub struct pair {
    pub a: i32,
    pub b: i32,
}

pub const LIMIT: i32 = 64;
"""


@pytest.fixture(autouse=True)
def key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-prompt-tests-0000")


def codebase_with_context():
    cb, plan = synthetic([1, 1])
    source = "struct pair {\n\tint a;\n\tint b;\n};"
    cb.types["struct pair"] = CType("struct pair", "struct", "chain.h", 3, source,
                                    fields=[Param("a", "int"), Param("b", "int")])
    cb.macros["LIMIT"] = CMacro("LIMIT", "chain.h", 1, None, "64")
    cb.slices["f1_0"] = ContextSlice("f1_0", types=["struct pair"], macros=["LIMIT"], callees=["f0_0"])
    return cb, plan


def test_translate_prompt_carries_context_as_c_and_rust(tmp_path):
    cb, _ = codebase_with_context()
    shared = SharedTranslation(SHARED_RUST, names={"struct pair": "pair", "LIMIT": "LIMIT"})
    request = unit_request(cb, Unit("f1_0", ["f1_0"]), map_all(cb), shared)
    with FakeOpenAI({"unit:f1_0": [Reply("```rust\npub fn f1_0(x: i32) -> i32 { x }\n```")]}) as fake:
        backend = get_backend("openai", Config(base_url=fake.base_url))
        t = backend.translate_unit(request)
    assert t.ok and t.code["f1_0"].startswith("pub fn f1_0")
    system, user = (m["content"] for m in fake.requests[0].body["messages"])
    assert "single ```rust block" in system
    assert "struct pair {\n\tint a;" in user and "#define LIMIT 64" in user  # the C context
    assert "pub struct pair {\n    pub a: i32," in user and "pub const LIMIT: i32 = 64;" in user  # its Rust
    assert "`crate::chain::f0_0`: `pub fn f0_0(x: i32) -> i32`" in user
    assert "use crate::shared::*;" in user and "#[no_mangle]" in user and "no external crates" in user


def test_repair_prompt_carries_code_and_diagnostics(tmp_path):
    cb, _ = codebase_with_context()
    request = unit_request(cb, Unit("f1_0", ["f1_0"]), map_all(cb), SharedTranslation(""))
    broken = "pub fn f1_0(x: i32) -> i32 { x + \"1\" }\n"
    diag = "error[E0277]: cannot add `&str` to `i32`\n --> src/chain.rs:3:35"
    fixed = "```rust\npub fn f1_0(x: i32) -> i32 {\n    crate::chain::f0_0(x).wrapping_add(1)\n}\n```"
    with FakeOpenAI({"repair:f1_0": [Reply(fixed)]}) as fake:
        backend = get_backend("openai", Config(base_url=fake.base_url))
        t = backend.repair_unit(RepairRequest(request, {"f1_0": broken}, [diag], round=2))
    user = fake.requests[0].body["messages"][1]["content"]
    assert broken.strip() in user and "cannot add `&str` to `i32`" in user and "repair round 2" in user
    assert t.ok and "wrapping_add(1)" in t.code["f1_0"] and t.tokens_in > 0


def test_the_c_in_a_prompt_comes_without_its_comments(tmp_path):
    """A small model copies C comments into its reply, at a few tokens a second on a CPU; the rules say how
    C's wrapping arithmetic and C-only syntax are written in Rust, the mistakes a real small model made."""
    cb, _ = synthetic([1])
    cb.functions["f0_0"].source = ("int f0_0(int x)\n{\n\t/*\n\t * Why it adds one:\n\t * tradition.\n\t */\n"
                                   "\tx = x + 1; // after the add\n\n\treturn x; /* done */\n}\n")
    request = unit_request(cb, Unit("f0_0", ["f0_0"]), map_all(cb), SharedTranslation(""))
    reply = "```rust\npub fn f0_0(mut x: i32) -> i32 { x += 1; x }\n```"  # `mut x`: the C assigns to x
    with FakeOpenAI({"unit:f0_0": [Reply(reply)]}) as fake:
        t = get_backend("openai", Config(base_url=fake.base_url)).translate_unit(request)
    user = fake.requests[0].body["messages"][1]["content"]
    assert "```c\nint f0_0(int x)\n{\n\tx = x + 1;\n\n\treturn x;\n}\n```" in user
    assert "tradition" not in user and "after the add" not in user
    assert "a.wrapping_mul(b)" in user and "loop { body; if !(cond) { break; } }" in user
    assert t.ok


def test_shared_items_translated_and_missing_ones_reasked(tmp_path):
    cb, _ = codebase_with_context()
    partial = "```rust\npub const LIMIT: i32 = 64;\n```"
    with FakeOpenAI({"shared": [Reply(partial), Reply(f"```rust\n{SHARED_RUST}```")]}) as fake:
        backend = get_backend("openai", Config(base_url=fake.base_url, model_shared="model"))
        shared = backend.translate_shared(cb)
    assert shared.code == SHARED_RUST and not shared.failures
    assert shared.names == {"struct pair": "pair", "LIMIT": "LIMIT"}
    first, second = (r.body["messages"][1]["content"] for r in fake.requests)
    assert "`struct pair` -> `pair`" in first and "struct pair {" in first
    assert "these items are missing: pair" in second and shared.tokens_in > 0


def test_shared_items_that_never_come_are_failures(tmp_path):
    cb, _ = codebase_with_context()
    with FakeOpenAI({"shared": [Reply("```rust\npub const LIMIT: i32 = 64;\n```")]}) as fake:
        backend = get_backend("openai", Config(base_url=fake.base_url, max_attempts=2, model_shared="model"))
        shared = backend.translate_shared(cb)
    assert len(fake.requests) == 2
    assert shared.failures == ["chain.h:3: struct pair: missing from the model's shared module"]


def test_cycle_prompts_render_and_missing_variables_are_errors():
    import jinja2

    from llmigrate.translate import prompting

    cb, _ = synthetic([2])
    cb.functions["f0_0"].callees, cb.functions["f0_1"].callees = ["f0_1"], ["f0_0"]
    request = unit_request(cb, Unit("f0_0", ["f0_0", "f0_1"]), map_all(cb), SharedTranslation(""))
    text = prompting.render("translate_unit.j2", **prompting.unit_context(request))
    assert "\n\n[unit f0_0]\nTranslate this C group of mutually recursive functions" in text
    assert "## Required Rust signatures\n- `pub fn f0_0(x: i32) -> i32`" in text and "int f0_1(int x)" in text
    repair = RepairRequest(request, {"f0_0": "pub fn f0_0() {}", "f0_1": "pub fn f0_1() {}"}, ["E0061"])
    repair_text = prompting.render("repair_unit.j2", **prompting.repair_context(repair))
    assert "corrected functions in one" in repair_text
    # every request of a run starts with the same rules, which a server's prompt cache reads only once
    rules = prompting.render("_rules.j2")
    assert text.startswith(rules) and repair_text.startswith(rules) and len(rules) > 1000
    with pytest.raises(jinja2.UndefinedError):
        prompting.render("translate_unit.j2", unit_id="x")
