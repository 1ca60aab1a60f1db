"""Recursion and the borrow proofs (signatures_cycles): a cycle of calls is proven at its fixpoint, starting
from every pointer parameter a shared reference and weakening what a member refutes; with the cases that
must stay raw: a pointer stored in a global, two that may alias passed down, a recursion through the
function's address. A parameter of a cycle that stays raw is reported with the rule that fails, not the
pass to itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified
from safety_audit import crate_audit

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.signatures.mapper import map_all, raw_reasons

CYCLES = DATA / "signatures" / "cycles"


def _mapped() -> tuple[dict, dict]:
    """(function id -> its signature, function id -> its raw pointer reasons) for the cycles project."""
    cb = analyze_dir(CYCLES, load_config(CYCLES))
    return map_all(cb), {fid: raw_reasons(fn, cb) for fid, fn in cb.functions.items()}


def test_a_pointer_a_recursion_only_reads_is_a_shared_view():
    sigs, _ = _mapped()
    # c's label may point into *c and total follows n->kid: `&mut` is refuted, `&` holds around the cycle
    assert [p.conv for p in sigs["total"].params] == ["ref", "opt_ref"]


def test_a_string_passed_down_a_recursion_is_a_c_string():
    sigs, _ = _mapped()
    assert [p.conv for p in sigs["count"].params] == ["ref", "cstr"]


def test_mutual_recursion_settles_where_each_member_needs_the_other():
    sigs, _ = _mapped()
    assert [p.conv for p in sigs["tall"].params] == ["opt_ref", "opt_ref"]
    assert [p.conv for p in sigs["tall_kids"].params] == ["opt_ref", "ref"]


def test_what_the_recursion_cannot_prove_stays_raw_with_its_own_reason():
    sigs, why = _mapped()
    assert sigs["mark"].params[0].conv == "value" and why["mark"]["c"] == "assigned or copied"
    assert [p.conv for p in sigs["acc"].params[:2]] == ["value", "value"]
    assert why["acc"] == {"sum": "may alias another parameter", "out": "may alias another parameter"}
    assert sigs["hop"].params[0].conv == "value" and why["hop"]["c"] == "passed to a function outside SRC"


def test_a_refuted_cycle_member_is_not_taken_back(tmp_path: Path):
    # f's p is proven only while g's q is and the other way round; each round, taking back what the last
    # one gave up swapped them forever: the cycle settles with both shared views
    (tmp_path / "m.c").write_text(
        "struct s { int v; char *name; struct s *next; };\n"
        "int g(struct s *q, const struct s *n);\n"
        "int f(struct s *p, const struct s *n) { if (!n) return 0; return p->v + g(p, n->next); }\n"
        "int g(struct s *q, const struct s *n) { return f(q, n) + f(q, n->next); }\n")
    sigs = map_all(analyze_dir(tmp_path))
    assert sigs["f"].params[0].conv == "opt_ref" and sigs["g"].params[0].conv == "opt_ref"


@pytest.mark.slow
def test_recursive_borrows_verify_against_the_c(tmp_path):
    out = tmp_path / "out"
    migrated_and_verified(CYCLES, out)
    module = (out / "src" / "m_lib.rs").read_text()
    assert "fn total(c: &cfg, n: Option<&node>)" in function_code(module, "total")
    assert "fn count(it: &item, name: &core::ffi::CStr)" in function_code(module, "count")
    assert "fn acc(sum: *mut i32, out: *mut i32" in function_code(module, "acc")
    assert "// SAFETY: c:" in (out / "src" / "ffi.rs").read_text()
    # the members total follows are lent under its contract, not under `n`'s rule (issue 15)
    assert "// SAFETY: the caller's contract (# Safety): it passes `n->kid[0]` as a reference" \
        in function_code(module, "total")
    found = crate_audit(out)
    assert not found, "\n".join(f.line() for f in found)
