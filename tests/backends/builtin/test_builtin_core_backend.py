"""The builtin backend as a Translator: reasons for what it refuses, exact signatures, determinism, safety."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.builtin_cases import load_cases
from helpers.builtin_translate import translate_file
from helpers.paths import data_text

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.backends import get_backend
from llmigrate.config import Config
from llmigrate.core import RepairRequest, Unit, UnitRequest
from llmigrate.signatures.mapper import map_all

REFUSED = data_text("backends/builtin/refuse.c")


def _translate(src: Path, name: str, text: str) -> dict[str, object]:
    return translate_file(src, name, text)


def test_refused_constructs_fail_with_file_line_construct(tmp_path: Path) -> None:
    out = _translate(tmp_path, "refuse.c", REFUSED)
    expected = {"uses_asm": "refuse.c:5: inline asm", "sum_varargs": "refuse.c:9: va_arg",
                "computed": "refuse.c:12: computed goto", "vla": "refuse.c:18: variable-length array",
                "jumps": "refuse.c:23: setjmp", "into_block": "refuse.c:27: goto"}
    for fid, prefix in expected.items():
        tr = out[fid][0]
        assert not tr.ok and tr.code == {}, f"{fid} should be refused"
        assert any(r.startswith(prefix) for r in tr.reasons), (fid, tr.reasons)
    assert out["fine"][0].ok  # an empty asm with a memory clobber is a compiler barrier
    assert "compiler_fence" in out["fine"][0].code["fine"]


def test_exact_signature_no_unsafe_for_scalars_and_deterministic(tmp_path: Path) -> None:
    text = "unsigned gcd(unsigned a, unsigned b) {\n" \
           "    while (b) { unsigned t = a % b; a = b; b = t; } return a; }\n" \
           "int first(const int *p, int k) { return p[k + 1]; }\n"  # an index nothing bounds: p stays raw
    out = _translate(tmp_path, "g.c", text)
    tr, sig, req = out["gcd"]
    code = tr.code["gcd"]
    assert code.startswith(sig.decl() + " {"), code
    assert "unsafe" not in code
    tr2, sig2, _ = out["first"]
    first = tr2.code["first"]
    assert first.startswith("/// # Safety\n") and f"\n{sig2.decl()} {{" in first and "unsafe {" in first
    again = get_backend("builtin", Config()).translate_unit(req)
    assert again.code == tr.code


def test_repair_is_refused_honestly(tmp_path: Path) -> None:
    out = _translate(tmp_path, "g.c", "int one(void) { return 1; }\n")
    tr, _, req = out["one"]
    fixed = get_backend("builtin", Config()).repair_unit(
        RepairRequest(request=req, code=tr.code, diagnostics=["error[E0308]: mismatched types"]))
    assert not fixed.ok and fixed.code == {} and "deterministic" in fixed.reasons[0]


def test_for_clauses_from_tokens_and_macros(tmp_path: Path) -> None:
    import clang.cindex as ci

    from llmigrate.backends.builtin.cfront import for_clauses

    (tmp_path / "f.c").write_text(
        "#define LOOP(i) for (i = 0; ; i++)\n"
        "void f(int n) { int i; LOOP(i) break; for (;;) break; for (; i < n;) i++; for (i = 0; i < n;) i++;\n"
        "for (;; i++) break; for (int j = 0; j < n; j++) ; }\n")
    tu = ci.Index.create().parse(str(tmp_path / "f.c"), args=["-std=gnu11"],
                                 options=ci.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD)
    got = [tuple(p is not None for p in for_clauses(c)[:3]) for c in tu.cursor.walk_preorder()
           if c.kind == ci.CursorKind.FOR_STMT]
    assert got == [(True, False, True), (False, False, False), (False, True, False), (True, True, False),
                   (False, False, True), (True, True, True)]


@pytest.mark.parametrize("fixture", ["kmath", "ksort", "ramfs"])
def test_fixture_functions_translate(fixtures_dir: Path, fixture: str) -> None:
    codebase = analyze_dir(fixtures_dir / fixture)
    sigs = map_all(codebase)
    backend = get_backend("builtin", codebase.config)
    shared = backend.translate_shared(codebase)
    failed = []
    for fid in sorted(codebase.functions):
        tr = backend.translate_unit(UnitRequest(codebase=codebase, unit=Unit(id=fid, functions=[fid]),
                                                signatures=sigs, shared=shared))
        if not tr.ok:
            failed += tr.reasons
    share = 1 - len(failed) / len(codebase.functions)
    assert share >= 0.95, failed


@pytest.mark.slow
def test_body_compiles_against_a_safer_signature(tmp_path: Path) -> None:
    """If the signature mapper hands out slices/references, the body still works on C's pointers."""
    import subprocess

    from llmigrate.backends.builtin.cfront import front_for
    from llmigrate.backends.builtin.funcs import translate_function

    (tmp_path / "s.c").write_text("int sum(const int *a, int n, long *out) {\n"
                                  "    int s = 0; for (int i = 0; i < n; i++) s += a[i];\n"
                                  "    *out = s; return s; }\n")
    codebase = analyze_dir(tmp_path)
    sigs = map_all(codebase)
    sig = sigs["sum"]
    sig.params[0].rust_type, sig.params[2].rust_type, sig.unsafe = "&[i32]", "&mut i64", False
    code = translate_function(front_for(codebase).function("s.c", "sum", 1), sig, codebase, "s.c", sigs)
    main = ('fn main() { let v = [4, 5, 6]; let mut o = 0i64; let r = s::sum(&v, 3, &mut o); '
            'println!("{r} {o}"); }')
    (tmp_path / "m.rs").write_text(f"#![allow(unused)]\nmod s {{\n{code}}}\n{main}\n")
    cmd = ["rustc", "--edition", "2021", "-o", str(tmp_path / "m"), str(tmp_path / "m.rs")]
    build = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(tmp_path / "m")], capture_output=True, text=True, timeout=10)
    assert run.stdout == "15 15\n"


def test_output_passes_the_translate_guard(tmp_path: Path) -> None:
    """The stage validates every backend's output: builtin translations must not look lazy or misnamed."""
    from llmigrate.translate import guard

    for case in load_cases("core_programs"):
        (tmp_path / f"{case.name}.c").write_text(case.c)
    codebase = analyze_dir(tmp_path)
    sigs = map_all(codebase)
    backend = get_backend("builtin", codebase.config)
    shared = backend.translate_shared(codebase)
    checked = 0
    for fid in sorted(codebase.functions):
        unit = Unit(id=fid, functions=[fid])
        req = UnitRequest(codebase=codebase, unit=unit, signatures=sigs, shared=shared)
        tr = backend.translate_unit(req)
        assert tr.ok, tr.reasons
        guard.check(req, tr.code)
        checked += 1
    assert checked == len(codebase.functions) > 50
