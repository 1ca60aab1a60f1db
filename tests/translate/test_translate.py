"""The translate driver under the scripted backend: levels, guard + re-ask, journal records, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.fake_openai import good_reply_for, synthetic

from llmigrate.backends import get_backend
from llmigrate.config import Config
from llmigrate.core import LlmigrateError, MigrateContext
from llmigrate.journal import Journal
from llmigrate.signatures.mapper import map_all
from llmigrate.translate.driver import translate_shared, translate_units

LAZY = "```rust\npub fn {name}(x: i32) -> i32 {{\n    todo!()\n}}\n```"


def scripted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: dict):
    path = tmp_path / "script.json"
    # the synthetic codebase has no files on disk for the builtin to translate shared items from
    path.write_text(json.dumps({"shared": "// nothing shared\n", **script}))
    monkeypatch.setenv("LLMIGRATE_SCRIPT", str(path))
    return get_backend("scripted", Config())


def context(tmp_path, backend, cb, plan, journal, shared, **settings) -> MigrateContext:
    return MigrateContext(Path(cb.root), tmp_path / "out", cb.config.override(**settings), cb, journal, plan,
                          map_all(cb), backend, shared)


def run(tmp_path, backend, cb, plan, journal=None, progress=None, **settings):
    journal = journal or Journal.create(tmp_path / "out", "/synthetic", backend.name, None)
    shared = translate_shared(cb, backend, journal)
    ctx = context(tmp_path, backend, cb, plan, journal, shared, **settings)
    return translate_units(ctx, progress), journal


def test_all_units_translated_and_journaled(tmp_path, monkeypatch):
    cb, plan = synthetic([3, 2, 1])
    backend = scripted(tmp_path, monkeypatch, {"shared": "// nothing shared\n",
                                               "units": {f: [good_reply_for(cb, f)] for f in cb.functions}})
    order = []
    results, journal = run(tmp_path, backend, cb, plan, progress=lambda uid, t: order.append(uid))
    assert all(t.ok for t in results.values()) and len(results) == 6
    assert order.index("f2_0") > max(order.index(f) for f in ("f1_0", "f1_1"))
    saved = json.loads(journal.path.read_text())
    entry = saved["functions"]["f1_0"]
    assert entry["status"] == "translated" and entry["backend"] == "scripted" and entry["attempts"] == 1
    assert "crate::chain::f0_0(x)" in entry["rust"] and entry["rust_hash"] and entry["module"] == "chain"
    assert saved["shared"]["code"] == "// nothing shared\n"


def test_lazy_reply_is_rejected_and_reasked(tmp_path, monkeypatch):
    cb, plan = synthetic([1])
    backend = scripted(tmp_path, monkeypatch, {"units": {"f0_0": [LAZY.format(name="f0_0"),
                                                                  good_reply_for(cb, "f0_0")]}})
    results, journal = run(tmp_path, backend, cb, plan)
    assert results["f0_0"].ok and results["f0_0"].attempts == 2
    assert "todo!()" not in journal.functions["f0_0"].rust


def test_bounded_attempts_then_failed_and_run_goes_on(tmp_path, monkeypatch):
    cb, plan = synthetic([2, 1])
    lazy, misnamed = LAZY.format(name="f0_0"), LAZY.format(name="f0_zero")  # each fixes the other's problem
    backend = scripted(tmp_path, monkeypatch, {"units": {"f0_0": [lazy, misnamed] * 3,
                                                         "f0_1": [good_reply_for(cb, "f0_1")],
                                                         "f1_0": [good_reply_for(cb, "f1_0")]}})
    results, journal = run(tmp_path, backend, cb, plan, max_attempts=3)
    failed = journal.functions["f0_0"]
    assert failed.status == "failed" and failed.attempts == 3 and failed.rust is None
    assert len(failed.reasons) == 3 and ["todo!()" in r for r in failed.reasons] == [True, False, True]
    assert failed.reasons[0].startswith("chain.c:1: f0_0: attempt 1:")
    assert results["f0_1"].ok and results["f1_0"].ok  # the caller is still translated


def test_a_reply_with_the_problems_of_the_one_before_is_not_asked_again(tmp_path, monkeypatch):
    """A real small model re-asked with the parse errors of its reply sent them all back: a third ask is
    not worth minutes of a CPU model's time."""
    cb, plan = synthetic([1])
    backend = scripted(tmp_path, monkeypatch, {"units": {"f0_0": [LAZY.format(name="f0_0")] * 3}})
    _, journal = run(tmp_path, backend, cb, plan, max_attempts=3)
    failed = journal.functions["f0_0"]
    assert failed.status == "failed" and failed.attempts == 2
    assert failed.reasons[-1].endswith("(the problems of attempt 1 again: not asked again)")


