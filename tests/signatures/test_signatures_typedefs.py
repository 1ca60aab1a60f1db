"""Pointer parameters spelled through a typedef (`typedef struct pt_s *pt_t;`, `typedef char *string;`): the
proofs read them as the pointer the typedef names (signatures/kinds.py `spelled`), so they are proven as
references or `&CStr` as written ones are, or stay raw with the reason the bench counts; a typedef of a
function pointer stays as it is, one of an array stays raw with a reason of its own."""

from __future__ import annotations

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons

TYPEDEFS = DATA / "signatures" / "typedefs"
PROVEN = {"pt_get": ("pub fn pt_get(p: &pt_s) -> i32", "*const pt_s"),
          "pt_set": ("pub fn pt_set(p: &mut pt_s, v: i32)", "*mut pt_s"),
          "pt_bump": ("pub fn pt_bump(p: Option<&mut pt_s>) -> i32", "*mut pt_s"),
          "str_len": ("pub fn str_len(s: &core::ffi::CStr) -> i32", "*mut i8"),
          "str_count": ("pub fn str_count(s: &core::ffi::CStr, c: i8) -> i32", "*mut i8"),  # walked
          "pt_reset": ("pub fn pt_reset(p: &mut pt_s)", "*mut pt_s"),  # passed on to pt_set
          "pt_swap_local": ("pub fn pt_swap_local(p: &mut pt_s) -> i32", "*mut pt_s")}
RAW = {"pt_keep": ("p", "assigned or copied"), "exchange": ("a", "may alias another parameter"),
       "triple_sum": ("t", "pointer typedef: a typedef of an array type (the array parameter rules read "
                           "`T [N]` only)"),
       "ignore": ("p", "unused"), "triples_mid": ("p", "pointee is an array")}


@pytest.fixture(scope="module")
def mapped():
    cb = analyze_dir(TYPEDEFS)
    return cb, map_all(cb)


def test_a_typedef_of_a_data_pointer_is_proven_as_the_pointer_it_names(mapped):
    _, sigs = mapped
    for name, (decl, abi) in PROVEN.items():
        assert sigs[name].decl().startswith(decl) and not sigs[name].unsafe, sigs[name].decl()
        assert sigs[name].params[0].abi_type == abi  # the C ABI keeps the typedef's pointer


@pytest.mark.parametrize("name", RAW)
def test_a_typedef_of_a_pointer_stays_raw_with_its_reason(mapped, name):
    cb, sigs = mapped
    param, why = RAW[name]
    assert sigs[name].unsafe and raw_reasons(cb.functions[name], cb)[param] == why


def test_a_typedef_pointer_parameter_passed_beside_a_local_is_apart(mapped):
    _, sigs = mapped  # a caller's typedef'd parameter is a pointer value from before the call (callsites.py)
    assert [p.proof for p in sigs["exchange_apart"].params] == ["disjoint-call-sites"] * 2


def test_a_global_spelled_as_a_typedef_of_a_pointer_reaches_its_pointee_kind(mapped):
    _, sigs = mapped  # `pt_t kept` points at `struct pt_s` (ints), not anything: a `double *` is apart
    assert sigs["dbl_scale"].params[0].rust_type == "&mut f64"


def test_a_typedef_of_a_function_pointer_stays_as_it_is(mapped):
    cb, sigs = mapped
    assert sigs["apply"].params[0].rust_type == 'Option<unsafe extern "C" fn(i32, i32) -> i32>'
    assert raw_reasons(cb.functions["apply"], cb) == {}


def test_a_pointer_to_a_typedef_of_an_array_points_at_whole_arrays(mapped):
    _, sigs = mapped  # not at their elements: `p[i]` strides over the whole `int [3]`
    assert sigs["triples_mid"].params[0].rust_type == "*mut triple"


@pytest.mark.slow
def test_typedef_pointers_migrate_and_behave_like_gcc(tmp_path):
    out = tmp_path / "out"
    migrated_and_verified(TYPEDEFS, out)  # the C test passes against the Rust, nothing differs
    module = (out / "src" / "td.rs").read_text()
    for name, (decl, _) in PROVEN.items():
        code = function_code(module, name)
        assert decl + " {" in code and "unsafe" not in code, code
    ffi = (out / "src" / "ffi.rs").read_text()
    assert "fn pt_set(p: *mut pt_s, v: i32)" in ffi and "crate::td::pt_set(&mut *p, v)" in ffi
    # may alias: its entry compares their bytes, and the C test's `pt_swap(&a, &a)` runs the C
    assert "pub fn pt_swap(a: &mut pt_s, b: &mut pt_s)" in function_code(module, "pt_swap")
    assert "__llmigrate_c_pt_swap" in ffi
