"""`llmigrate migrate` end to end through the CLI, with real cargo and gcc.

Backends: the builtin translator on the fixtures, the scripted backend (replies from a JSON file), and the
openai backend against the fake server for a run killed mid-way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.paths import ROOT
from helpers.runs import journal
from helpers.scripted_lib import BAD_SCALE, GOOD_OFFSET, GOOD_SCALE, LIB_C, NEVER, scripted

from llmigrate.cargo import run_cargo


def migrate(src: Path, out: Path, *args: str, env: dict | None = None, timeout: float = 300,
            cwd: Path = ROOT):
    cmd = [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out), *args]
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    full_env.update(env or {})
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=full_env, cwd=cwd)


@pytest.mark.slow
@pytest.mark.parametrize("fixture", ["kmath", "ksort", "ramfs"])
def test_fixture_migrates_with_builtin_backend_and_builds(fixture, tmp_path):
    out = tmp_path / fixture
    done = migrate(ROOT / "fixtures" / fixture, out, "--backend", "builtin", "--no-verify")
    data = journal(out)
    not_compiled = {fid: (e["status"], e["reasons"]) for fid, e in data["functions"].items()
                    if e["status"] != "compiled"}
    assert not not_compiled, not_compiled
    assert done.returncode == 0, done.stderr[-3000:]
    assert run_cargo(out, "build", target_dir=out / "target").ok
    assert (out / "llmigrate.lock").is_file()
    assert (out / ".llmigrate" / "generated" / "src" / "lib.rs").is_file()
    # each stage timed apart (signatures and shared items were charged to translate, the report to none)
    assert set(data["stages"]) == {"analyze", "signatures", "shared", "translate", "repair", "build",
                                   "report"}


@pytest.mark.slow
def test_scripted_first_reply_with_errors_is_repaired_later(tmp_path):
    src, env = scripted(tmp_path, {"scale": [BAD_SCALE], "offset": [GOOD_OFFSET]}, {"scale": [GOOD_SCALE]})
    out = tmp_path / "out"
    done = migrate(src, out, "--backend", "scripted", "--no-verify", env=env)
    assert done.returncode == 0, done.stderr
    scale = journal(out)["functions"]["scale"]
    assert scale["status"] == "compiled"
    assert [(r["kind"], r["fixed_by"], r["outcome"]) for r in scale["rounds"]] == [
        ("compile", "backend", "fixed")]
    assert "wrapping_mul(factor)" in scale["rounds"][0]["code"]
    assert "cannot find value `factor`" in scale["rounds"][0]["diagnostics"][0]
    assert "wrapping_mul(k)" in (out / "src" / "calc.rs").read_text()
    assert "scale" in done.stdout and "compiled" in done.stdout  # the summary table
    lock = json.loads((out / "llmigrate.lock").read_text())
    assert lock["functions"]["scale"]["rust_hash"] == scale["rust_hash"]


@pytest.mark.slow
def test_never_compiling_unit_is_kept_in_c_and_the_crate_links(tmp_path):
    src, env = scripted(tmp_path, {"scale": [GOOD_SCALE], "offset": [NEVER]}, {"offset": [NEVER, NEVER]})
    out = tmp_path / "out"
    done = migrate(src, out, "--backend", "scripted", "--no-verify", "--max-repairs", "2", env=env)
    assert done.returncode == 1, done.stderr  # a function kept in C is a failure of the migration
    offset = journal(out)["functions"]["offset"]
    assert offset["status"] == "kept_in_c" and len(offset["rounds"]) == 2
    assert (out / "build.rs").is_file() and "__llmigrate_c_offset" in (out / "csrc" / "calc.c").read_text()
    main = tmp_path / "main.c"
    main.write_text("#include <stdint.h>\nuint32_t offset(uint32_t);\n"
                    "int main(void) { return offset(5) == 22 ? 0 : 1; }\n")
    lib = out / "target" / "debug" / "libclib.a"
    subprocess.run(["gcc", str(main), str(lib), "-lpthread", "-ldl", "-lm", "-o", str(tmp_path / "main")],
                   check=True)
    assert subprocess.run([str(tmp_path / "main")], timeout=30).returncode == 0


@pytest.mark.slow
def test_everything_kept_in_c_still_passes_the_fixture_c_tests(tmp_path):
    # No scripted replies: every unit fails to translate and is kept in C, including ramfs's static helpers,
    # globals and the static inline functions of its headers; its C tests then run against the staticlib.
    src, env = scripted(tmp_path, {}, {})
    (tmp_path / "script.json").write_text(json.dumps({"units": {}, "repairs": {}}))  # shared: builtin's
    out = tmp_path / "out"
    done = migrate(ROOT / "fixtures" / "ramfs", out, "--backend", "scripted", env=env)
    assert done.returncode == 1, done.stderr[-3000:]  # kept in C is a failure of the migration
    data = journal(out)
    assert {e["status"] for e in data["functions"].values()} == {"kept_in_c"}
    assert data["c_tests"] and all(t["rust"] == "passed" for t in data["c_tests"]), data["c_tests"]


@pytest.mark.slow
def test_differential_counterexample_goes_back_to_the_backend(tmp_path):
    wrong = GOOD_SCALE.replace("x.wrapping_mul(k)", "x.wrapping_mul(k) | 1")
    src, env = scripted(tmp_path, {"scale": [wrong], "offset": [GOOD_OFFSET]}, {"scale": [GOOD_SCALE]})
    out = tmp_path / "out"
    done = migrate(src, out, "--backend", "scripted", env=env)
    assert done.returncode == 0, done.stderr
    functions = journal(out)["functions"]
    rounds = functions["scale"]["rounds"]
    assert [(r["kind"], r["fixed_by"], r["outcome"]) for r in rounds] == [
        ("differential", "backend", "fixed")]
    assert "C returned" in rounds[0]["diagnostics"][0] and "| 1" in rounds[0]["code"]
    # offset only differed through its callee: it was tested again, not sent for repair.
    assert functions["offset"]["rounds"] == [] and functions["offset"]["equivalence"] == "equivalent"
    assert functions["scale"]["status"] == "verified"


def test_refuses_an_out_with_foreign_files(tmp_path):
    src, env = scripted(tmp_path, {}, {})
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    done = migrate(src, out, "--backend", "scripted", env=env)
    assert done.returncode == 2 and "--force" in done.stderr
    assert (out / "notes.txt").read_text() == "mine" and not (out / "src").exists()


def test_refuses_an_out_inside_src(tmp_path):
    src, env = scripted(tmp_path, {}, {})
    done = migrate(src, src / "out", "--backend", "scripted", env=env)
    assert done.returncode == 2 and "inside the C sources" in done.stderr


@pytest.mark.slow
def test_hand_edits_are_protected_until_force(tmp_path):
    src, env = scripted(tmp_path, {"scale": [GOOD_SCALE], "offset": [GOOD_OFFSET]}, {})
    out = tmp_path / "out"
    assert migrate(src, out, "--backend", "scripted", "--no-verify", env=env).returncode == 0
    (out / "notes.txt").write_text("mine")
    module = out / "src" / "calc.rs"
    module.write_text(module.read_text() + "// my fix\n")
    again = migrate(src, out, "--backend", "scripted", "--no-verify", env=env)
    assert again.returncode == 2 and "edited by hand" in again.stderr and "src/calc.rs" in again.stderr
    assert module.read_text().endswith("// my fix\n")
    forced = migrate(src, out, "--backend", "scripted", "--no-verify", "--force", env=env)
    assert forced.returncode == 0, forced.stderr
    assert not module.read_text().endswith("// my fix\n") and (out / "notes.txt").read_text() == "mine"


@pytest.mark.slow
def test_a_run_killed_after_writing_the_crate_is_not_taken_for_hand_edits(tmp_path):
    src, env = scripted(tmp_path, {"scale": [GOOD_SCALE], "offset": [GOOD_OFFSET]}, {})
    out = tmp_path / "out"
    assert migrate(src, out, "--backend", "scripted", "--no-verify", env=env).returncode == 0
    # What a run killed during repair leaves: its journal says unfinished, OUT/src differs from the copy.
    data = journal(out)
    data["finished"] = False
    (out / ".llmigrate" / "journal.json").write_text(json.dumps(data))
    module = out / "src" / "calc.rs"
    module.write_text(module.read_text() + "// half-written by the killed run\n")
    again = migrate(src, out, "--backend", "scripted", "--no-verify", env=env)
    assert again.returncode == 0, again.stderr
    assert journal(out)["finished"] is True


@pytest.mark.slow
def test_relative_src_and_out(tmp_path):
    _, env = scripted(tmp_path, {"scale": [GOOD_SCALE], "offset": [GOOD_OFFSET]}, {})
    done = migrate(Path("clib"), Path("rel/out"), "--backend", "scripted", "--no-verify", env=env,
                   cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert journal(tmp_path / "rel" / "out")["source"] == str((tmp_path / "clib").resolve())


@pytest.mark.slow
def test_a_broken_shared_item_is_demoted_alone(tmp_path):
    src, env = scripted(tmp_path, {"scale": [GOOD_SCALE], "offset": [GOOD_OFFSET]}, {})
    script = json.loads(Path(env["LLMIGRATE_SCRIPT"]).read_text())
    script["shared"] = "pub struct S {\n    a: Missing,\n}\n"
    Path(env["LLMIGRATE_SCRIPT"]).write_text(json.dumps(script))
    out = tmp_path / "out"
    done = migrate(src, out, "--backend", "scripted", "--no-verify", env=env)
    assert "skeleton: shared.rs: struct 'S': made opaque" in done.stderr and "Missing" in done.stderr
    data = journal(out)
    assert data["skeleton"]["ok"] is True  # the struct is opaque; no function needed its fields
    assert any("struct 'S': made opaque" in f for f in data["shared"]["failures"])
    for entry in data["functions"].values():  # nobody is blamed: no repair round was spent on a function
        assert entry["status"] == "compiled" and entry["rounds"] == []


def test_summary_note_shows_the_compiler_error_not_its_header():
    from llmigrate.report.summary import note

    why = ("cannot be kept in C: the C kept for it does not compile:\n/src/a.c: In function 'f':\n"
           "/src/a.c:2:47: error: expected expression before ';' token\n"
           "    2 | int f(int x) { return x +* ; }\n")
    assert note(why) == ("cannot be kept in C: the C kept for it does not compile: /src/a.c:2:47: error: "
                         "expected expression before ';' token")
    assert note(why, width=40) == "cannot be kept in C: the C kept for i..."
    assert note("kept in C: still failing after 5 repair round(s): error[E0425]: x") == \
        "kept in C: still failing after 5 repair round(s): error[E0425]: x"
    assert note("") == ""


TRIPLE_C = LIB_C + """
uint32_t twice(uint32_t x)
{
\treturn x * 2;
}
"""


@pytest.mark.slow
def test_differential_repair_that_breaks_a_clean_unit_is_rolled_back_alone(tmp_path):
    # Both `scale` and `twice` differ from the C; `scale`'s repair defines a helper `offset` (clean) also
    # defines, so it breaks `offset`; `twice`'s repair is right and must stay.
    def with_helper(reply: str) -> str:
        return reply.removesuffix("```") + "fn calc__helper() {}\n```"

    wrong_scale = GOOD_SCALE.replace("x.wrapping_mul(k)", "x.wrapping_mul(k) | 1")
    good_twice = "```rust\npub fn twice(x: u32) -> u32 {\n    x.wrapping_mul(2)\n}\n```"
    wrong_twice = good_twice.replace("x.wrapping_mul(2)", "x.wrapping_mul(2) | 1")
    units = {"scale": [wrong_scale], "offset": [with_helper(GOOD_OFFSET)], "twice": [wrong_twice]}
    repairs = {"scale": [with_helper(GOOD_SCALE), GOOD_SCALE], "twice": [good_twice]}
    src, env = scripted(tmp_path, units, repairs, c_text=TRIPLE_C)
    out = tmp_path / "out"
    done = migrate(src, out, "--backend", "scripted", env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    functions = journal(out)["functions"]
    assert [(r["kind"], r["outcome"]) for r in functions["scale"]["rounds"]] == [
        ("differential", "rolled_back"), ("differential", "fixed")]
    assert "broke offset" in functions["scale"]["rounds"][0]["note"]
    assert [(r["kind"], r["outcome"]) for r in functions["twice"]["rounds"]] == [("differential", "fixed")]
    assert {functions[f]["status"] for f in ("scale", "offset", "twice")} == {"verified"}