def test_running_out_of_replies_is_a_clear_failure(tmp_path, monkeypatch):
    cb, plan = synthetic([1])
    backend = scripted(tmp_path, monkeypatch, {"units": {}})
    results, journal = run(tmp_path, backend, cb, plan)
    assert not results["f0_0"].ok
    assert "no reply left" in journal.functions["f0_0"].reasons[0]
    assert journal.functions["f0_0"].attempts == 1  # giving up is final, not re-asked


def test_resume_skips_finished_units_and_redoes_changed_c(tmp_path, monkeypatch):
    cb, plan = synthetic([2, 1])
    first = scripted(tmp_path, monkeypatch, {"units": {f: [good_reply_for(cb, f)] for f in cb.functions}})
    _, journal = run(tmp_path, first, cb, plan)
    cb.functions["f0_1"].hash = "changed"
    cb.functions["f0_1"].source = cb.functions["f0_1"].source.replace("x + 1;", "x + 1001;")
    # only the changed function has a reply: re-asking any other unit would fail it
    again = scripted(tmp_path, monkeypatch, {"units": {"f0_1": [good_reply_for(cb, "f0_1")]}})
    resumed = Journal.load(tmp_path / "out")
    results, journal = run(tmp_path, again, cb, plan, journal=resumed)
    assert all(t.ok for t in results.values())
    assert journal.functions["f0_1"].c_hash == "changed"
    assert "1001" in journal.functions["f0_1"].rust
    assert again.units["f0_1"] == []  # consumed


def test_scripted_needs_its_script(monkeypatch, tmp_path):
    monkeypatch.delenv("LLMIGRATE_SCRIPT", raising=False)
    with pytest.raises(LlmigrateError, match="LLMIGRATE_SCRIPT"):
        get_backend("scripted", Config())
    bad = tmp_path / "bad.json"
    bad.write_text('{"units": {"f": "not a list"}}')
    monkeypatch.setenv("LLMIGRATE_SCRIPT", str(bad))
    with pytest.raises(LlmigrateError, match="bad.json"):
        get_backend("scripted", Config())


def test_scc_reply_is_split_per_function(tmp_path, monkeypatch):
    cb, plan = synthetic([2])
    cb.functions["f0_0"].callees = ["f0_1"]
    cb.functions["f0_1"].callees = ["f0_0"]
    plan.levels = [[type(plan.levels[0][0])("f0_0", ["f0_0", "f0_1"])]]
    reply = ("```rust\npub fn f0_1(x: i32) -> i32 {\n"
             "    if x > 0 { crate::chain::f0_0(x - 1) } else { 1 }\n}\n\n"
             "fn f0_0__step(x: i32) -> i32 {\n    x\n}\n\n"
             "pub fn f0_0(x: i32) -> i32 {\n    crate::chain::f0_1(f0_0__step(x))\n}\n```")
    backend = scripted(tmp_path, monkeypatch, {"units": {"f0_0": [reply]}})
    results, journal = run(tmp_path, backend, cb, plan)
    code = results["f0_0"].code
    assert code["f0_0"].count("fn ") == 2 and "f0_0__step" in code["f0_0"]
    assert code["f0_1"].startswith("pub fn f0_1") and "f0_0__step" not in code["f0_1"]
    assert journal.functions["f0_1"].rust == code["f0_1"]


