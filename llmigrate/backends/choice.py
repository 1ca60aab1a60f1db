"""Why a run uses the backend it does, said on `migrate`'s first line: no model call may surprise anyone."""

from __future__ import annotations

import os

from llmigrate.config import Config

OFFLINE_HINT = "; --backend builtin for the offline translator"


def reason(config: Config, flag: str | None) -> str:
    """What chose the backend, in the order `pipeline.choose_backend` looks."""
    if flag:
        return f"--backend {flag}"
    if config.backend:
        return "[model] backend in llmigrate.toml"
    if os.environ.get("OPENAI_API_KEY"):
        return "OPENAI_API_KEY is set"
    if os.environ.get("OPENAI_BASE_URL"):
        return "OPENAI_BASE_URL is set"
    if config.base_url:
        return "a base URL is configured (--base-url or [model] base_url)"
    if config.model:
        return "a model is configured (--model or [model] name)"
    return "no model configured (set OPENAI_API_KEY or --base-url to use one)"


def backend_line(name: str, config: Config, flag: str | None) -> str:
    """`backend openai: OPENAI_API_KEY is set; --backend builtin for the offline translator`."""
    hint = OFFLINE_HINT if name != "builtin" and not flag else ""
    return f"backend {name}: {reason(config, flag)}{hint}"
