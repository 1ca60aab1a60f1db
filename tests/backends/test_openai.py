"""The openai backend through the real `openai` client against the fake Chat Completions server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.fake_openai import FakeOpenAI, Reply, good_reply_for, synthetic

from llmigrate.backends import get_backend
from llmigrate.config import Config
from llmigrate.core import LlmigrateError
from llmigrate.journal import Journal
from llmigrate.signatures.mapper import map_all
from llmigrate.translate.driver import translate_units

KEY = "sk-test-SECRETKEY-0123456789"
SHARED = "```rust\n// nothing shared\n```"


@pytest.fixture(autouse=True)
def no_real_endpoint(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


def backend_for(fake: FakeOpenAI, tmp_path, **cfg):
    settings = {"base_url": fake.base_url, "model_max_retries": 1, "model_timeout": 5.0,
                "cache_dir": str(tmp_path / "out" / ".llmigrate" / "cache"), **cfg}
    return get_backend("openai", Config(**settings))


def run(tmp_path, backend, cb, plan, journal=None, progress=None, **settings):
    from llmigrate.core import MigrateContext, SharedTranslation

    journal = journal or Journal.create(tmp_path / "out", "/synthetic", backend.name, backend.model)
    ctx = MigrateContext(Path(cb.root), tmp_path / "out", cb.config.override(**settings), cb, journal, plan,
                         map_all(cb), backend, SharedTranslation(""))
    return translate_units(ctx, progress), journal


def good_script(cb):
    return {f"unit:{f}": [Reply(good_reply_for(cb, f))] for f in cb.functions}


def test_good_reply_with_prose_is_translated_and_tokens_counted(tmp_path):
    cb, plan = synthetic([2, 1])
    with FakeOpenAI(good_script(cb)) as fake:
        results, journal = run(tmp_path, backend_for(fake, tmp_path), cb, plan)
    assert all(t.ok for t in results.values())
    entry = journal.functions["f1_0"]
    assert entry.rust.startswith("pub fn f1_0(x: i32) -> i32 {") and "Here is" not in entry.rust
    assert entry.tokens_in > 50 and entry.tokens_out > 5 and entry.backend == "openai"
    assert journal.run.tokens_in == sum(e.tokens_in for e in journal.functions.values())
    prompt = next(r for r in fake.requests if r.key == "unit:f1_0")
    assert prompt.body["temperature"] == 0 and prompt.body["model"] == "gpt-4o"
    assert "int f1_0(int x)" in prompt.prompt  # the C source
    assert "`crate::chain::f0_0`: `pub fn f0_0(x: i32) -> i32`" in prompt.prompt  # callee signature
    assert "`pub fn f1_0(x: i32) -> i32`" in prompt.prompt  # its own required signature


def test_no_code_then_reasked_with_reason(tmp_path):
    cb, plan = synthetic([1])
    script = {"unit:f0_0": [Reply("I'm sorry, I can't translate that."), Reply(good_reply_for(cb, "f0_0"))]}
    with FakeOpenAI(script) as fake:
        results, _ = run(tmp_path, backend_for(fake, tmp_path), cb, plan)
    assert results["f0_0"].ok and results["f0_0"].attempts == 2
    assert "no Rust code" in fake.requests[1].prompt and "no Rust code" not in fake.requests[0].prompt


def test_lazy_reply_reason_reaches_the_next_prompt(tmp_path):
    cb, plan = synthetic([1, 1])
    lazy = "```rust\npub fn f1_0(x: i32) -> i32 {\n    // rest of the implementation\n    x\n}\n```"
    script = {**good_script(cb), "unit:f1_0": [Reply(lazy), Reply(good_reply_for(cb, "f1_0"))]}
    with FakeOpenAI(script) as fake:
        results, journal = run(tmp_path, backend_for(fake, tmp_path), cb, plan)
    second = [r for r in fake.requests if r.key == "unit:f1_0"][1]
    assert "rejected" in second.prompt and "marks omitted code" in second.prompt
    assert results["f1_0"].ok and journal.functions["f1_0"].attempts == 2


def test_rate_limit_then_success(tmp_path):
    cb, plan = synthetic([1])
    with FakeOpenAI({"unit:f0_0": [Reply(status=429), Reply(good_reply_for(cb, "f0_0"))]}) as fake:
        results, _ = run(tmp_path, backend_for(fake, tmp_path, model_max_retries=2), cb, plan)
    assert results["f0_0"].ok and results["f0_0"].attempts == 1 and fake.count("unit:f0_0") == 2


def test_persistent_server_error_fails_the_unit_and_run_goes_on(tmp_path):
    cb, plan = synthetic([2])
    script = {"unit:f0_0": [Reply(status=500, error="overloaded")],
              "unit:f0_1": [Reply(good_reply_for(cb, "f0_1"))]}
    with FakeOpenAI(script) as fake:
        results, journal = run(tmp_path, backend_for(fake, tmp_path), cb, plan)
    assert not results["f0_0"].ok and results["f0_1"].ok
    reason = journal.functions["f0_0"].reasons[0]
    assert "HTTP 500" in reason and "overloaded" in reason and reason.startswith("chain.c:1: f0_0:")
    assert fake.count("unit:f0_0") == 2  # the client's own retry, not a re-ask of the model


def test_slow_reply_times_out(tmp_path):
    cb, plan = synthetic([1])
    with FakeOpenAI({"unit:f0_0": [Reply(good_reply_for(cb, "f0_0"), delay=1.5)]}) as fake:
        backend = backend_for(fake, tmp_path, model_timeout=0.3, model_max_retries=0)
        results, journal = run(tmp_path, backend, cb, plan)
    assert not results["f0_0"].ok
    assert "no reply from" in journal.functions["f0_0"].reasons[0] and "0.3s" in results["f0_0"].reasons[0]


def test_bad_key_stops_the_run_without_printing_the_key(tmp_path):
    cb, plan = synthetic([3, 1])
    with FakeOpenAI(good_script(cb), api_key="sk-the-right-one-42") as fake:
        with pytest.raises(LlmigrateError) as err:
            run(tmp_path, backend_for(fake, tmp_path), cb, plan, jobs=1)
    assert err.value.exit_code == 2 and "refused the API key" in str(err.value)
    assert "Incorrect API key" in str(err.value)  # the server's words, scrubbed
    assert KEY not in str(err.value) and "SECRETKEY" not in str(err.value)
    assert fake.posts == 1  # nothing more was asked
    assert KEY not in (tmp_path / "out" / ".llmigrate" / "journal.json").read_text()


def test_unknown_model_stops_the_run(tmp_path):
    cb, plan = synthetic([2])
    with FakeOpenAI(good_script(cb)) as fake:
        with pytest.raises(LlmigrateError, match="model 'no-such-model' not found") as err:
            run(tmp_path, backend_for(fake, tmp_path, model="no-such-model"), cb, plan, jobs=1)
    assert err.value.exit_code == 2 and fake.posts == 1


def test_cache_second_run_sends_nothing(tmp_path):
    cb, plan = synthetic([2, 1])
    with FakeOpenAI(good_script(cb)) as fake:
        run(tmp_path, backend_for(fake, tmp_path), cb, plan)
        first = len(fake.requests)
        again, journal = run(tmp_path / "second", backend_for(fake, tmp_path), cb, plan)
    assert first == 3 and len(fake.requests) == 3
    assert all(t.ok for t in again.values()) and journal.functions["f1_0"].tokens_in == 0
    files = list((tmp_path / "out" / ".llmigrate" / "cache" / "gpt-4o").glob("*.json"))
    assert len(files) == 3
    record = json.loads(files[0].read_text())
    assert set(record) == {"model", "messages", "response", "usage"} and record["usage"]["prompt_tokens"] > 0
    assert all(KEY not in f.read_text() for f in files)


def test_no_cache_asks_again(tmp_path):
    cb, plan = synthetic([1])
    with FakeOpenAI(good_script(cb)) as fake:
        for _ in range(2):
            run(tmp_path, backend_for(fake, tmp_path, no_cache=True), cb, plan)
    assert fake.count("unit:f0_0") == 2 and not (tmp_path / "out" / ".llmigrate" / "cache").exists()


def test_frozen_miss_is_an_error(tmp_path):
    cb, plan = synthetic([1])
    with FakeOpenAI(good_script(cb)) as fake:
        results, journal = run(tmp_path, backend_for(fake, tmp_path, frozen=True), cb, plan)
        assert not results["f0_0"].ok and "frozen model cache has no reply" in results["f0_0"].reasons[0]
        assert len(fake.requests) == 0
        run(tmp_path, backend_for(fake, tmp_path), cb, plan)  # fill the cache
        results, _ = run(tmp_path, backend_for(fake, tmp_path, frozen=True), cb, plan)
    assert results["f0_0"].ok and len(fake.requests) == 1
    with pytest.raises(LlmigrateError, match="frozen"):
        backend_for(fake, tmp_path, frozen=True, no_cache=True)


def test_jobs_bound_concurrency_and_levels_stay_ordered(tmp_path):
    cb, plan = synthetic([6, 3])
    script = {k: [Reply(v[0].content, delay=0.25)] for k, v in good_script(cb).items()}
    with FakeOpenAI(script) as fake:
        results, _ = run(tmp_path, backend_for(fake, tmp_path), cb, plan, jobs=3)
    assert all(t.ok for t in results.values())
    assert fake.max_in_flight == 3
    level0 = [r for r in fake.requests if r.key.startswith("unit:f0_")]
    level1 = [r for r in fake.requests if r.key.startswith("unit:f1_")]
    assert min(r.start for r in level1) >= max(r.end for r in level0)


def test_no_key_without_base_url_is_a_usage_error(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY")
    with pytest.raises(LlmigrateError, match="OPENAI_API_KEY"):
        get_backend("openai", Config())


def test_progress_reports_each_unit_as_it_finishes(tmp_path):
    import time

    cb, plan = synthetic([2])
    script = {"unit:f0_0": [Reply(good_reply_for(cb, "f0_0"), delay=0.05)],
              "unit:f0_1": [Reply(good_reply_for(cb, "f0_1"), delay=1.0)], "shared": [Reply(SHARED)]}
    seen: dict[str, float] = {}
    with FakeOpenAI(script) as fake:
        backend = backend_for(fake, tmp_path, model_shared="model")
        backend.translate_shared(cb)  # the first request goes alone; after a reply, units run at once
        run(tmp_path, backend, cb, plan, jobs=2,
            progress=lambda uid, t: seen.setdefault(uid, time.monotonic()))
    slow = next(r for r in fake.requests if r.key == "unit:f0_1")
    assert seen["f0_0"] < slow.end <= seen["f0_1"]
