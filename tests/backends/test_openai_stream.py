"""Replies are streamed: a slow local model that keeps writing is waited for however long its whole reply
takes, and the tokens are counted from the stream (the real `openai` client against the fake server)."""

from __future__ import annotations

import pytest
from helpers.fake_openai import FakeOpenAI, Reply, good_reply_for, migrate_context, synthetic
from openai.types.chat import ChatCompletionChunk

from llmigrate.backends import get_backend
from llmigrate.backends.stream import collect
from llmigrate.config import Config
from llmigrate.translate.driver import translate_units


@pytest.fixture(autouse=True)
def local_server(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


def test_a_reply_slower_than_the_timeout_is_waited_for_while_it_streams(tmp_path):
    cb, plan = synthetic([1])
    reply = good_reply_for(cb, "f0_0")
    # 16 characters a chunk, 0.5 s apart: the whole reply takes several times the 1 s timeout
    assert len(reply) // 16 * 0.5 >= 3
    with FakeOpenAI({"unit:f0_0": [Reply(reply, chunk_delay=0.5)]}) as fake:
        config = Config(base_url=fake.base_url, model="gpt-4o", model_timeout=1.0, model_max_retries=0)
        backend = get_backend("openai", config)
        results = translate_units(migrate_context(tmp_path / "out", backend, cb, plan))
    (request,) = fake.requests
    assert request.body["stream"] is True and request.body["stream_options"] == {"include_usage": True}
    assert results["f0_0"].ok, results["f0_0"].reasons
    assert results["f0_0"].tokens_out == len(reply.split())  # the server's usage chunk


def test_a_server_refusing_stream_options_is_asked_without_them(tmp_path):
    cb, plan = synthetic([2])
    script = {f"unit:{f}": [Reply(good_reply_for(cb, f))] for f in cb.functions}
    with FakeOpenAI(script, refuses=("stream_options",)) as fake:
        backend = get_backend("openai", Config(base_url=fake.base_url, model="gpt-4o", model_max_retries=0))
        results = translate_units(migrate_context(tmp_path / "out", backend, cb, plan))
    assert all(t.ok for t in results.values())
    assert fake.posts == 3 and [r.body["stream"] for r in fake.requests] == [True, True]  # refused once
    assert results["f0_1"].tokens_out == 7  # chunks counted: 112 characters, 16 a chunk


def chunk(content: str | None, finish: str | None = None) -> ChatCompletionChunk:
    return ChatCompletionChunk.model_validate({
        "id": "c", "object": "chat.completion.chunk", "created": 0, "model": "m",
        "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": finish}]})


def test_a_stream_without_usage_counts_its_chunks_and_estimates_the_prompt():
    done = collect([chunk("pub fn "), chunk("f() {}"), chunk(None, "stop")], prompt_estimate=42)
    assert (done.content, done.prompt_tokens, done.completion_tokens, done.finish_reason) == (
        "pub fn f() {}", 42, 2, "stop")
