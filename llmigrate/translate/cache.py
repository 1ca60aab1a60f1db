"""The model reply cache: OUT/.llmigrate/cache/<model>/<sha256 of the messages>.json, one readable file each.

Keyed by model + the exact messages, so a rerun of an unchanged prompt costs nothing, and a changed prompt
(a new template, a changed callee signature) misses. Files hold the request messages, the reply and its usage,
never credentials. Frozen mode answers only from the cache, for CI runs that must not call a model.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llmigrate.core import LlmigrateError


class CacheMiss(Exception):
    """Frozen mode, and the cache has no reply for these messages."""


@dataclass
class CachedReply:
    content: str
    tokens_in: int
    tokens_out: int


def cache_key(messages: list[dict[str, str]]) -> str:
    """sha256 of the messages as canonical JSON."""
    text = json.dumps(messages, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ModelCache:
    """Read-through cache of chat replies; `root` None (or `enabled` False) disables it."""

    def __init__(self, root: Path | None, model: str, *, enabled: bool = True, frozen: bool = False):
        if frozen and (root is None or not enabled):
            raise LlmigrateError("frozen mode answers only from the model cache, but the cache is disabled "
                                 "(--no-cache) or has no directory")
        self.dir = root / re.sub(r"[^\w.-]", "_", model) if root is not None and enabled else None
        self.frozen = frozen

    def path(self, messages: list[dict[str, str]], temperature: float = 0.0) -> Path | None:
        """A hotter request (repair's retry after a stall) is its own entry: answered with the reply at
        temperature 0, the retry could only repeat it."""
        hot = f"-t{temperature:g}" if temperature else ""
        return self.dir / f"{cache_key(messages)}{hot}.json" if self.dir else None

    def get(self, messages: list[dict[str, str]], temperature: float = 0.0) -> CachedReply | None:
        """The cached reply, None on a miss; in frozen mode a miss raises CacheMiss."""
        path = self.path(messages, temperature)
        data = _read(path) if path else None
        if data is None:
            if self.frozen:
                raise CacheMiss(f"frozen model cache has no reply for this prompt (would be {path})")
            return None
        usage = data.get("usage", {})
        return CachedReply(data["response"], usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0))

    def put(self, messages: list[dict[str, str]], model: str, content: str, usage: dict[str, Any],
            temperature: float = 0.0) -> None:
        """Store a reply atomically (concurrent units may write at once)."""
        path = self.path(messages, temperature)
        if path is None or self.frozen:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"model": model, "messages": messages, "response": content, "usage": usage}
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp.", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(record, f, indent=1, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, json.JSONDecodeError):
        return None  # a torn or hand-mangled entry is a miss, not a crash; it is rewritten on success
    return data if isinstance(data, dict) and isinstance(data.get("response"), str) else None
