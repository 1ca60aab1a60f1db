"""Rule member-bytes (signatures/memberbytes.py, backends/builtin/memberbytes.py): byte cursors over the
bytes of an integer-array member of a `const` struct parameter, bounded by the member's start plus a count,
leave the parameter a shared reference; the Rust copies the member's bytes (to_ne_bytes) and walks them as
a byte cursor's offsets, bounds-checked. gcc vs the Rust on states built by a C test
(pipeline/bytecursor/member); written through the cursor, a float member or a cursor that escapes: raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.memberbytes import PAST

MEMBER = DATA / "pipeline" / "bytecursor" / "member"  # its readers in ../include, outside SRC


@pytest.fixture(scope="module")
def member():
    codebase = analyze_dir(MEMBER)
    return codebase, {s.c_name: s for s in map_all(codebase).values()}


@pytest.mark.parametrize(("name", "ref"), [("finish32", "&acc32"), ("finish64", "&acc64")])
def test_cursors_over_an_integer_array_member_leave_a_shared_reference(member, name, ref):
    sig = member[1][name]
    p = sig.params[0]
    assert (p.rust_type, p.proof) == (ref, "member-bytes"), sig.decl()
    assert not sig.unsafe, sig.unchecked


@pytest.mark.parametrize("name", [
    "clear_tail",  # written through its cursor
    "float_bytes",  # a float member
    "tail_end",  # the cursor is returned
    "inner_start",  # cursors started in an inner block
])
def test_other_member_cursors_stay_raw(member, name):
    codebase, sigs = member
    sig = sigs[name]
    assert sig.params[0].rust_type.startswith("*") and sig.unsafe, sig.decl()
    assert raw_reasons(codebase.functions[sig.c_id], codebase)["s"] == "array member or address of a member"


@pytest.mark.slow
def test_the_rust_reads_the_members_bytes_as_gcc_reads_them(tmp_path: Path) -> None:
    from helpers.runs import function_code, safe_and_equivalent

    safe = ("finish32", "finish64")
    by_name, module = safe_and_equivalent(MEMBER, tmp_path / "out", "member", safe)
    code = {name: function_code(module, name) for name in safe}
    assert not any("unsafe" in c for c in code.values())
    assert "s.tail.iter().flat_map(|w| w.to_ne_bytes()).collect();" in code["finish32"]
    assert ".get(p..p + 4)" in code["finish32"] and f'.expect("{PAST}")' in code["finish32"]
    assert "pub unsafe fn clear_tail(s: *mut acc32)" in module
    rules = {p["rule"] for p in by_name["finish32"]["safety"]["boundary"]["proofs"] if p["pointer"]}
    assert rules == {"member-bytes"}


def test_the_rusts_read_past_the_member_is_the_cs_undefined_behaviour(tmp_path: Path) -> None:
    """A state whose count runs past the member: the C reads outside the array but inside its struct,
    where its sanitizers see nothing; the Rust's read panics with PAST, judged C undefined behaviour.
    A plain index panic stays a difference."""
    from llmigrate.verify.difftest.judge import judge
    from llmigrate.verify.difftest.run import Outcome
    from llmigrate.verify.difftest.types import plan_function

    (tmp_path / "m.c").write_text("int first(const int *p, unsigned long n) { return n ? p[0] : 0; }\n")
    codebase = analyze_dir(tmp_path)
    plan = plan_function(next(iter(codebase.functions.values())), codebase)
    rec = bytes(plan.out_struct.size)
    past = Outcome("panic", f"{PAST} at src/m.rs:7:20")
    verdict = judge(plan, ((1,), 1), None, past, rec, b"")
    assert verdict.kind == "ub" and "array member" in verdict.finding
    plain = Outcome("panic", "index out of bounds: the len is 16 but the index is 20 at src/m.rs:7:20")
    assert judge(plan, ((1,), 1), None, plain, rec, b"").kind == "differs"
