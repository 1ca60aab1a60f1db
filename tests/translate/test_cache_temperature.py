"""The model cache keeps a hotter request apart: repair's retry after a stall must reach the model, not
get the reply it already repeated (a resumed run asked the same repair prompt again and got it back)."""

from __future__ import annotations

from llmigrate.translate.cache import ModelCache


def test_a_hot_request_is_its_own_cache_entry(tmp_path):
    cache = ModelCache(tmp_path, "qwen2.5-coder-1.5b")
    messages = [{"role": "user", "content": "[repair gcd]\nfix it"}]
    cache.put(messages, "qwen2.5-coder-1.5b", "cold reply", {"prompt_tokens": 3, "completion_tokens": 2})
    assert cache.get(messages, 0.7) is None and cache.get(messages).content == "cold reply"
    cache.put(messages, "qwen2.5-coder-1.5b", "hot reply", {}, 0.7)
    assert cache.get(messages, 0.7).content == "hot reply" and cache.get(messages).content == "cold reply"
