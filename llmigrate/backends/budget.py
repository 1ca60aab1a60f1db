"""Request size and money: how many tokens a request may ask for, fitting a prompt to the model's context
window, and the cost limit of a run.

Tokens are estimated as characters / 4 (no tokenizer of an arbitrary server is at hand); the estimate only
has to be right within a small factor, since the window keeps a reserve for the reply.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from llmigrate.config import Config
from llmigrate.core import Codebase, Plan, RustSignature, SharedTranslation
from llmigrate.errors import LlmigrateError
from llmigrate.translate import prompting
from llmigrate.translate.driver import unit_request

CHARS_PER_TOKEN = 4
# A reply is the Rust of the C plus a sentence or two: about as many tokens as the C, with room for helpers.
MIN_COMPLETION = 512
MAX_COMPLETION = 8192
COMPLETION_PER_C_TOKEN = 3
# What the replies cost in practice, for the dry-run estimate (Rust is a little longer than its C).
EXPECTED_COMPLETION_PER_C_TOKEN = 1.5
# Prompt context dropped first when a prompt does not fit: the C of the context (its Rust is there too),
# the extern list, older rejection reasons, later diagnostics, then the Rust context and the callees.
DROP_ORDER = ("c_context", "externs", "feedback", "diagnostics", "rust_context", "callees")
# Lists of which the first element (diagnostics) or last (feedback) is never dropped.
_KEEP_FIRST = {"diagnostics"}
_KEEP_LAST = {"feedback"}


def estimate_tokens(text: str) -> int:
    return len(text) // CHARS_PER_TOKEN + 1


def completion_budget(source: str) -> int:
    """`max_tokens` for a request whose answer is the Rust of `source` (C, or C and current Rust)."""
    wanted = MIN_COMPLETION + COMPLETION_PER_C_TOKEN * estimate_tokens(source)
    return min(MAX_COMPLETION, wanted)


def expected_completion(source: str) -> int:
    """The completion tokens a reply to a request about `source` usually takes."""
    return int(EXPECTED_COMPLETION_PER_C_TOKEN * estimate_tokens(source)) + 50


def fit(render: Callable[[dict[str, Any]], str], context: dict[str, Any], limit: int) \
        -> tuple[dict[str, Any], list[str]]:
    """`context` with the least-needed entries dropped until `render(context)` fits in `limit` tokens, and
    what was dropped ("c_context: 2 of 3"); unchanged when `limit` <= 0 (window unknown) or it fits."""
    ctx = dict(context)
    dropped: dict[str, int] = {}
    for key in DROP_ORDER:
        while limit > 0 and estimate_tokens(render(ctx)) > limit and _droppable(ctx, key):
            items = list(ctx[key])
            items.pop(-2 if key in _KEEP_LAST else -1)
            ctx[key] = items
            dropped[key] = dropped.get(key, 0) + 1
    return ctx, [f"{key}: {n} of {len(context[key])}" for key, n in dropped.items()]


def _droppable(ctx: dict[str, Any], key: str) -> bool:
    keep = 1 if key in _KEEP_FIRST | _KEEP_LAST else 0
    return isinstance(ctx.get(key), list) and len(ctx[key]) > keep


class BudgetExceeded(LlmigrateError):
    """The next request could take the run over `[model] max_cost`; finished work is in the journal."""

    exit_code = 1


@dataclass
class Budget:
    """Money spent on the model in this run, against the `[model] max_cost` limit (0: none)."""

    price_in: float
    price_out: float
    limit: float = 0.0
    spent: float = 0.0
    held: float = 0.0  # worst cases of the requests in flight (units of a level ask at once)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def of(cls, config: Config) -> Budget:
        return cls(config.price_in, config.price_out, config.max_cost)

    def cost(self, tokens_in: int, tokens_out: int) -> float:
        return (tokens_in * self.price_in + tokens_out * self.price_out) / 1e6

    def reserve(self, tokens_in: int, max_out: int) -> float:
        """Hold a request's worst-case cost, returned for `charge`; raise BudgetExceeded when it could take
        the spending (with the requests in flight) over the limit."""
        worst = self.cost(tokens_in, max_out)
        with self.lock:
            if self.limit > 0 and self.spent + self.held + worst > self.limit:
                raise BudgetExceeded(
                    f"stopping before the model request that could exceed [model] max_cost = "
                    f"${self.limit:.2f} (spent ${self.spent:.4f} so far, ${self.held:.4f} held by requests "
                    f"in flight, this one up to ${worst:.4f}); finished work is kept: raise max_cost in "
                    "llmigrate.toml and rerun with --resume")
            self.held += worst
        return worst

    def charge(self, held: float, tokens_in: int, tokens_out: int) -> None:
        """Release what `reserve` held for a request and count what it cost (0 tokens when it failed)."""
        with self.lock:
            self.held -= held
            self.spent += self.cost(tokens_in, tokens_out)


@dataclass
class Estimate:
    """What translating every unit once would send and cost (repairs not included)."""

    units: int
    functions: int
    prompt_tokens: int
    completion_tokens: int
    max_completion_tokens: int

    def cost(self, config: Config) -> float:
        return Budget.of(config).cost(self.prompt_tokens, self.completion_tokens)

    def text(self, config: Config, model: str) -> str:
        """The dry-run report, one figure a line."""
        b = Budget.of(config)
        return "\n".join([
            f"dry run: {self.units} units ({self.functions} functions) would be sent to {model}",
            f"  prompt tokens      ~{self.prompt_tokens:,}",
            f"  completion tokens  ~{self.completion_tokens:,} "
            f"(max_tokens allows {self.max_completion_tokens:,})",
            f"  cost               ~${self.cost(config):.4f} at ${b.price_in:.2f} in / ${b.price_out:.2f} "
            "out per million tokens ([model] price_in/price_out)",
            "  (one translation per unit; each repair round of a unit costs about as much again)",
            f"  budget             {f'${b.limit:.2f} ([model] max_cost)' if b.limit > 0 else 'none set'}"])


def estimate(codebase: Codebase, plan: Plan, signatures: dict[str, RustSignature],
             shared: SharedTranslation, context: int = 0) -> Estimate:
    """Render each unit's translate prompt as the openai backend would and count its tokens."""
    system = prompting.render("system.j2")
    est = Estimate(0, 0, 0, 0, 0)
    for unit in plan.units():
        request = unit_request(codebase, unit, signatures, shared)
        source = "".join(codebase.functions[fid].source for fid in unit.functions)
        ctx, _ = fit(lambda c: system + prompting.render("translate_unit.j2", **c),
                     prompting.unit_context(request), context - completion_budget(source))
        est.units += 1
        est.functions += len(unit.functions)
        est.prompt_tokens += estimate_tokens(system + prompting.render("translate_unit.j2", **ctx))
        est.completion_tokens += expected_completion(source)
        est.max_completion_tokens += completion_budget(source)
    return est
