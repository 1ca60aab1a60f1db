"""C types with no Rust equivalent of the same C ABI (long double, _Complex, a struct holding a long double
passed by value): the function stays C under its own name, its callers stay C, and the rest of the library
still translates, builds and passes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.core import CType, Param
from llmigrate.reintegrate.crate import kept_in_c_item, render_ffi, skeleton_item
from llmigrate.signatures.check import pointer_like, unexpressible
from llmigrate.signatures.mapper import map_all

UNSUPPORTED = DATA / "signatures" / "unsupported"
NO_ABI = "has no Rust equivalent with the same C ABI"


@pytest.fixture(scope="module")
def sigs():
    return map_all(analyze_dir(UNSUPPORTED))


def test_types_without_a_rust_abi_are_named():
    assert unexpressible("long double", None) == "long double"
    assert unexpressible("const long double", None) == "long double"
    assert unexpressible("double complex", None) == unexpressible("_Complex double", None) == "_Complex"
    assert unexpressible("__float128", None) == "__float128"
    assert unexpressible("__m128", None) == "__m128"
    for fine in ("double", "long", "long long", "unsigned long int", "struct complex", "struct complex *"):
        assert unexpressible(fine, None) is None, fine


def test_typedefs_and_struct_members_are_followed():
    class Cb:
        types = {"real": CType("real", "typedef", "t.c", 1, "", target="long double"),
                 "struct lds": CType("struct lds", "struct", "t.c", 2, "",
                                     fields=[Param("n", "int"), Param("v", "long double [2]")]),
                 "struct lp": CType("struct lp", "struct", "t.c", 3, "",
                                    fields=[Param("p", "long double *")]),
                 "lds_t": CType("lds_t", "typedef", "t.c", 4, "", target="struct lds")}

    assert unexpressible("real", Cb) == "long double"
    assert unexpressible("struct lds", Cb) == "struct lds (member v: long double)"
    assert unexpressible("lds_t", Cb) == "struct lds (member v: long double)"
    assert unexpressible("struct lds *", Cb) is None  # a pointer to it is an ordinary pointer
    assert unexpressible("lds_t *", Cb) is None
    assert unexpressible("struct lp", Cb) is None  # a pointer member is only a pointer
    Cb.types["ldfn"] = CType("ldfn", "typedef", "t.c", 5, "", target="double (*)(long double)")
    assert pointer_like("ldfn", Cb) and not pointer_like("real", Cb) and not pointer_like("struct lds", Cb)
    Cb.types["struct cb"] = CType("struct cb", "struct", "t.c", 6, "", fields=[Param("f", "ldfn")])
    assert unexpressible("struct cb", Cb) is None  # a member of function pointer type is only a pointer


def test_signatures_name_file_line_and_type(sigs):
    assert sigs["ld_scale"].unsupported == f"mathx.c:14: signature: long double {NO_ABI}"
    assert sigs["cnorm"].unsupported == f"mathx.c:22: signature: _Complex {NO_ABI}"
    assert sigs["ld_half"].unsupported == f"mathx.c:33: signature: long double {NO_ABI}"
    assert sigs["rtwice"].unsupported == f"types.c:14: signature: long double {NO_ABI}"
    assert sigs["lds_make"].unsupported == \
        f"types.c:19: signature: struct lds (member v: long double) {NO_ABI}"
    for name in ("add", "twice", "use_ld", "half", "ld_is_null", "lds_n", "pair_sum", "real_is_null"):
        assert sigs[name].unsupported is None, name
    # pointers to such types are opaque pointers; a pointer to the struct keeps its (opaque) Rust struct
    assert [p.rust_type for p in sigs["ld_is_null"].params] == ["*mut core::ffi::c_void"]
    assert [p.rust_type for p in sigs["real_is_null"].params] == ["*mut core::ffi::c_void"]
    assert [p.rust_type for p in sigs["lds_n"].params] == ["&lds"]
    assert sigs["has_fn"].unsupported is None  # a typedef of a function pointer taking a long double
    assert [p.rust_type for p in sigs["has_fn"].params] == ["*mut core::ffi::c_void"]


def test_no_rust_item_and_no_ffi_entry(sigs):
    ffi = render_ffi(sorted(sigs), sigs)
    assert "fn ld_scale" not in ffi and "fn cnorm" not in ffi and "long double" not in ffi
    assert "fn add(" in ffi and "fn use_ld(" in ffi
    for item in (kept_in_c_item(sigs["ld_scale"], "ld_scale"), skeleton_item(sigs["ld_scale"])):
        assert "fn " not in item and item.startswith("// Not in Rust: mathx.c:14: signature: long double")


def _code(module: str, name: str) -> str:
    m = re.search(rf"// llmigrate:begin {name}\n(.*?)// llmigrate:end {name}\n", module, re.S)
    assert m, name
    return m.group(1)


@pytest.mark.slow
def test_unsupported_signatures_do_not_sink_the_crate(tmp_path):
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    done = subprocess.run([sys.executable, "-m", "llmigrate", "migrate", str(UNSUPPORTED), "--out", str(out),
                           "--backend", "builtin"], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 1, done.stdout + done.stderr  # some functions stay C
    assert f"mathx.c:14: signature: long double {NO_ABI}" in done.stderr
    journal = json.loads((out / ".llmigrate" / "journal.json").read_text())
    assert journal["skeleton"]["ok"] and journal["build"]["ok"], journal["skeleton"]
    built = subprocess.run(["cargo", "build", "--offline", "--quiet"], cwd=out, capture_output=True,
                           text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    report = json.loads((out / "report" / "report.json").read_text())
    status = {f["name"]: f["status"] for f in report["functions"]}
    # the library's ordinary functions translate, build and pass, whatever their neighbours are
    for name in ("add", "twice", "pair_sum"):
        assert status[name] == "verified", (name, status)
    # unsupported signatures: no Rust item, no C ABI entry, the C definition kept under its own name
    fns = journal["functions"]
    for name, where in (("ld_scale", "mathx.c:14"), ("cnorm", "mathx.c:22"), ("ld_half", "mathx.c:33"),
                        ("rtwice", "types.c:14"), ("lds_make", "types.c:19")):
        assert status[name] == "kept_in_c", name
        assert fns[name]["reasons"][0].startswith(f"{where}: signature: "), fns[name]["reasons"]
        assert NO_ABI in fns[name]["reasons"][0] and "Rust code cannot call it" in fns[name]["reasons"][-1]
    ffi = (out / "src" / "ffi.rs").read_text()
    assert not re.search(r"fn (ld_scale|cnorm|rtwice|lds_make)\b", ffi) and "fn add(" in ffi
    module = (out / "src" / "mathx.rs").read_text()
    assert "fn ld_scale" not in module and _code(module, "ld_scale").startswith("// Not in Rust: mathx.c:14")
    # their Rust callers stay C and call them from C; the reason names the callee
    for caller, callee in (("use_ld", "ld_scale"), ("half", "ld_half")):
        assert status[caller] == "kept_in_c"
        assert f"calls {callee}, which Rust cannot call" in fns[caller]["reasons"][0], fns[caller]["reasons"]
        assert f"__llmigrate_c_{caller}" in _code(module, caller)
    # a struct with a long double member is opaque in shared.rs; a body reading it stays C, nothing else does
    assert "pub struct lds" in (out / "src" / "shared.rs").read_text()
    assert status["lds_n"] == "kept_in_c"
    # the C test links the crate (Rust plus the kept C, ld_scale under its own name) and passes
    assert report["totals"]["c_tests_passed"] == 1 and report["totals"]["c_tests_failed"] == 0
    assert report["totals"]["failed"] == 0