def test_shared_names_cover_items_that_need_rust():
    from llmigrate.core import CGlobal, CMacro, CType
    from llmigrate.translate.driver import shared_names

    cb, _ = synthetic([1])
    cb.types["u32"] = CType("u32", "typedef", "k.h", 1, "typedef uint32_t u32;", target="uint32_t")
    cb.types["struct node"] = CType("struct node", "struct", "k.h", 2, "struct node { int v; };")
    cb.globals["type"] = CGlobal("type", "k.c", 3, "int", source="int type;")
    cb.globals["ext"] = CGlobal("ext", "k.h", 4, "int", is_extern=True, source="extern int ext;")
    for name, params, body in [("_K_H", None, ""), ("__init", None, "__attribute__((cold))"),
                               ("MAX", None, "(1U << 4)"), ("min", ["a", "b"], "((a) < (b) ? (a) : (b))"),
                               ("BUG", None, "do { abort(); } while (0)")]:
        cb.macros[name] = CMacro(name, "k.h", 5, params, body)
    assert shared_names(cb) == {"struct node": "node", "type": "r#type", "MAX": "MAX"}


class CrashingBackend:
    """A backend with a bug: the run must go on and the unit say what happened."""

    name = "crashing"
    model = None

    def translate_unit(self, request):
        if request.unit.id == "f0_0":
            raise KeyError("oops")
        return good_translation(request)

    def translate_shared(self, codebase):
        raise AssertionError("not used")

    def repair_unit(self, request):
        raise AssertionError("not used")


def good_translation(request):
    from llmigrate.core import Translation

    cb, fid = request.codebase, request.unit.id
    return Translation(fid, {fid: good_reply_for(cb, fid).split("```rust\n")[1].split("```")[0]})


def test_backend_crash_fails_only_its_unit(tmp_path):
    from llmigrate.core import SharedTranslation

    cb, plan = synthetic([2])
    journal = Journal.create(tmp_path / "out", "/synthetic", "crashing", None)
    results = translate_units(context(tmp_path, CrashingBackend(), cb, plan, journal, SharedTranslation("")))
    assert results["f0_1"].ok and not results["f0_0"].ok
    assert journal.functions["f0_0"].reasons == [
        "chain.c:1: f0_0: internal error in backend crashing: KeyError: 'oops'"]


def test_scripted_repairs_are_consumed_in_order(tmp_path, monkeypatch):
    from llmigrate.core import RepairRequest, SharedTranslation
    from llmigrate.translate.driver import unit_request

    cb, plan = synthetic([1])
    fixed = good_reply_for(cb, "f0_0").replace("wrapping_add(0)", "wrapping_add(0 + 0)")
    backend = scripted(tmp_path, monkeypatch, {"repairs": {"f0_0": [fixed]}})
    request = unit_request(cb, plan.levels[0][0], map_all(cb), SharedTranslation(""))
    repair = RepairRequest(request, {"f0_0": "pub fn f0_0(x: i32) -> i32 { y }\n"}, ["error[E0425]: y"])
    first = backend.repair_unit(repair)
    assert first.ok and "wrapping_add(0 + 0)" in first.code["f0_0"]
    second = backend.repair_unit(repair)
    assert not second.ok and 'no reply left in "repairs"' in second.reasons[0]


def test_shared_items_resume_unless_changed_or_failed(tmp_path, monkeypatch):
    from llmigrate.core import CMacro

    cb, _ = synthetic([1])
    journal = Journal.create(tmp_path / "out", "/synthetic", "scripted", None)
    one = scripted(tmp_path, monkeypatch, {"shared": "pub const A: i32 = 1;\n"})
    first = translate_shared(cb, one, journal)
    again = scripted(tmp_path, monkeypatch, {"shared": "pub const A: i32 = 2;\n"})
    assert translate_shared(cb, again, journal).code == first.code  # unchanged C: from the journal
    cb.macros["A"] = CMacro("A", "k.h", 1, None, "2")
    assert translate_shared(cb, again, journal).code == "pub const A: i32 = 2;\n"  # changed C: redone
    journal.run.shared.failures = ["k.h:1: A: rate limited"]
    redo = scripted(tmp_path, monkeypatch, {"shared": "pub const A: i32 = 3;\n"})
    assert translate_shared(cb, redo, journal).code == "pub const A: i32 = 3;\n"  # failed: redone
