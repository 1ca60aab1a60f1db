"""What translate writes into the journal's records: the C facts the report shows, refreshed on resume for a
journal that lacks them (version 1), and a backend named only when its output became the Rust."""

from __future__ import annotations

from pathlib import Path

from llmigrate.config import Config
from llmigrate.core import (
    CFunction,
    Codebase,
    MigrateContext,
    Plan,
    SharedTranslation,
    Translation,
    Unit,
    UnitRequest,
)
from llmigrate.journal import Journal, Status
from llmigrate.signatures.mapper import map_all
from llmigrate.translate.driver import translate_units

C = {"one": "int one(void)\n{\n\treturn 1;\n}", "two": "int two(void)\n{\n\treturn one() + 1;\n}"}
RUST = {"one": "pub fn one() -> i32 {\n    1\n}\n",
        "two": "pub fn two() -> i32 {\n    crate::m::one() + 1\n}\n"}


class Fixed:
    """A backend answering from `replies`; a function missing there is given up on."""

    name, model = "fixed", None

    def __init__(self, replies: dict[str, str]) -> None:
        self.replies = replies
        self.asked: list[str] = []

    def translate_shared(self, codebase: Codebase) -> SharedTranslation:
        return SharedTranslation("")

    def translate_unit(self, request: UnitRequest) -> Translation:
        uid = request.unit.id
        self.asked.append(uid)
        if uid not in self.replies:
            return Translation(uid, {}, ok=False, reasons=[f"{uid}: no reply"])
        return Translation(uid, {uid: self.replies[uid]})

    def repair_unit(self, request):  # never called here
        raise AssertionError


def context(out: Path, journal: Journal, backend: Fixed) -> MigrateContext:
    cb = Codebase(root="/nowhere", config=Config(), files=["m.c"])
    for i, (name, text) in enumerate(C.items()):
        cb.functions[name] = CFunction(name, name, "m.c", 1 + 5 * i, 4 + 5 * i, f"int {name}(void)", "int",
                                       [], source=text, hash=f"h-{name}",
                                       callees=["one"] if name == "two" else [])
    plan = Plan([[Unit("one", ["one"])], [Unit("two", ["two"])]])
    return MigrateContext(Path("/nowhere"), out, cb.config, cb, journal, plan, map_all(cb), backend,
                          SharedTranslation(""))


def test_records_carry_the_c_and_a_resumed_run_refreshes_it(tmp_path: Path) -> None:
    backend = Fixed(RUST)
    translate_units(context(tmp_path, Journal.create(tmp_path, "/nowhere", "fixed", None), backend))
    two = Journal.load(tmp_path).functions["two"]
    assert (two.status, two.backend, two.start_line, two.callees) == (Status.TRANSLATED, "fixed", 6, ["one"])
    assert two.c_source == C["two"]

    old = Journal.load(tmp_path)  # as a version-1 journal: no C facts
    for rec in old.functions.values():
        rec.update(c_source="", start_line=0, callees=[])
    old.save()
    again = Fixed(RUST)
    translate_units(context(tmp_path, Journal.load(tmp_path), again))
    assert again.asked == []  # resumed, not retranslated
    assert Journal.load(tmp_path).functions["two"].c_source == C["two"]


def test_a_rejected_translation_names_no_backend(tmp_path: Path) -> None:
    backend = Fixed({"one": RUST["one"]})
    translate_units(context(tmp_path, Journal.create(tmp_path, "/nowhere", "fixed", None), backend))
    two = Journal.load(tmp_path).functions["two"]
    assert two.status == Status.FAILED and two.backend is None and two.reasons == ["two: no reply"]
    assert Journal.load(tmp_path).run.units["two"].backend == "fixed"  # the unit record still says who tried
