"""`llmigrate refine OUT` against the fake OpenAI server, on a crate the builtin migrated and verified: an
equivalent safer rewrite is kept; a wrong one (differs on inputs) and one not less unsafe are rejected, and
the builtin's Rust stays byte for byte (issue 18 item 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.fake_openai import FakeOpenAI, Reply
from helpers.outdir import make_out
from helpers.paths import data_text
from typer.testing import CliRunner

from llmigrate.cli import app
from llmigrate.pipeline import MigrateOptions, migrate_command
from llmigrate.reintegrate.crate_format import crate_spans

SAFER = """```rust
pub unsafe fn order(a: *mut i32, b: *mut i32) -> i32 {
    if a == b {
        return 0; // both NULL, or one counter: never swapped
    }
    order__safe(unsafe { a.as_mut() }, unsafe { b.as_mut() })
}

fn order__safe(a: Option<&mut i32>, b: Option<&mut i32>) -> i32 {
    match (a, b) {
        (Some(a), Some(b)) if *a > *b => {
            std::mem::swap(a, b);
            1
        }
        _ => 0,
    }
}
```"""
# Safe once the two counters are told apart, but forgets the limit: differs from the C whenever the counter
# would pass it.
WRONG = """```rust
pub unsafe fn bump(counter: *mut i32, hits: *mut i32, step: i32, limit: i32) -> i32 {
    if counter == hits {
        return 0;
    }
    let (c, h) = unsafe { (counter.as_mut(), hits.as_mut()) };
    bump__safe(c, h, step, limit)
}

fn bump__safe(counter: Option<&mut i32>, hits: Option<&mut i32>, step: i32, _limit: i32) -> i32 {
    match (counter, hits) {
        (Some(c), Some(h)) => {
            *c = c.wrapping_add(step);
            *h = h.wrapping_add(1);
            1
        }
        _ => 0,
    }
}
```"""
# Equivalent, but still one unsafe fn, and longer than the builtin's.
NOT_SAFER = """```rust
pub unsafe fn total(values: *const i32, n: i32) -> i64 {
    if values.is_null() || n <= 0 {
        return 0;
    }
    let mut sum: i64 = 0;
    let mut i: i32 = 0;
    while i < n {
        let v = unsafe { *values.offset(i as isize) };
        sum = sum.wrapping_add(v as i64);
        i = i.wrapping_add(1);
    }
    let last = unsafe { *values.offset((n - 1) as isize) };
    let result = sum.wrapping_add(last as i64);
    let checked = result;
    let answer = checked;
    answer
}
```"""


def migrated(tmp_path: Path) -> Path:
    """OUT of a builtin migration of tests/data/refine/safer.c, every function verified."""
    src, out = tmp_path / "safer", tmp_path / "out"
    src.mkdir()
    (src / "safer.c").write_text(data_text("refine/safer.c"))
    assert migrate_command(src, out, MigrateOptions(backend="builtin")) == 0
    return out


@pytest.mark.slow
def test_refine_keeps_only_an_equivalent_safer_rewrite(tmp_path: Path) -> None:
    out = migrated(tmp_path)
    before = {fid: span.text for fid, span in crate_spans(out).items()}
    # pointers that may alias and are both written, or indexed past the counted loop: kept raw
    assert all(f"pub unsafe fn {f}(" in before[f] for f in ("order", "bump", "total"))
    script = {"refine:order": [Reply(SAFER)], "refine:bump": [Reply(WRONG)],
              "refine:total": [Reply(NOT_SAFER)]}
    with FakeOpenAI(script) as fake:
        env = {**os.environ, "OPENAI_API_KEY": "sk-refine-tests-0000"}
        cmd = [sys.executable, "-m", "llmigrate", "refine", str(out), "--backend", "openai", "--base-url",
               fake.base_url]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "refine: 1 kept, 2 rejected, 1 skipped; unsafe lines of the kept: 15 -> 6" in done.stdout
    assert fake.count("refine:clamp") == 0  # no unsafe line to remove: the model is not asked
    prompt = next(r.prompt for r in fake.requests if r.key == "refine:order")
    assert "unsafe { *a = *b };" in prompt and "order__safe" in prompt  # current Rust and the way out
    fns = json.loads((out / ".llmigrate" / "journal.json").read_text())["functions"]
    refine = {fid: fns[fid]["refine"] for fid in fns}
    kept = refine["order"]
    assert (kept["outcome"], kept["unsafe_before"], kept["unsafe_after"], kept["backend"]) == (
        "kept", 15, 6, "openai")
    assert (fns["order"]["status"], fns["order"]["backend"], fns["order"]["unsafe_lines"]) == \
        ("verified", "openai", 6)
    assert refine["bump"]["outcome"] == "rejected"
    assert refine["bump"]["reason"].startswith("bump differs from the C: bump(")
    total = refine["total"]
    assert (total["outcome"], total["unsafe_before"], total["unsafe_after"], total["reason"]) == (
        "rejected", 13, 17, "not less unsafe: 13 -> 17 unsafe lines")
    assert (refine["clamp"]["outcome"], refine["clamp"]["reason"]) == ("skipped", "no unsafe lines to remove")
    after = {fid: span.text for fid, span in crate_spans(out).items()}
    assert "fn order__safe(a: Option<&mut i32>" in after["order"]
    untouched = ("bump", "total", "clamp")
    assert {f: after[f] for f in untouched} == {f: before[f] for f in untouched}  # byte for byte
    assert (fns["bump"]["backend"], fns["bump"]["status"], fns["total"]["status"]) == ("builtin", "verified",
                                                                                       "verified")
    report = {f["name"]: f for f in json.loads((out / "report" / "report.json").read_text())["functions"]}
    assert report["order"]["refine"]["outcome"] == "kept" and report["order"]["unsafe_lines"] == 6
    html = (out / "report" / "index.html").read_text()
    assert "kept (rewrite by openai): 15 &rarr; 6 unsafe lines" in html
    assert "not less unsafe: 13 -&gt; 17 unsafe lines" in html and "&middot; refined" in html
    summary = (out / "report" / "summary.md").read_text()
    assert "- Refined: 1 rewrite(s) kept, 2 rejected; unsafe lines of the kept 15 -> 6" in summary
    c = tmp_path / "safer" / "safer.c"
    c.write_text(c.read_text().replace("return hi;", "return hi - 1;"))  # the C moved on: not refined again
    res = CliRunner().invoke(app, ["refine", str(out), "--backend", "openai", "--base-url", "http://127.0.0.1:9"])
    assert res.exit_code == 2 and "the C of clamp changed since the migration" in res.output


MODEL_ORDER = """```rust
pub unsafe fn order(a: *mut i32, b: *mut i32) -> i32 {
    if a.is_null() || b.is_null() {
        return 0;
    }
    if unsafe { *a <= *b } {
        return 0;
    }
    let t = unsafe { *a };
    unsafe { *a = *b };
    unsafe { *b = t };
    1
}
```"""


@pytest.mark.slow
def test_migrate_refine_refines_after_verifying(tmp_path: Path) -> None:
    src, out = tmp_path / "safer", tmp_path / "out"
    src.mkdir()
    (src / "safer.c").write_text(data_text("refine/safer.c"))
    script = {"unit:order": [Reply(MODEL_ORDER)], "refine:order": [Reply(SAFER)]}
    with FakeOpenAI(script, default=lambda key, body: Reply("I would rather not.")) as fake:
        env = {**os.environ, "OPENAI_API_KEY": "sk-refine-tests-0000"}
        cmd = [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out), "--backend",
               "openai", "--base-url", fake.base_url, "--refine"]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    journal = json.loads((out / ".llmigrate" / "journal.json").read_text())
    fns = journal["functions"]
    assert (fns["order"]["refine"]["outcome"], fns["order"]["backend"], fns["order"]["status"]) == (
        "kept", "openai", "verified")
    # the others came from the builtin (the model sent no code) and keep its Rust: no reply to refine them
    assert fns["bump"]["backend"] == "builtin" and fns["bump"]["fallback_reason"]
    assert fns["bump"]["refine"]["reason"] == "the reply held no Rust for the unit"
    assert "refine" in journal["stages"] and "fn order__safe" in (out / "src" / "safer.rs").read_text()


def test_refine_refuses_a_crate_edited_by_hand(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    calc = out / "src" / "calc.rs"
    calc.write_text(calc.read_text().replace("a.wrapping_add(b)", "b.wrapping_add(a)"))
    res = CliRunner().invoke(app, ["refine", str(out)])
    assert res.exit_code == 2 and "src/calc.rs changed by hand" in res.output


def test_refine_needs_a_model_backend(tmp_path: Path) -> None:
    src = tmp_path / "safer"
    src.mkdir()
    (src / "safer.c").write_text(data_text("refine/safer.c"))
    args = ["migrate", str(src), "--out", str(tmp_path / "out"), "--backend", "builtin", "--refine"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 2 and "--refine asks a model" in res.output
    assert not (tmp_path / "out").exists()
