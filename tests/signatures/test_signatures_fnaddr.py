"""Static functions whose address is taken: their Rust takes the proven signature, and their address is an
adapter in ffi.rs converting C's pointers as an exported entry does, so C calling through the pointer (from
outside SRC, with NULL or one object passed twice) behaves as the C did."""

from __future__ import annotations

import json
import re

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import map_all, raw_reasons

FNADDR = DATA / "signatures" / "fnaddr"


def test_address_taken_static_function_gets_the_proven_signature_and_an_adapter():
    cb = analyze_dir(FNADDR)
    s = map_all(cb)
    assert [p.rust_type for p in s["bump"].params] == ["&mut counter", "i32"] and not s["bump"].unsafe
    assert [p.rust_type for p in s["reset"].params] == ["Option<&mut counter>", "i32"]
    # two counters C may pass as one object, and SRC never calls `move` by name: its adapter is its only
    # caller, and it compares the two counters' bytes, running the C original when they overlap
    assert raw_reasons(cb.functions["move"], cb) == {}
    assert [(p.rust_type, p.proof, p.disjoint_from) for p in s["move"].params] == [
        ("&mut counter", "disjoint-checked", ["src"]), ("&mut counter", "disjoint-checked", ["dst"])]
    moved = ffi_entry(s["move"])
    assert '#[link_name = "__llmigrate_c_' in moved and moved.index("llmigrate_overlap(dst as usize") < \
        moved.index("// SAFETY: dst: rule disjoint-checked")
    mod = s["bump"].module
    assert s["bump"].abi_path == f"crate::ffi::{mod}__abi_bump" and s["move"].abi_path.endswith("__abi_move")
    assert s["call_with"].abi_path is None  # static, address never taken: no entry
    entry = ffi_entry(s["reset"])
    assert "#[no_mangle]" not in entry  # a private adapter: C reaches it only through the address
    assert f"pub unsafe extern \"C\" fn {mod}__abi_reset(c: *mut counter" in entry
    assert "// SAFETY: c: rule null-checked" in entry and f"crate::{mod}::reset(c.as_mut(), by)" in entry


@pytest.mark.slow
def test_c_calling_static_functions_through_their_addresses_behaves_as_the_c(tmp_path):
    out = tmp_path / "out"
    report = migrated_and_verified(FNADDR, out)  # the C test calls through the table, with NULL and aliases
    module_name = map_all(analyze_dir(FNADDR))["bump"].module
    module = (out / "src" / f"{module_name}.rs").read_text()
    assert function_code(module, "bump").strip().startswith("pub fn bump(c: &mut counter, by: i32)")
    assert "pub fn reset(c: Option<&mut counter>, by: i32)" in function_code(module, "reset")
    # mover()(&a, &a) from the C test reaches the C original through the adapter's check
    assert "pub fn r#move(dst: &mut counter, src: &mut counter)" in function_code(module, "move")
    # every use of an address is the adapter: a global table, a member assignment, an argument, a return
    shared = (out / "src" / "shared.rs").read_text()
    assert f"Some(crate::ffi::{module_name}__abi_bump)" in shared
    assert f"Some(crate::ffi::{module_name}__abi_reset)" in shared
    assert f"crate::ffi::{module_name}__abi_reset as" in function_code(module, "install")
    assert f"crate::ffi::{module_name}__abi_bump as" in function_code(module, "apply_bump")
    assert f"crate::ffi::{module_name}__abi_move as" in function_code(module, "mover")
    assert re.search(r"\bfn \w*__abi_", module + shared) is None  # no other shim beside the functions
    # the report lists the adapter's conversions as the static function's boundary
    reset = next(f for f in report["functions"] if f["name"] == "reset")
    assert [p["rule"] for p in reset["safety"]["boundary"]["proofs"]] == ["null-checked"]
    assert all(f["equivalence"] == "equivalent" for f in report["functions"]), json.dumps(report)[:2000]
