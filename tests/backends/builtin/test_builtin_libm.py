"""<math.h> functions of scalars (rule pure-libm, issue 15): shared.rs declares them `safe fn`, so functions
touching no pointer call them without `unsafe` (0% unsafe lines), with a proof naming the rule; `fabs` is
`f64::abs`. A math function taking a pointer stays an unsafe call, and so does a pure one whose shared.rs
declaration is not a `safe fn` (a model's shared.rs). (That the Rust computes what gcc's C does, NaN signs
included: behaviour case arith/libm_pure.)"""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers.builtin_translate import translate_file, unsafe_blocks
from helpers.paths import data_text

from llmigrate.backends import get_backend
from llmigrate.config import Config

C = data_text("backends/builtin/behaviour/arith/libm_pure.c")
PURE = ("lm_roots", "lm_trig", "lm_exp", "lm_round", "lm_floats", "lm_nan", "lm_nan_abs")


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    return translate_file(tmp_path_factory.mktemp("libm"), "libm.c", C)


def test_pure_math_is_a_safe_fn_without_unsafe_and_names_its_rule(done):
    for fid in PURE:
        tr, sig, _ = done[fid]
        assert tr.ok and not sig.unsafe, (fid, tr.reasons)
        assert "unsafe" not in tr.code[fid], tr.code[fid]
    roots = done["lm_roots"][0].code["lm_roots"]
    assert "// SAFETY: rule pure-libm: `sqrt` takes and returns scalars only" in roots
    assert "crate::shared::sqrt(x)" in roots
    assert "crate::shared::sqrt(x).abs()" in done["lm_nan_abs"][0].code["lm_nan_abs"]
    shared = done["lm_roots"][2].shared.code
    assert "    // SAFETY: rule pure-libm: `hypot`" in shared
    for decl in ("pub safe fn sqrt(x: f64) -> f64;", "pub safe fn sqrtf(x: f32) -> f32;",
                 "pub safe fn ldexp(x: f64, exponent: i32) -> f64;", "pub safe fn fabs(x: f64) -> f64;"):
        assert decl in shared


def test_a_pointer_taking_math_function_stays_an_unsafe_call(tmp_path):
    c = "#include <math.h>\ndouble mant(double x) { int e; return frexp(x, &e) + e; }\n" \
        "double whole(double x) { double i; modf(x, &i); return i; }\n"
    done = translate_file(tmp_path, "ptr.c", c)
    shared = done["mant"][2].shared.code
    assert "pub fn frexp(" in shared and "pub fn modf(" in shared and "safe fn" not in shared
    for fid, libm in (("mant", "frexp"), ("whole", "modf")):
        tr, sig, _ = done[fid]
        assert sig.unsafe and any(f"crate::shared::{libm}(" in b for b in unsafe_blocks(tr.code[fid])), fid


def test_a_pure_function_not_declared_safe_in_shared_rs_is_called_in_unsafe(tmp_path):
    done = translate_file(tmp_path, "one.c", "#include <math.h>\ndouble r(double x) { return sqrt(x); }\n")
    _, _, req = done["r"]
    shared = req.shared.code.replace("pub safe fn sqrt", "pub fn sqrt")  # as a model may declare it
    backend = get_backend("builtin", Config())
    tr = backend.translate_unit(replace(req, shared=replace(req.shared, code=shared)))
    assert unsafe_blocks(tr.code["r"]) == ["unsafe { crate::shared::sqrt(x) }"], tr.code["r"]


def test_a_scalar_libc_call_in_a_safe_fn_names_its_rule(tmp_path):
    c = "#include <stdlib.h>\nint pick(int k) { if (k < 0) exit(2); return abs(k) + rand() % 2; }\n"
    done = translate_file(tmp_path, "s.c", c)
    tr, sig, _ = done["pick"]
    assert not sig.unsafe and len(unsafe_blocks(tr.code["pick"])) == 2, tr.code["pick"]
    for name in ("exit", "abs"):
        assert f"// SAFETY: rule scalar-libc-call: `{name}` takes and returns scalars only" in tr.code["pick"]
