"""The build stage proves the library links: a C program taking every exported symbol, linked against the
staticlib; the kept C holds what the compiler compiles, and no symbol is defined both in C and in Rust."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.journal import Journal
from llmigrate.plan import make_plan
from llmigrate.reintegrate import finish
from llmigrate.reintegrate.crate_state import CrateState
from llmigrate.reintegrate.keep_c import generate
from llmigrate.reintegrate.link_check import check_links, program
from llmigrate.signatures.mapper import map_all

# The shared module a translator gives keys.c: the macro-built global, exported under its C name.
SHARED = ("#[repr(C)]\npub struct key {\n    pub enabled: i32,\n}\n"
          "#[no_mangle]\npub static mut fast_key: key = key { enabled: 1 };\n")
RUST = {
    "scale": "x << 1",
    "use_scale": "crate::twins::scale(x) + crate::self_h::self_fn()",
    "lib_main": "0",
    "key_enabled": "(unsafe { fast_key.enabled }) + crate::opt_h::opt_helper(0)",
    "opt_helper": "x + 3",
    "self_fn": "7",
}
CALLS = ("int use_scale(int); int key_enabled(void); int lib_main(void);\n"
         "int main(void) { return !(use_scale(3) == 13 && key_enabled() == 4 && lib_main() == 0); }\n")


def _project(tmp: Path, kept: set[str], rust: dict[str, str]) -> tuple[CrateState, Journal]:
    """The preproc test library (without missing.c, whose C cannot compile) as a crate with `kept` in C."""
    src = tmp / "plib"
    shutil.copytree(DATA / "analyze" / "preproc", src)
    (src / "missing.c").unlink()
    codebase = analyze_dir(src)
    sigs = map_all(codebase)
    code = {fid: f"{sigs[fid].decl()} {{\n    {body}\n}}\n" for fid, body in rust.items()}
    out = tmp / "out"
    state = CrateState(out, "plib", codebase, make_plan(codebase), sigs, SHARED, codebase.config, code=code,
                       kept=kept)
    return state, Journal.create(out, str(src), "test", None)


def _run(state: CrateState, main_c: str, tmp: Path) -> int:
    lib = state.target / "debug" / "libplib.a"
    (tmp / "main.c").write_text(main_c)
    exe = tmp / "main"
    subprocess.run(["gcc", str(tmp / "main.c"), str(lib), "-lpthread", "-ldl", "-lm", "-o", str(exe)],
                   check=True, capture_output=True, text=True)
    return subprocess.run([str(exe)], timeout=30).returncode


@pytest.mark.slow
def test_kept_c_of_twins_main_and_a_macro_global_links_once(tmp_path: Path) -> None:
    kept = {"scale", "lib_main", "key_enabled"}
    state, journal = _project(tmp_path, kept, {k: v for k, v in RUST.items() if k not in kept})
    state.write()
    twins, keys, bits = (state.files[f"csrc/{m}.c"] for m in ("twins", "keys", "bits"))
    assert "int __llmigrate_c_scale(int x)\n{\n\treturn x << 1;" in twins  # the twin the compiler builds
    assert "#if WANT_FAST == 0\nint scale(int x)\n{\n\treturn x * 2;" in twins  # the dead one: as written
    assert "\nextern __typeof__(struct key) fast_key;\n" in keys and "DEFINE_KEY_TRUE(fast_key)" not in keys
    assert "int __llmigrate_c_lib_main(void)\n{" in bits  # spelled `main` in the source
    built = finish.final_build(state, journal)
    record = journal.run.build
    assert built.ok and record.ok and record.links and record.link_errors == [], record
    assert _run(state, CALLS, tmp_path) == 0  # key_enabled runs as C and reads the Rust global


@pytest.mark.slow
def test_an_unresolved_symbol_fails_the_build_and_names_who_needs_it(tmp_path: Path) -> None:
    rust = dict(RUST, use_scale='extern "C" {\n        fn nowhere(x: i32) -> i32;\n    }\n'
                                  "    unsafe { nowhere(x) }")
    state, journal = _project(tmp_path, set(), rust)
    state.write()
    built = finish.final_build(state, journal)
    record = journal.run.build
    assert not built.ok and not record.ok and not record.links
    assert record.errors == []  # cargo itself succeeded: only the link check knows
    assert record.link_errors == ["undefined reference to `nowhere` (needed by use_scale)"]


def test_static_functions_nothing_kept_needs_leave_the_c_part(tmp_path: Path) -> None:
    src = tmp_path / "s"
    src.mkdir()
    (src / "s.c").write_text("static int unused(int x)\n{\n\treturn x;\n}\n\nstatic int helper(int x)\n{\n"
                             "\treturn x + 1;\n}\n\nint kept(int x)\n{\n\treturn helper(x);\n}\n\n"
                             "int rust(int x)\n{\n\treturn unused(x);\n}\n")
    codebase = analyze_dir(src)
    text = generate(codebase, map_all(codebase), {"kept"}).files["csrc/s.c"]
    assert "static int helper(int x)\n{" in text and "unused(int x)\n{" not in text
    assert text.count("\n") >= 20  # lines are blanked, not removed: #line keeps pointing at s.c


def _archive(tmp: Path, sources: dict[str, str]) -> Path:
    objects = []
    for name, text in sources.items():
        (tmp / f"{name}.c").write_text(text)
        subprocess.run(["gcc", "-c", str(tmp / f"{name}.c"), "-o", str(tmp / f"{name}.o")], check=True)
        objects.append(str(tmp / f"{name}.o"))
    subprocess.run(["ar", "crs", str(tmp / "libx.a"), *objects], check=True)
    return tmp / "libx.a"


def test_link_errors_name_the_symbol_and_the_function(tmp_path: Path) -> None:
    lib = _archive(tmp_path, {"a": "int g(int);\nint x = 1;\nint f(int v) { return g(v) + x; }\n",
                              "b": "int x = 2;\nint h(void) { return x; }\n"})
    check = check_links(lib, ["f", "h"], "gcc", {"f": "f_id"})
    assert not check.links and check.symbols == 2
    assert check.errors == ["multiple definition of `x`", "undefined reference to `g` (needed by f_id)"]
    assert check_links(_archive(tmp_path, {"a": "int f(void) { return 0; }\n"}), ["f"], "gcc", {}).links
    assert "extern char f;" in program(["f"])


def test_a_kept_function_of_a_crlf_file_is_found_and_renamed(tmp_path: Path) -> None:
    src = tmp_path / "w"
    src.mkdir()
    (src / "w.c").write_bytes(b"int twice(int x)\r\n{\r\n\treturn 2 * x;\r\n}\r\n")
    codebase = analyze_dir(src)
    gen = generate(codebase, map_all(codebase), {"twice"})
    assert not gen.failures and "int __llmigrate_c_twice(int x)\r\n{" in gen.files["csrc/w.c"]


# GCC nested functions whose address is taken: the object needs an executable stack for their trampolines.
NESTED = ("static int apply(int (*f)(int), int x)\n{\n\treturn f(x);\n}\n\n"
          "int add_to_all(int k, int x)\n{\n\tint add(int v) { return v + k; }\n"
          "\treturn apply(add, x);\n}\n\n"
          "int twice(int x)\n{\n\treturn 2 * x;\n}\n")


@pytest.mark.slow
def test_kept_c_with_trampolines_links_with_an_executable_stack(tmp_path: Path) -> None:
    src = tmp_path / "n"
    src.mkdir()
    (src / "nest.c").write_text(NESTED)
    codebase = analyze_dir(src)
    sigs = map_all(codebase)
    code = {"twice": f"{sigs['twice'].decl()} {{\n    2 * x\n}}\n"}
    state = CrateState(tmp_path / "out", "plib", codebase, make_plan(codebase), sigs, "", codebase.config,
                       code=code, kept={"add_to_all", "apply"})
    state.write()
    assert "-z,execstack" in state.files["build.rs"]
    built = finish.final_build(state, Journal.create(state.out, str(src), "test", None))
    assert built.ok, built
    calls = "int add_to_all(int, int); int twice(int);\nint main(void) { return !(add_to_all(3, 4) == 7 " \
            "&& twice(5) == 10); }\n"
    assert _run(state, calls, tmp_path) == 0
    plain = CrateState(tmp_path / "out2", "plib", codebase, make_plan(codebase), sigs, "", codebase.config,
                       code={"add_to_all": "", **code}, kept={"apply"})
    assert "execstack" not in plain.render()["build.rs"]
