"""The `openai` backend: any OpenAI-compatible Chat Completions endpoint (OpenAI, vLLM, Ollama, llama.cpp).

Transport retries and timeouts are the client's. Errors that outlast them fail the unit with a clear reason
and the run goes on; a refused key or an unknown model stops the run (exit 2). The key never appears in a
message, a cache file or the journal.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import openai

from llmigrate.backends import register
from llmigrate.config import Config
from llmigrate.core import (
    Codebase,
    LlmigrateError,
    RepairRequest,
    SharedTranslation,
    Translation,
    UnitRequest,
)
from llmigrate.translate import guard, prompting
from llmigrate.translate.cache import CacheMiss, ModelCache
from llmigrate.translate.driver import shared_names

DEFAULT_MODEL = "gpt-4o"
# Local servers (vLLM, Ollama, llama.cpp) ignore the key, but the client insists on one.
LOCAL_KEY = "sk-no-key-required"


class ModelUnavailable(Exception):
    """The endpoint did not answer usefully (rate limit, server error, timeout, frozen-cache miss)."""


class OpenAIBackend:
    """Translates through Chat Completions with temperature 0; replies cached by model + messages."""

    name = "openai"

    def __init__(self, config: Config):
        self.model = config.model or DEFAULT_MODEL
        self.base_url = config.base_url or os.environ.get("OPENAI_BASE_URL") or None
        key = os.environ.get("OPENAI_API_KEY") or (LOCAL_KEY if self.base_url else None)
        if not key:
            raise LlmigrateError("the openai backend needs OPENAI_API_KEY (or --base-url for a local "
                                 "OpenAI-compatible server)")
        self._key = key  # kept only to scrub it from any message built from a server's reply
        self.retries = config.model_max_retries
        self.timeout = config.model_timeout
        self.max_attempts = config.max_attempts
        self.client = openai.OpenAI(api_key=key, base_url=self.base_url, timeout=config.model_timeout,
                                    max_retries=config.model_max_retries)
        root = Path(config.cache_dir) if config.cache_dir else None
        self.cache = ModelCache(root, self.model, enabled=not config.no_cache, frozen=config.frozen)

    @property
    def endpoint(self) -> str:
        return self.base_url or "api.openai.com"

    def translate_shared(self, codebase: Codebase) -> SharedTranslation:
        names = shared_names(codebase)
        context = {**prompting.shared_context(codebase), "names": sorted(names.items())}
        feedback: list[str] = []
        tokens = [0, 0]
        for _ in range(max(1, self.max_attempts)):
            try:
                reply = self._chat(self._messages("shared.j2", {**context, "feedback": feedback}), tokens)
            except ModelUnavailable as e:
                return SharedTranslation("", names, [f"shared items: {e}"], *tokens)
            code = prompting.extract_code(reply)
            defined = {guard.bare(it.name) for it in guard.split_items(code) if it.name}
            missing = sorted(c for c, r in names.items() if guard.bare(r) not in defined)
            if code and not missing:
                return SharedTranslation(code.strip("\n") + "\n", names, [], *tokens)
            feedback = [f"these items are missing: {', '.join(names[c] for c in missing)}"] if code else \
                ["the reply contained no Rust code: answer with the whole module in one ```rust block"]
        failures = [f"{_where(codebase, c)}{c}: missing from the model's shared module" for c in missing]
        return SharedTranslation(code.strip("\n") + "\n" if code else "", names,
                                 failures or [f"shared items: {feedback[0]}"], *tokens)

    def translate_unit(self, request: UnitRequest) -> Translation:
        return self._ask(request, "translate_unit.j2", prompting.unit_context(request))

    def repair_unit(self, request: RepairRequest) -> Translation:
        return self._ask(request.request, "repair_unit.j2", prompting.repair_context(request))

    def _ask(self, request: UnitRequest, template: str, context: dict) -> Translation:
        unit, tokens = request.unit, [0, 0]
        try:
            reply = self._chat(self._messages(template, context), tokens)
        except ModelUnavailable as e:
            fn = request.codebase.functions[unit.functions[0]]
            return Translation(unit.id, {}, ok=False, reasons=[f"{fn.file}:{fn.start_line}: {fn.name}: {e}"],
                               tokens_in=tokens[0], tokens_out=tokens[1], backend=self.name)
        names = {fid: request.signatures[fid].rust_name for fid in unit.functions}
        return Translation(unit.id, prompting.parse_reply(reply, unit, names), tokens_in=tokens[0],
                           tokens_out=tokens[1], backend=self.name)

    def _messages(self, template: str, context: dict) -> list[dict[str, str]]:
        return [{"role": "system", "content": prompting.render("system.j2")},
                {"role": "user", "content": prompting.render(template, **context)}]

    def _chat(self, messages: list[dict[str, str]], tokens: list[int]) -> str:
        """The reply text; adds the tokens spent to `tokens` (a cached reply costs none)."""
        try:
            cached = self.cache.get(messages)
        except CacheMiss as e:
            raise ModelUnavailable(str(e)) from None
        if cached is not None:
            return cached.content
        try:
            resp = self.client.chat.completions.create(model=self.model, messages=messages, temperature=0)
        except openai.APIError as e:
            raise self._classify(e) from None
        content = (resp.choices[0].message.content or "") if resp.choices else ""
        usage = {"prompt_tokens": getattr(resp.usage, "prompt_tokens", 0) or 0,
                 "completion_tokens": getattr(resp.usage, "completion_tokens", 0) or 0}
        tokens[0] += usage["prompt_tokens"]
        tokens[1] += usage["completion_tokens"]
        self.cache.put(messages, self.model, content, usage)
        return content

    def _classify(self, e: openai.APIError) -> Exception:
        """A fatal LlmigrateError (bad key, unknown model) or a ModelUnavailable failing just this unit."""
        detail = self._scrub(_server_message(e))
        if isinstance(e, openai.AuthenticationError | openai.PermissionDeniedError):
            return LlmigrateError(f"{self.endpoint} refused the API key (HTTP {e.status_code}): {detail}; "
                                  "check OPENAI_API_KEY")
        if isinstance(e, openai.NotFoundError):
            return LlmigrateError(f"model '{self.model}' not found at {self.endpoint} (HTTP 404): {detail}; "
                                  "check --model and --base-url")
        if isinstance(e, openai.APITimeoutError):
            return ModelUnavailable(f"no reply from {self.endpoint} within {self.timeout:g}s "
                                    f"(after {self.retries} retries)")
        if isinstance(e, openai.APIConnectionError):
            return ModelUnavailable(f"cannot reach {self.endpoint} (after {self.retries} retries)")
        if isinstance(e, openai.RateLimitError):
            return ModelUnavailable(f"rate limited by {self.endpoint} (HTTP 429) after {self.retries} "
                                    f"retries: {detail}")
        status = getattr(e, "status_code", None)
        return ModelUnavailable(f"{self.endpoint} answered HTTP {status} (after {self.retries} retries): "
                                f"{detail}")

    def _scrub(self, text: str) -> str:
        text = text.replace(self._key, "***") if len(self._key) >= 6 else text
        return re.sub(r"\bsk-[\w-]{4,}", "sk-***", text)


def _where(codebase: Codebase, c_name: str) -> str:
    item = codebase.types.get(c_name) or codebase.globals.get(c_name) or codebase.macros.get(c_name)
    return f"{item.file}:{item.line}: " if item else ""


def _server_message(e: openai.APIError) -> str:
    body = e.body if isinstance(e.body, dict) else {}
    return str(body.get("message") or e.message)[:300]


@register("openai")
def make_openai(config: Config) -> OpenAIBackend:
    """Build the openai backend from config, flags and the OPENAI_* environment."""
    return OpenAIBackend(config)
