"""Request size and cost through the fake server: `max_tokens` from the C, prompts fitted to `[model]
context`, `migrate --dry-run`, and `[model] max_cost` (issue 18 items 5 and 8)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers.fake_openai import FakeOpenAI, Reply, good_reply_for, migrate_context, synthetic
from helpers.paths import data_text

from llmigrate.backends import get_backend
from llmigrate.backends.budget import BudgetExceeded, completion_budget
from llmigrate.config import Config
from llmigrate.core import CMacro, ContextSlice, CType, Param, SharedTranslation
from llmigrate.journal import Journal
from llmigrate.translate.driver import translate_units

PAIR_C = "struct pair {\n\tint first_of_the_pair;\n\tint second_of_the_pair;\n};"
PAIR_RUST = ("#[repr(C)]\npub struct pair {\n    pub first_of_the_pair: i32,\n"
             "    pub second_of_the_pair: i32,\n}")


@pytest.fixture(autouse=True)
def key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-budget-tests-0000")


def translate(tmp_path, fake: FakeOpenAI, cb, plan, shared: SharedTranslation, **cfg):
    backend = get_backend("openai", Config(base_url=fake.base_url, model_fallback="none", **cfg))
    ctx = migrate_context(tmp_path / "out", backend, cb, plan, shared, jobs=1)
    try:
        translate_units(ctx)
    finally:
        ctx.journal.save()
    return ctx.journal


def with_context():
    cb, plan = synthetic([1, 1])
    fields = [Param("first_of_the_pair", "int"), Param("second_of_the_pair", "int")]
    cb.types["struct pair"] = CType("struct pair", "struct", "chain.h", 3, PAIR_C, fields=fields)
    cb.macros["LIMIT"] = CMacro("LIMIT", "chain.h", 1, None, "64")
    cb.slices["f1_0"] = ContextSlice("f1_0", types=["struct pair"], macros=["LIMIT"], callees=["f0_0"])
    shared = SharedTranslation(PAIR_RUST + "\n\npub const LIMIT: i32 = 64;\n",
                               names={"struct pair": "pair", "LIMIT": "LIMIT"})
    return cb, plan, shared


def test_max_tokens_follows_the_c_and_the_window(tmp_path):
    cb, plan, shared = with_context()
    script = {f"unit:{f}": [Reply(good_reply_for(cb, f))] for f in cb.functions}
    with FakeOpenAI(script) as fake:
        translate(tmp_path, fake, cb, plan, shared)
    first = fake.requests[-1]
    assert first.body["max_tokens"] == completion_budget(cb.functions["f1_0"].source)
    assert "first_of_the_pair;" in first.prompt  # the C of the context, when nothing limits the prompt
    with FakeOpenAI(script) as fake:
        journal = translate(tmp_path, fake, cb, plan, shared, model_context=700)
    fitted = fake.requests[-1]
    assert fitted.body["max_tokens"] <= 350
    assert "first_of_the_pair;" not in fitted.prompt and "int f1_0(int x)" in fitted.prompt
    dropped = journal.functions["f1_0"].context_dropped
    assert dropped and dropped[0] == "c_context: 2 of 2"


def test_max_cost_stops_before_the_request_that_could_exceed_it(tmp_path):
    cb, plan = synthetic([2])
    # priced by completion only, so the check's worst case is max_tokens and the fake's usage is small
    limit = completion_budget(cb.functions["f0_0"].source) * 1000 / 1e6 + 0.005
    script = {f"unit:{f}": [Reply(good_reply_for(cb, f))] for f in cb.functions}
    with FakeOpenAI(script) as fake:
        with pytest.raises(BudgetExceeded, match="--resume") as stopped:
            translate(tmp_path, fake, cb, plan, SharedTranslation(""), price_in=0.0, price_out=1000.0,
                      max_cost=limit)
    assert stopped.value.exit_code == 1 and fake.count("unit:f0_1") == 0
    journal = Journal.load(tmp_path / "out")
    assert [journal.functions[f].status for f in ("f0_0", "f0_1")] == ["translated", "pending"]


def test_max_cost_counts_the_requests_in_flight(tmp_path):
    cb, plan = synthetic([2])
    one = completion_budget(cb.functions["f0_0"].source) * 1000 / 1e6  # worst case of one request
    script = {f"unit:{f}": [Reply(good_reply_for(cb, f), delay=0.5)] for f in cb.functions}
    with FakeOpenAI(script) as fake:
        backend = get_backend("openai", Config(base_url=fake.base_url, model_fallback="none", price_in=0.0,
                                               price_out=1000.0, max_cost=1.5 * one))
        ctx = migrate_context(tmp_path / "out", backend, cb, plan, jobs=2)
        with pytest.raises(BudgetExceeded, match="held by requests in flight"):
            translate_units(ctx)
    assert len(fake.requests) == 1


def cli(tmp_path, *flags: str, toml: str = "") -> subprocess.CompletedProcess:
    src = tmp_path / "clib"
    src.mkdir(exist_ok=True)
    (src / "calc.c").write_text(data_text("backends/openai/calc.c"))
    (src / "llmigrate.toml").write_text(toml)
    cmd = [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(tmp_path / "out"), *flags]
    return subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ), timeout=300)


def test_dry_run_prints_units_tokens_and_cost_and_sends_nothing(tmp_path):
    with FakeOpenAI() as fake:
        done = cli(tmp_path, "--backend", "openai", "--base-url", fake.base_url, "--dry-run",
                   toml="[model]\nprice_in = 1.0\nprice_out = 2.0\n")
    assert done.returncode == 0, done.stderr
    assert "2 units (2 functions) would be sent to gpt-4o" in done.stdout
    assert "prompt tokens" in done.stdout and "completion tokens" in done.stdout
    assert "at $1.00 in / $2.00 out per million tokens" in done.stdout
    assert fake.posts == 0 and not (tmp_path / "out").exists()


def test_max_cost_run_exits_1_saying_how_to_resume(tmp_path):
    with FakeOpenAI() as fake:
        done = cli(tmp_path, "--backend", "openai", "--base-url", fake.base_url, "--no-verify",
                   toml="[model]\nmax_cost = 0.000001\n")
    assert done.returncode == 1, done.stderr
    assert "max_cost" in done.stderr and "--resume" in done.stderr and "Traceback" not in done.stderr
    assert fake.posts == 0 and (tmp_path / "out" / ".llmigrate" / "journal.json").is_file()
