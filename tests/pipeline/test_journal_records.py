"""The journal's records: a current journal round-trips through its JSON; a version-1 journal (dicts, no C
facts) is converted on load, verify's evidence in it kept as records; an unversioned or unknown one is
refused with a message naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.paths import DATA

from llmigrate.core import LlmigrateError
from llmigrate.journal import (
    JOURNAL_VERSION,
    CargoOutcome,
    CTestRecord,
    Evidence,
    FunctionRecord,
    Journal,
    JournalError,
    RepairRound,
    Status,
    VerifyRecord,
    journal_path,
)
from llmigrate.report.render import write_reports

V1 = DATA / "pipeline" / "journal_v1.json"


def _current(out: Path) -> Journal:
    j = Journal.create(out, "/src/calc", "builtin", None)
    rec = FunctionRecord("twice", "calc.c", "twice", "h2", "calc", start_line=5, end_line=7, callees=["add"],
                         c_source="unsigned twice(unsigned a)\n{\n\treturn add(a, a);\n}")
    rec.update(status=Status.VERIFIED, rust="pub fn twice(a: u32) -> u32 { add(a, a) }\n",
               backend="builtin", equivalence="equivalent", inputs_tested=12, clippy_warnings=None,
               evidence=Evidence(["tests/test_calc.c"], 12, whole_input_space=True,
                                 verified_by=["c_tests", "differential"]))
    rec.rounds.append(RepairRound(1, "compile", ["error[E0425]"], "bad", "rustc", "fixed"))
    j.functions["twice"] = rec
    j.run.c_tests = [CTestRecord("tests/test_calc.c", "passed", "passed", "", False, True, ["twice"])]
    j.run.build = CargoOutcome(True, [], 1.5)
    j.run.verify = VerifyRecord(seconds=2.0, clippy="not run")
    j.run.add_tokens(10, 4)
    return j


def test_a_current_journal_round_trips(tmp_path: Path) -> None:
    j = _current(tmp_path)
    j.save()
    raw = json.loads(journal_path(tmp_path).read_text())
    assert raw["version"] == JOURNAL_VERSION and raw["tokens"] == {"in": 10, "out": 4}
    assert raw["functions"]["twice"]["status"] == "verified"  # the JSON keeps plain strings
    assert raw["functions"]["twice"]["rounds"][0]["outcome"] == "fixed"
    assert raw["functions"]["twice"]["evidence"]["verified_by"] == ["c_tests", "differential"]
    again = Journal.load(tmp_path)
    assert again.run == j.run
    assert again.functions["twice"].status is Status.VERIFIED
    twice = again.functions["twice"]
    assert twice.c_source.startswith("unsigned twice") and twice.start_line == 5 and twice.callees == ["add"]


def test_a_version_1_journal_is_converted(tmp_path: Path) -> None:
    journal_path(tmp_path).parent.mkdir(parents=True)
    journal_path(tmp_path).write_text(V1.read_text())
    j = Journal.load(tmp_path)
    assert {fid: r.status for fid, r in j.functions.items()} == {
        "add": Status.VERIFIED, "twice": Status.VERIFIED, "halve": Status.KEPT_IN_C}
    twice = j.functions["twice"]
    assert twice.rounds[0].outcome == "fixed" and twice.rounds[0].fixed_by == "backend"
    assert twice.c_source == "" and twice.regressed_by == []  # not recorded by version 1
    # what verify measured into a version-1 journal (coverage evidence, the tests' reach) is kept, typed
    assert twice.evidence == Evidence(["tests/test_calc.c"], 600, False, ["c_tests", "differential"])
    assert j.run.c_tests[0].executed == ["add", "twice"] and j.run.verify.sandbox.startswith("no namespaces")
    assert j.functions["halve"].backend is None  # its unit's translation was rejected
    assert j.run.c_tests[0].passed and j.run.build and j.run.build.ok and j.run.tokens_in == 30
    j.save()
    assert json.loads(journal_path(tmp_path).read_text())["version"] == JOURNAL_VERSION
    report = write_reports(tmp_path)  # renders, saying the C was not recorded
    assert report["totals"]["verified"] == 2
    assert "the C was not recorded in this journal" in (tmp_path / "report" / "index.html").read_text()


@pytest.mark.parametrize("version, says", [(None, "without a schema version"), (99, "version 99")])
def test_an_unversioned_or_unknown_journal_is_refused_naming_the_file(tmp_path: Path, version, says) -> None:
    data = json.loads(V1.read_text())
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    path = journal_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(data))
    with pytest.raises(JournalError, match=says) as caught:
        Journal.load(tmp_path)
    assert str(path) in str(caught.value) and isinstance(caught.value, LlmigrateError)


def test_a_damaged_record_is_refused_naming_the_file(tmp_path: Path) -> None:
    data = json.loads(V1.read_text())
    data["functions"]["add"]["status"] = "half-done"
    path = journal_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(data))
    with pytest.raises(JournalError, match="unreadable journal.*half-done"):
        Journal.load(tmp_path)


def test_a_misspelt_field_is_an_error_not_a_new_key(tmp_path: Path) -> None:
    rec = FunctionRecord("f", "f.c", "f", "h", "f")
    with pytest.raises(AttributeError, match="statu"):
        rec.update(statu=Status.FAILED)


def test_a_model_runs_fallback_keys_are_fields(tmp_path: Path) -> None:
    """A version-1 journal of a model run kept the builtin's stand-in as dict keys; they load as fields."""
    data = json.loads(V1.read_text())
    data["functions"]["twice"].update(backend="builtin", fallback_reason="openai: still failing",
                                      context_dropped=["c_context: 1 of 2"])
    data["shared"] = {"code": "", "c_hash": "h", "backend": "builtin", "origin": "builtin"}
    journal_path(tmp_path).parent.mkdir(parents=True)
    journal_path(tmp_path).write_text(json.dumps(data))
    run = Journal.load(tmp_path).run
    twice = run.functions["twice"]
    assert (twice.backend, twice.fallback_reason) == ("builtin", "openai: still failing")
    assert twice.context_dropped == ["c_context: 1 of 2"] and run.shared.origin == "builtin"
    report = write_reports(tmp_path)
    assert {"name": "twice", "backend": "builtin", "fallback_reason": "openai: still failing"}.items() <= \
        next(f for f in report["functions"] if f["name"] == "twice").items()
