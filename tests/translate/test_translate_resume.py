"""A run killed mid-way (SIGKILL, in a subprocess) resumes from its journal, re-asking no finished unit."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from helpers.fake_openai import FakeOpenAI, Reply, good_reply_for, synthetic
from helpers.paths import TESTS
from helpers.runs import translated

WIDTHS = [4, 3, 2]
DRIVER = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from helpers.fake_openai import synthetic
from llmigrate.backends import get_backend
from llmigrate.config import Config
from llmigrate.core import MigrateContext, SharedTranslation
from llmigrate.journal import Journal
from llmigrate.signatures.mapper import map_all
from llmigrate.translate.driver import translate_units

out = Path({out!r})
cb, plan = synthetic({widths!r})
backend = get_backend("openai", Config(base_url={url!r}, no_cache=True, model_max_retries=0))
journal = Journal.load(out) if {resume!r} else Journal.create(out, "/synthetic", "openai", backend.model)
ctx = MigrateContext(Path(cb.root), out, Config(jobs=1), cb, journal, plan, map_all(cb), backend,
                     SharedTranslation(""))
results = translate_units(ctx)
print(sum(t.ok for t in results.values()))
"""


def driver(fake: FakeOpenAI, out: Path, resume: bool) -> list[str]:
    code = DRIVER.format(tests=str(TESTS), out=str(out), widths=WIDTHS, url=fake.base_url,
                         resume=resume)
    return [sys.executable, "-c", code]


def test_killed_run_resumes_without_redoing_finished_units(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-resume-000000")
    cb, _ = synthetic(WIDTHS)
    out = tmp_path / "out"
    script = {f"unit:{f}": [Reply(good_reply_for(cb, f), delay=0.2)] for f in cb.functions}
    with FakeOpenAI(script) as fake:
        proc = subprocess.Popen(driver(fake, out, resume=False), stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while len(translated(out)) < 4 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        proc.kill()
        proc.wait(timeout=10)
        finished = translated(out)
        assert 4 <= len(finished) < len(cb.functions)  # killed mid-run, after level 0
        before = {f: fake.count(f"unit:{f}") for f in cb.functions}
        done = subprocess.run(driver(fake, out, resume=True), capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == str(len(cb.functions))
        for f in finished:
            assert fake.count(f"unit:{f}") == before[f] == 1, f
        for f in set(cb.functions) - finished:
            assert fake.count(f"unit:{f}") >= 1
    assert translated(out) == set(cb.functions)
