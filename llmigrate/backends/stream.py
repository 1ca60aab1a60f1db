"""A chat completion read as a stream of chunks.

A small model on a CPU writes a few tokens a second, so a whole reply may take longer than any sensible
timeout. Streamed, the client's timeout bounds the silence between chunks instead of the whole reply: a slow
server that is still writing is waited for, a silent one is not. (A non-streamed request that timed out was
retried while the server, which does not notice, kept writing the abandoned reply and queued the retry.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass
class Completion:
    """The text of a reply and the tokens it took (the server's count; estimated when it sends none)."""

    content: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str | None = None


def collect(chunks: Iterable[Any], prompt_estimate: int) -> Completion:
    """Join the first choice's deltas; usage from the chunk that carries it (`stream_options`
    include_usage), else the prompt as estimated and one token per content chunk, as servers send them."""
    parts: list[str] = []
    usage, finish = None, None
    for chunk in chunks:
        usage = getattr(chunk, "usage", None) or usage
        for choice in getattr(chunk, "choices", None) or []:
            if choice.index != 0:
                continue
            if choice.delta is not None and choice.delta.content:
                parts.append(choice.delta.content)
            finish = choice.finish_reason or finish
    if usage is not None:
        return Completion("".join(parts), usage.prompt_tokens or 0, usage.completion_tokens or 0, finish)
    return Completion("".join(parts), prompt_estimate, len(parts), finish)
