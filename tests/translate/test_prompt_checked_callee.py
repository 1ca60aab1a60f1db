"""A callee whose references may overlap in C (rule disjoint-checked): the translate prompt tells the model
to call its checked C ABI entry from raw pointers, as the builtin does."""

from __future__ import annotations

from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.core import SharedTranslation, Unit, UnitRequest
from llmigrate.signatures.mapper import map_all
from llmigrate.translate.prompting import render, unit_context


def test_prompt_names_the_checked_entry_of_a_callee_whose_references_may_overlap():
    cb = analyze_dir(DATA / "pipeline" / "disjoint")
    request = UnitRequest(cb, Unit("twice", ["twice"]), map_all(cb), SharedTranslation(""))
    prompt = render("translate_unit.j2", **unit_context(request))
    assert "`crate::vec::add`: `pub fn add(dst: &mut v, a: &v, b: &v)` (its references may overlap" in prompt
    assert "call `crate::ffi::add` with the C pointers instead" in prompt
