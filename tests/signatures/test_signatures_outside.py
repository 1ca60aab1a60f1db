"""Types and functions of a header outside SRC (an include dir beside it, as a kernel shim is): what the
compiler sees complete there is as provable as SRC's own; what it only declares stays raw."""

from __future__ import annotations

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.net import crate_names, unsound

OUTSIDE = DATA / "signatures" / "outside" / "src"


def test_a_struct_and_a_scalar_typedef_of_a_header_outside_src_are_complete():
    codebase = analyze_dir(OUTSIDE)
    assert codebase.types["struct tally"].file == "../include/shim.h"
    assert codebase.types["wide_t"].target == "unsigned short"
    assert "struct handle" not in codebase.types  # declared only
    sigs = map_all(codebase)
    assert sigs["tally_add"].decl() == "pub fn tally_add(t: &mut tally, v: i32)"
    assert sigs["tally_count"].decl() == "pub fn tally_count(t: &tally) -> i32"
    assert sigs["wide_set"].decl() == "pub fn wide_set(w: &mut u16, v: u16)"
    assert raw_reasons(codebase.functions["handle_given"], codebase) == {
        "h": "pointee's type is incomplete (only declared, or defined outside SRC)"}
    assert sigs["handle_given"].unsafe


def test_a_call_of_a_scalar_only_function_of_a_header_outside_src_is_checked():
    codebase = analyze_dir(OUTSIDE)
    sigs = map_all(codebase)
    # the call is checked (scalars only), and `mix8` is known code: a static inline of the header touching
    # only its arguments' values (signatures/inlined.py), so `buf`'s reference may be held across it
    assert sigs["mix_all"].decl() == "pub fn mix_all(crc: u8, buf: &[u8], n: u64) -> u8"
    assert not sigs["mix_all"].unsafe and sigs["mix_all"].unchecked is None
    # `peek` only reads through its pointer: proven `&i32` (signatures/hdrinline.py), but `&x` for a `const`
    # pointer parameter is converted first, then made a reference (soundness: as for a SRC callee)
    assert sigs["peek_twice"].unsafe
    assert "passes `&x` to `peek` as a reference made from a raw pointer" in sigs["peek_twice"].unchecked


def test_a_prototype_taking_a_struct_that_holds_a_pointer_is_no_scalar_call(tmp_path):
    (tmp_path / "x.c").write_text("struct pair { int *p; };\nint use(struct pair q);\n"
                                  "enum e { A, B };\nenum e pick(int v);\n"
                                  "int call(void) { struct pair q = { 0 }; return use(q); }\n"
                                  "int picked(int v) { return (int)pick(v); }\n")
    sigs = map_all(analyze_dir(tmp_path))
    assert "calls `use`, a function outside SRC" in sigs["call"].unchecked
    assert not sigs["picked"].unsafe  # an enum is a scalar


def test_a_body_built_by_macros_is_read_with_the_definitions_the_compiler_used():
    """`START(n)` has no `;` and two definitions, one in an `#ifdef` branch the compiler skips, as is a line
    of the body tree-sitter cannot read (`(__force int)`): the proofs and the soundness scan read the body
    with the live definitions expanded and the skipped lines blank."""
    codebase = analyze_dir(OUTSIDE)
    assert codebase.skipped["built.c"] == frozenset({5, 16})
    sig = map_all(codebase)["doubled"]
    assert sig.decl() == "pub fn doubled(t: &mut tally, n: i32) -> i32"
    assert not sig.unsafe and sig.unchecked is None


@pytest.mark.slow
def test_outside_types_and_functions_migrate_safe_and_pass_the_c_test(tmp_path):
    out = tmp_path / "out"
    report = migrated_and_verified(OUTSIDE, out)
    by_name = {f["name"]: f for f in report["functions"]}
    # handle_given is untested: no generated value makes a `struct handle`, whose layout is unknown
    assert {n for n, f in by_name.items() if f["equivalence"] != "equivalent"} == {"handle_given"}
    module = (out / "src" / "m_lib.rs").read_text()
    built = (out / "src" / "built.rs").read_text()
    safe = ((module, "tally_add"), (module, "tally_count"), (module, "wide_set"), (built, "doubled"))
    for text, name in safe:
        assert "unsafe" not in function_code(text, name) and by_name[name]["unsafe_lines"] == 0
    # the header's inline `mix8` is known code (signatures/inlined.py): `buf` is a slice across its call
    assert function_code(module, "mix_all").startswith("pub fn mix_all(crc: u8, buf: &[u8], n: u64) -> u8")
    names = crate_names(out)
    assert [u for p in sorted((out / "src").glob("*.rs")) for u in unsound(p.read_text(), names)] == []
    assert "unsafe fn" in function_code(module, "peek_twice")
    assert "pub unsafe fn handle_given(h: *mut handle)" in function_code(module, "handle_given")
