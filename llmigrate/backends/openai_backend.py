"""The `openai` backend: any OpenAI-compatible Chat Completions endpoint (OpenAI, vLLM, Ollama, llama.cpp).

Transport retries and timeouts are the client's. Errors that outlast them fail the unit with a clear reason
and the run goes on; a refused key, an unknown model or a server not reachable on the first request stops
the run (exit 2). The key never appears in a
message, a cache file or the journal.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import openai

from llmigrate.backends import available, get_backend, register
from llmigrate.backends.budget import Budget, completion_budget, estimate_tokens, fit
from llmigrate.backends.stream import Completion, collect
from llmigrate.config import Config
from llmigrate.core import (
    Codebase,
    LlmigrateError,
    RejectOutput,
    RepairRequest,
    SharedTranslation,
    Translation,
    Translator,
    UnitRequest,
)
from llmigrate.errors import RunStopped
from llmigrate.translate import guard, prompting
from llmigrate.translate.cache import CacheMiss, ModelCache
from llmigrate.translate.driver import shared_names

DEFAULT_MODEL = "gpt-4o"
# Local servers (vLLM, Ollama, llama.cpp) ignore the key, but the client insists on one.
LOCAL_KEY = "sk-no-key-required"


class ModelUnavailable(Exception):
    """The endpoint did not answer usefully (rate limit, server error, timeout, frozen-cache miss)."""


class OpenAIBackend:
    """Translates through Chat Completions with temperature 0 (one hotter retry when repair stalls); replies
    cached by model + messages. The builtin translator gives the shared module and stands in for functions
    the model's Rust never works for (`fallback`, read by the driver and repair/fallback.py)."""

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
        self.context = config.model_context
        self._first = threading.Lock()  # held by the first request of a run (see _create)
        self._proven = False
        self._usage_option = True  # ask for usage in the stream (older servers refuse the option)
        self._fatal: LlmigrateError | None = None
        self.budget = Budget.of(config)
        self.shared_from = _choice(config.model_shared, "[model] shared", ("builtin", "model"))
        builtin = get_backend("builtin", config) if "builtin" in available() else None
        self.builtin = builtin  # the deterministic shared module, and the stand-in for functions
        # The translator of a function the model's Rust never compiles for (None: it stays C).
        fallback = _choice(config.model_fallback, "[model] fallback", ("builtin", "none"))
        self.fallback: Translator | None = builtin if fallback == "builtin" else None

    @property
    def endpoint(self) -> str:
        return self.base_url or "api.openai.com"

    def translate_shared(self, codebase: Codebase) -> SharedTranslation:
        """The builtin's shared module unless `[model] shared = "model"` (or the builtin cannot parse the C);
        a rejected model module gives way to the builtin's (the pipeline also replaces one that does not
        build)."""
        builtin = self._builtin_shared(codebase) if self.shared_from != "model" else None
        if builtin is not None:
            return builtin
        shared = self._model_shared(codebase)
        builtin = self._builtin_shared(codebase) if shared.failures else None
        if builtin is None:
            return shared
        why = f"the model's shared module was rejected ({shared.failures[0]}); the builtin's is used"
        return replace(builtin, failures=[why, *builtin.failures], tokens_in=shared.tokens_in,
                       tokens_out=shared.tokens_out)

    def _builtin_shared(self, codebase: Codebase) -> SharedTranslation | None:
        if self.builtin is None:
            return None
        try:
            return replace(self.builtin.translate_shared(codebase), origin="builtin")
        except Exception:  # C libclang cannot load: the model's module is the only one to be had
            return None

    def _model_shared(self, codebase: Codebase) -> SharedTranslation:
        names = shared_names(codebase)
        context = {**prompting.shared_context(codebase), "names": sorted(names.items())}
        source = "\n".join(context["types"] + context["globals"] + context["macros"])
        feedback: list[str] = []
        tokens = [0, 0]
        for _ in range(max(1, self.max_attempts)):
            try:
                reply = self._chat(self._messages("shared.j2", {**context, "feedback": feedback}), tokens,
                                   completion_budget(source))
            except ModelUnavailable as e:
                return SharedTranslation("", names, [f"shared items: {e}"], *tokens)
            code = prompting.unwrap(prompting.extract_code(reply))
            missing = _missing(code, names)
            problem = _shared_problem(code, missing, names)
            if problem is None:
                return SharedTranslation(code.strip("\n") + "\n", names, [], *tokens, origin="model")
            feedback = [problem]
        failures = [f"{_where(codebase, c)}{c}: missing from the model's shared module" for c in missing]
        return SharedTranslation(code.strip("\n") + "\n" if code else "", names,
                                 failures or [f"shared items: {feedback[0]}"], *tokens)

    def translate_unit(self, request: UnitRequest) -> Translation:
        return self._ask(request, "translate_unit.j2", prompting.unit_context(request))

    def repair_unit(self, request: RepairRequest) -> Translation:
        return self._ask(request.request, "repair_unit.j2", prompting.repair_context(request),
                         request.temperature, "".join(request.code.values()))

    def refine_unit(self, request: RepairRequest) -> Translation:
        """A safer rewrite of the unit's verified Rust (`llmigrate refine`); judged by refine/, not here."""
        return self._ask(request.request, "refine_unit.j2", prompting.repair_context(request),
                         request.temperature, "".join(request.code.values()))

    def _ask(self, request: UnitRequest, template: str, context: dict, temperature: float = 0.0,
             rust: str = "") -> Translation:
        unit, tokens = request.unit, [0, 0]
        source = "".join(request.codebase.functions[fid].source for fid in unit.functions) + rust
        max_tokens = min(completion_budget(source), self.context // 2 or completion_budget(source))
        context, dropped = fit(lambda ctx: self._prompt_text(template, ctx), context,
                               self.context - max_tokens)
        try:
            reply = self._chat(self._messages(template, context), tokens, max_tokens, temperature)
        except ModelUnavailable as e:
            fn = request.codebase.functions[unit.functions[0]]
            return Translation(unit.id, {}, ok=False, reasons=[f"{fn.file}:{fn.start_line}: {fn.name}: {e}"],
                               tokens_in=tokens[0], tokens_out=tokens[1], backend=self.name,
                               context_dropped=dropped)
        names = {fid: request.signatures[fid].rust_name for fid in unit.functions}
        return Translation(unit.id, prompting.parse_reply(reply, unit, names), tokens_in=tokens[0],
                           tokens_out=tokens[1], backend=self.name, context_dropped=dropped)

    def _prompt_text(self, template: str, context: dict[str, Any]) -> str:
        return "".join(m["content"] for m in self._messages(template, context))

    def _messages(self, template: str, context: dict) -> list[dict[str, str]]:
        return [{"role": "system", "content": prompting.render("system.j2")},
                {"role": "user", "content": prompting.render(template, **context)}]

    def _chat(self, messages: list[dict[str, str]], tokens: list[int], max_tokens: int,
              temperature: float = 0.0) -> str:
        """The reply text; adds the tokens spent to `tokens` (a cached reply costs none).

        `max_tokens` bounds the reply; with a known window it also leaves room for the prompt.
        """
        try:
            cached = self.cache.get(messages, temperature)
        except CacheMiss as e:
            raise ModelUnavailable(str(e)) from None
        if cached is not None:
            return cached.content
        prompt_tokens = estimate_tokens("".join(m["content"] for m in messages))
        if self.context > 0:
            max_tokens = max(1, min(max_tokens, self.context - prompt_tokens))
        held = self.budget.reserve(prompt_tokens, max_tokens)
        try:
            reply = self._create(prompt_tokens, messages=messages, temperature=temperature,
                                 max_tokens=max_tokens)
        except BaseException:
            self.budget.charge(held, 0, 0)
            raise
        content = reply.content
        usage = {"prompt_tokens": reply.prompt_tokens, "completion_tokens": reply.completion_tokens}
        tokens[0] += usage["prompt_tokens"]
        tokens[1] += usage["completion_tokens"]
        self.budget.charge(held, usage["prompt_tokens"], usage["completion_tokens"])
        self.cache.put(messages, self.model, content, usage, temperature)
        return content

    def _create(self, prompt_tokens: int, **request: Any) -> Completion:
        """One completion. Until one has succeeded, requests go one at a time: a refused key or an unknown
        model then stops the run after one request, not after one per concurrent unit."""
        if self._proven:
            return self._send(request, prompt_tokens)
        with self._first:
            if self._fatal is not None:
                raise self._fatal
            try:
                resp = self._send(request, prompt_tokens)
            except LlmigrateError as e:
                self._fatal = e
                raise
            self._proven = True
            return resp

    def _send(self, request: dict[str, Any], prompt_tokens: int) -> Completion:
        """Streamed (backends/stream.py): the timeout bounds the server's silence, not the whole reply. The
        client turns a stream that breaks off into APITimeoutError or APIConnectionError too."""
        options = {"stream_options": {"include_usage": True}} if self._usage_option else {}
        try:
            chunks = self.client.chat.completions.create(model=self.model, stream=True, **options, **request)
            with chunks:
                return collect(chunks, prompt_tokens)
        except openai.BadRequestError as e:
            if not options or "stream_options" not in str(e):
                raise self._classify(e) from None
        except openai.APIError as e:
            raise self._classify(e) from None
        self._usage_option = False  # a strict server refusing an option it does not know: count chunks
        return self._send(request, prompt_tokens)

    def _classify(self, e: openai.APIError) -> Exception:
        """A fatal RunStopped (bad key, unknown model, no server) or a ModelUnavailable failing one unit."""
        detail = self._scrub(_server_message(e))
        if isinstance(e, openai.AuthenticationError | openai.PermissionDeniedError):
            return RunStopped(f"{self.endpoint} refused the API key (HTTP {e.status_code}): {detail}; "
                              "check OPENAI_API_KEY")
        if isinstance(e, openai.NotFoundError):
            return RunStopped(f"model '{self.model}' not found at {self.endpoint} (HTTP 404): {detail}; "
                              "check --model and --base-url")
        if isinstance(e, openai.APITimeoutError):
            return ModelUnavailable(f"no reply from {self.endpoint} within {self.timeout:g}s "
                                    f"(after {self.retries} retries)")
        if isinstance(e, openai.APIConnectionError) and not self._proven:  # down, not just flaky
            return RunStopped(f"cannot reach the model server at {self.endpoint} (after {self.retries} "
                              "retries): start it, check --base-url, or use --backend builtin")
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


def _choice(value: str, key: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise LlmigrateError(f"{key} must be one of {', '.join(allowed)}, got {value!r}")
    return value


def _missing(code: str, names: dict[str, str]) -> list[str]:
    """C names of the shared items `code` does not define."""
    defined = {guard.bare(it.name) for it in guard.split_items(code) if it.name}
    return sorted(c for c, r in names.items() if guard.bare(r) not in defined)


def _shared_problem(code: str, missing: list[str], names: dict[str, str]) -> str | None:
    """Why a shared module must be asked for again (written for the model), or None when it is usable."""
    if not code:
        return "the reply contained no Rust code: answer with the whole module in one ```rust block"
    try:
        guard.check_shared(code)
    except RejectOutput as e:
        return str(e)
    return f"these items are missing: {', '.join(names[c] for c in missing)}" if missing else None


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
