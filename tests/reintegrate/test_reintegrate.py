"""Crate layout, C ABI entries and kept-in-C: rendered text, and real cargo/gcc builds linked from C."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers.paths import DATA, data_text
from helpers.runs import migrated_and_verified
from safety_audit import audit, crate_audit

from llmigrate.config import Config
from llmigrate.core import RustParam, RustSignature
from llmigrate.reintegrate.crate import crate_name, ffi_entry, kept_in_c_item, render_crate, render_module
from llmigrate.reintegrate.crate_state import CrateState
from llmigrate.reintegrate.keep_c import c_symbol, generate
from llmigrate.report.safety import proofs
from llmigrate.signatures.mapper import map_all
from llmigrate.signatures.net import Names

M_C = data_text("reintegrate/m.c")
RUST = {
    "helper": "pub fn helper(x: u64) -> u64 {\n    x.wrapping_mul(2)\n}\n",
    "twice": "pub fn twice(x: u64) -> u64 {\n    crate::m::helper(x)\n}\n",
    "add": "pub fn add(a: u64, b: u64) -> u64 {\n    a.wrapping_add(b)\n}\n",
}
SHARED = "#[no_mangle]\npub static mut calls: i32 = 0;\n"


def analyzed(src: Path):
    from llmigrate.analyze.codebase import analyze_dir
    from llmigrate.plan import make_plan

    codebase = analyze_dir(src)
    return codebase, make_plan(codebase), map_all(codebase)


@pytest.fixture
def msrc(tmp_path: Path) -> Path:
    src = tmp_path / "mlib"
    src.mkdir()
    (src / "m.c").write_text(M_C)
    return src


def test_crate_name_is_a_valid_package_name(tmp_path):
    assert crate_name(tmp_path / "k-math 2") == "k_math_2"
    assert crate_name(tmp_path / "2d") == "c_2d"
    assert crate_name(tmp_path / "core") == "c_core"


def test_layout_markers_and_exports(msrc):
    codebase, _, sigs = analyzed(msrc)
    files = render_crate("mlib", codebase, sigs, SHARED, RUST, None)
    assert set(files) == {"Cargo.toml", "src/lib.rs", "src/shared.rs", "src/ffi.rs", "src/m.rs"}
    assert "pub mod shared;\npub mod m;\npub mod ffi;\n" in files["src/lib.rs"]
    module = files["src/m.rs"]
    assert "use crate::shared::*;" not in module  # it names nothing of shared.rs
    for fid in ("helper", "twice", "add"):
        assert f"// llmigrate:begin {fid}\n{RUST[fid]}// llmigrate:end {fid}\n" in module
    assert module.index("begin helper") < module.index("begin twice") < module.index("begin add")  # C order
    ffi = files["src/ffi.rs"]
    assert 'pub unsafe extern "C" fn twice(x: u64) -> u64 {\n    crate::m::twice(x)\n}' in ffi
    assert "fn helper" not in ffi  # static stays private
    assert 'crate-type = ["rlib", "staticlib", "cdylib"]' in files["Cargo.toml"]
    assert "[dependencies]\n\n" in files["Cargo.toml"] and "build = false" in files["Cargo.toml"]


def test_ffi_entry_puts_each_rules_proof_above_the_call_not_above_another_pointers_copy():
    # `v`'s elements are copied when unaligned; `w` is a reference: `w`'s proof explains the call's `&mut *w`
    sig = RustSignature("f", "f", "m", "f", [
        RustParam("v", "int *", "&mut [i32]", "*mut i32", conv="slice_mut", len_param="n",
                  proof="counted-loop"),
        RustParam("n", "int", "i32", "i32"),
        RustParam("w", "long *", "&mut i64", "*mut i64", conv="mut_ref", proof="deref-on-every-call")],
        "()", "()", False, True)
    entry = ffi_entry(sig)
    assert entry.index("v__unaligned") < entry.index("// SAFETY: w: rule") < entry.index("crate::m::f(")
    assert audit(entry, Names(set(), set())) == []
    # every SAFETY line names its rule in report.json, the unaligned copy's too
    rules = [p["rule"] for p in proofs(entry, "ffi")]
    assert rules == ["unaligned-copy", "counted-loop", "deref-on-every-call"]


def test_a_disjoint_checked_entry_names_the_rule_its_reference_rests_on():
    sig = RustSignature("g", "g", "m", "g", [
        RustParam("a", "int *", "&mut [i32]", "*mut i32", conv="slice_mut", len_param="n",
                  proof="disjoint-checked", disjoint_from=["b"], beneath="index-range"),
        RustParam("n", "int", "i32", "i32"),
        RustParam("b", "const int *", "*const i32", "*const i32")], "()", "()", False, True)
    lines = [t for t in proofs(ffi_entry(sig), "ffi") if t["pointer"] == "a"]
    assert [t["rule"] for t in lines] == ["unaligned-copy", "disjoint-checked"]
    assert "its conv's rule here: index-range: " in lines[1]["why"], lines  # overlap.beneath


def test_ffi_entry_converts_slices_and_refs():
    sig = RustSignature("sum", "sum", "m", "sum", [
        RustParam("p", "const u32 *", "&[u32]", "*const u32", conv="slice", len_param="n"),
        RustParam("n", "size_t", "usize", "usize"),
        RustParam("out", "u64 *", "&mut u64", "*mut u64", conv="mut_ref")], "()", "()", False, True)
    entry = ffi_entry(sig)
    assert "core::slice::from_raw_parts(p, n)" in entry and "&mut *out" in entry  # a size_t needs no cast
    sig.params[1] = RustParam("n", "int", "i32", "i32")
    assert "core::slice::from_raw_parts(p, n as usize)" in ffi_entry(sig)
    sig.params[1] = RustParam("n", "size_t", "usize", "usize")
    kept = kept_in_c_item(sig, "__llmigrate_c_sum")
    assert "llmigrate_c_impl(p.as_ptr(), n, out as *mut _)" in kept
    assert kept.startswith(sig.decl() + " {")
    # a safe fn kept in C: its unsafe call of the C original names why (the soundness scan read that body)
    assert "    // SAFETY: rule checked-c-body: " in kept
    sig.unsafe = True
    assert "SAFETY" not in kept_in_c_item(sig, "__llmigrate_c_sum")


def test_kept_c_source_renames_kept_and_declares_the_rest(msrc):
    codebase, _, sigs = analyzed(msrc)
    gen = generate(codebase, sigs, {"twice", "helper"}, SHARED)
    text = gen.files["csrc/m.c"]
    assert "u64 __llmigrate_c_twice(u64 x)\n{" in text  # renamed in place, body intact
    assert "\nu64 add(u64 a, u64 b);\n" in text  # translated: a prototype, the Rust exports it
    assert "\nextern int calls;\n" in text  # the Rust shared module defines the global
    assert "static u64 helper(u64 x)\n{\n\treturn x * 2;" in text  # static helpers stay
    assert f"{c_symbol(sigs['helper'])}(u64 x)\n{{\n\treturn helper(x);\n}}" in text  # wrapper for the static
    assert not gen.failures and not gen.notes
    # A global the Rust does not export under its C name keeps a C copy, and the function says so.
    private = generate(codebase, sigs, {"twice"}, SHARED.replace("#[no_mangle]\n", ""))
    assert "\nint calls;\n" in private.files["csrc/m.c"]
    assert "separate copies" in private.notes["twice"][0]


def _link_and_run(out: Path, main_c: str, tmp: Path) -> subprocess.CompletedProcess:
    (tmp / "main.c").write_text(main_c)
    lib = next((out / "target" / "debug").glob("lib*.a"))
    exe = tmp / "main"
    subprocess.run(["gcc", str(tmp / "main.c"), str(lib), "-lpthread", "-ldl", "-lm", "-o", str(exe)],
                   check=True, capture_output=True, text=True)
    return subprocess.run([str(exe)], capture_output=True, text=True, timeout=30)


@pytest.mark.slow
def test_kept_in_c_functions_link_into_the_staticlib(msrc, tmp_path):
    from llmigrate.cargo import run_cargo

    codebase, plan, sigs = analyzed(msrc)
    out = tmp_path / "out"
    state = CrateState(out, "mlib", codebase, plan, sigs, SHARED, Config(), code=dict(RUST),
                       kept={"twice", "helper"})
    state.write()
    assert (out / "build.rs").is_file() and (out / "csrc" / "m.c").is_file()
    built = run_cargo(out, "build", target_dir=out / "target")
    assert built.ok, built.stderr[-2000:]
    # twice() runs as C (it counts its calls in the global the Rust defines); add() runs as Rust.
    main = ("#include <stdint.h>\nuint64_t twice(uint64_t);\nuint64_t add(uint64_t, uint64_t);\n"
            "extern int calls;\n"
            "int main(void) { return !(twice(21) == 42 && add(2, 3) == 5 && calls == 1); }\n")
    assert _link_and_run(out, main, tmp_path).returncode == 0
    # Nothing kept any more: build.rs and csrc/ go away, the crate is all Rust.
    state.kept = set()
    state.write()
    assert not (out / "build.rs").exists() and not (out / "csrc" / "m.c").exists()
    assert run_cargo(out, "build", target_dir=out / "target").ok


VARIADIC_C = data_text("reintegrate/v.c")


@pytest.mark.slow
def test_kept_variadic_function_is_declared_for_rust_callers(tmp_path):
    from llmigrate.cargo import run_cargo

    src = tmp_path / "vlib"
    src.mkdir()
    (src / "v.c").write_text(VARIADIC_C)
    codebase, plan, sigs = analyzed(src)
    assert sigs["sum_ints"].variadic
    rust = {"sum3": "pub fn sum3(a: i32, b: i32, c: i32) -> i32 {\n"
                    "    unsafe { crate::v::sum_ints(3, a, b, c) }\n}\n"}
    out = tmp_path / "out"
    state = CrateState(out, "vlib", codebase, plan, sigs, "", Config(), code=rust, kept={"sum_ints"})
    state.write()
    built = run_cargo(out, "build", target_dir=out / "target")
    assert built.ok, [d.rendered for d in built.errors] or built.stderr[-2000:]
    main = "int sum_ints(int n, ...);\nint sum3(int, int, int);\n" \
           "int main(void) { return !(sum3(1, 2, 3) == 6 && sum_ints(2, 5, 6) == 11); }\n"
    assert _link_and_run(out, main, tmp_path).returncode == 0


def test_marker_like_comment_in_code_cannot_cut_a_span():
    from llmigrate.reintegrate.crate_format import find_spans

    code = {"a": "pub fn a() {\n    // llmigrate:end a\n}\n", "b": "pub fn b() {}\n"}
    text = render_module(["a", "b"], code)
    spans = find_spans(text, "src/m.rs")
    assert "pub fn a() {" in spans["a"].text and spans["a"].text.rstrip().endswith("}")
    assert spans["b"].text == "pub fn b() {}\n"


@pytest.mark.slow
def test_slice_parameters_named_like_the_entrys_own_bindings_still_build(tmp_path):
    # the C ABI entry copies an unaligned pointer's elements in a loop of its own: a parameter named `i` or
    # `v` must not be hidden by that loop's bindings (the crate did not build)
    out = tmp_path / "out"
    migrated_and_verified(DATA / "reintegrate" / "shadowed", out)
    ffi = (out / "src" / "ffi.rs").read_text()
    assert "v.add(llmigrate_i).write_unaligned(llmigrate_v)" in ffi and "i.add(llmigrate_i)" in ffi
    # each rule's proof sits above the call making its reference, not above a copy of another pointer
    found = crate_audit(out)
    assert not found, "\n".join(f.line() for f in found)
