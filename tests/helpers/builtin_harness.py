"""Behaviour tests for the builtin translator: the same C compiled by gcc and translated then built by rustc.

A case is one C file plus calls to make on its non-static functions (kept as data: `builtin_cases`). All
cases of a batch share one C program and one Rust program (2 cores: one rustc run per batch), each run once
per case so a crash stays local. The Rust side goes through the real pipeline pieces: `analyze_dir` ->
`Codebase`, the builtin backend's `translate_shared` and `translate_unit`, and reintegrate's crate layout
(`mod shared`, one module per C file, `crate::ffi`), compiled as a binary with a generated `main` that makes
the same calls.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from helpers.builtin_cases import Case, load_cases
from llmigrate.core import Codebase, RustSignature, Unit, UnitRequest

RUN_TIMEOUT = 10


@dataclass
class Outcome:
    c_out: str = ""
    rust_out: str = ""
    problem: str = ""  # why the Rust side did not run (translation failure, compile error, crash)


@dataclass
class Batch:
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    shared_failures: list[str] = field(default_factory=list)


_C_PRELUDE = r"""
#include <stdio.h>
#include <string.h>
static void p_s(long long v) { printf("%lld\n", v); }
static void p_u(unsigned long long v) { printf("%llu\n", v); }
static void p_f(float v) { unsigned u; memcpy(&u, &v, 4); printf("%u\n", u); }
static void p_d(double v) { unsigned long long u; memcpy(&u, &v, 8); printf("%llu\n", u); }
#define P(x) _Generic((x), float: p_f, double: p_d, _Bool: p_u, unsigned char: p_u, unsigned short: p_u, \
    unsigned int: p_u, unsigned long: p_u, unsigned long long: p_u, default: p_s)(x)
"""


def _c_arg(v: int | float) -> str:
    if isinstance(v, float):
        return repr(v)
    return f"{v}LL" if v < 0 else f"{v}ULL"


def _c_case_driver(case: Case, codebase: Codebase) -> str:
    """The case's file as its own translation unit (file-statics stay apart) and a function calling it."""
    lines = [_C_PRELUDE, f'#include "{case.name}.c"', f"void run__{case.name}(void) {{"]
    for fn, args in case.calls:
        call = f"{fn}({', '.join(_c_arg(a) for a in args)})"
        void = _function(codebase, case, fn).return_type.strip() == "void"
        lines.append(f'    {call}; puts("-");' if void else f"    P({call});")
    return "\n".join(lines) + "\n}\n"


def _c_main(cases: list[Case]) -> str:
    lines = ["#include <string.h>"] + [f"void run__{c.name}(void);" for c in cases]
    lines.append("int main(int argc, char **argv) {\n    if (argc < 2) return 2;")
    lines += [f'    if (!strcmp(argv[1], "{c.name}")) {{ run__{c.name}(); return 0; }}' for c in cases]
    return "\n".join(lines) + "\n    return 2;\n}\n"


def _function(codebase: Codebase, case: Case, name: str):
    for f in codebase.functions.values():
        if f.name == name and f.file == f"{case.name}.c":
            return f
    raise AssertionError(f"case {case.name}: analyze found no function '{name}'")


def _rust_call(sig: RustSignature, args: list[int | float]) -> str:
    conv = []
    for p, a in zip(sig.params, args, strict=True):
        lit = f"({a!r}f64)" if isinstance(a, float) else f"({a}i128)"
        conv.append(f"{lit} as {p.rust_type}")
    call = f"{sig.path}({', '.join(conv)})"
    if sig.ret == "()":
        return f'{call}; println!("-");'
    if sig.ret in ("f32", "f64"):
        return f'println!("{{}}", {call}.to_bits());'
    if sig.ret == "bool" or sig.ret.startswith("u"):
        return f'println!("{{}}", {call} as u64);'
    return f'println!("{{}}", {call} as i64);'


def _rust_main(cases: list[Case], codebase: Codebase, sigs: dict[str, RustSignature]) -> str:
    lines = ["\nfn main() {", "    let arg = std::env::args().nth(1).unwrap_or_default();",
             "    #[allow(unused_unsafe)]", "    unsafe {", "        match arg.as_str() {"]
    for case in cases:
        lines.append(f'            "{case.name}" => {{')
        for fn, args in case.calls:
            lines.append("                " + _rust_call(sigs[_function(codebase, case, fn).id], args))
        lines.append("            }")
    lines += ["            _ => std::process::exit(2),", "        }", "    }", "}"]
    return "\n".join(lines) + "\n"


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=RUN_TIMEOUT)


def _run_c(cases: list[Case], codebase: Codebase, src: Path, batch: Batch) -> None:
    drivers = src.parent / "c_drivers"
    drivers.mkdir()
    (drivers / "main.c").write_text(_c_main(cases))
    for case in cases:
        (drivers / f"drive__{case.name}.c").write_text(_c_case_driver(case, codebase))
    exe = src.parent / "c_prog"
    files = [str(drivers / "main.c")] + [str(drivers / f"drive__{c.name}.c") for c in cases]
    proc = subprocess.run(["gcc", "-std=gnu11", "-O0", "-w", f"-I{src}", "-o", str(exe), *files, "-lm"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"the C side does not build:\n{proc.stderr}"
    for case in cases:
        batch.outcomes[case.name].c_out = _run([str(exe), case.name], src.parent).stdout


def _translate(codebase: Codebase, batch: Batch, case_of: dict[str, str]):
    from llmigrate.backends import get_backend
    from llmigrate.signatures.mapper import map_all

    backend = get_backend("builtin", codebase.config)
    shared = backend.translate_shared(codebase)
    batch.shared_failures = list(shared.failures)
    sigs = map_all(codebase)
    code: dict[str, str] = {}
    for fid in sorted(codebase.functions):
        tr = backend.translate_unit(UnitRequest(codebase=codebase, unit=Unit(id=fid, functions=[fid]),
                                                signatures=sigs, shared=shared))
        if tr.ok:
            code.update(tr.code)
        else:
            out = batch.outcomes[case_of[fid]]
            out.problem += "translation failed: " + "; ".join(tr.reasons) + "\n"
    return shared, sigs, code


def _rust_errors(stderr: str) -> list[dict]:
    out = []
    for line in stderr.splitlines():
        if line.startswith("{"):
            msg = json.loads(line)
            if msg.get("level") == "error":
                out.append(msg)
    return out


def _build_rust(cases: list[Case], codebase: Codebase, batch: Batch, work: Path) -> Path | None:
    from llmigrate.reintegrate.crate import render_crate
    from llmigrate.signatures.mapper import module_map

    case_of = {fid: f.file[:-2] for fid, f in codebase.functions.items()}
    shared, sigs, code = _translate(codebase, batch, case_of)
    modules = module_map(codebase)
    case_of_module = {modules[f"{c.name}.c"]: c.name for c in cases if f"{c.name}.c" in modules}
    for _ in range(4):
        live = [c for c in cases if not batch.outcomes[c.name].problem]
        names = {c.name for c in live}
        keep = {fid: s for fid, s in sigs.items() if case_of[fid] in names}
        crate = work / "crate"
        # no C is linked: an overlap check (two slices, one writable) stops instead of running the C original
        files = render_crate("behaviour", codebase, keep, shared.code, code, None, frozenset(keep))
        files["src/lib.rs"] += _rust_main(live, codebase, keep)
        for rel, text in files.items():
            (crate / rel).parent.mkdir(parents=True, exist_ok=True)
            (crate / rel).write_text(text)
        exe = work / "rust_prog"
        proc = subprocess.run(["rustc", "--edition", "2021", "--crate-type", "bin", "-C", "opt-level=0",
                               "-C", "debuginfo=0", "--error-format=json", "-o", str(exe), "src/lib.rs"],
                              cwd=crate, capture_output=True, text=True, timeout=300)
        if proc.returncode == 0:
            return exe
        blamed = _blame(_rust_errors(proc.stderr), case_of_module, batch)
        if not blamed:
            for c in live:
                batch.outcomes[c.name].problem += "crate does not compile:\n" + _rendered(proc.stderr)
            return None
    return None


def _blame(errors: list[dict], case_of_module: dict[str, str], batch: Batch) -> bool:
    """Mark the cases whose module has a compile error; False if an error lies outside every case module."""
    blamed = False
    for err in errors:
        cases = {case_of_module.get(Path(span["file_name"]).stem) for span in err.get("spans", [])} - {None}
        for case in sorted(cases):
            batch.outcomes[case].problem += "compile error: " + (err.get("rendered") or err["message"])
            blamed = True
    return blamed


def _rendered(stderr: str) -> str:
    return "".join(e.get("rendered") or e["message"] for e in _rust_errors(stderr))[:4000]


def run_batch(cases: list[Case], work: Path) -> Batch:
    """Build and run every case with gcc and through the builtin translator; compare with `check`."""
    from llmigrate.analyze.codebase import analyze_dir

    names = [c.name for c in cases]
    assert len(set(names)) == len(names), "case names must be unique"
    src = work / "src"
    src.mkdir(parents=True)
    for case in cases:
        (src / f"{case.name}.c").write_text(case.c)
    codebase = analyze_dir(src)
    batch = Batch(outcomes={c.name: Outcome() for c in cases})
    _run_c(cases, codebase, src, batch)
    exe = _build_rust(cases, codebase, batch, work)
    if exe is not None:
        for case in cases:
            out = batch.outcomes[case.name]
            if out.problem:
                continue
            try:
                proc = _run([str(exe), case.name], work)
            except subprocess.TimeoutExpired:
                out.problem = f"timed out after {RUN_TIMEOUT}s"
                continue
            out.rust_out = proc.stdout
            if proc.returncode != 0:
                out.problem = f"exit status {proc.returncode}: {proc.stderr[-2000:]}"
    return batch


def check(batch: Batch, case: Case) -> None:
    """Assert the Rust translation printed exactly what the C printed for this case."""
    out = batch.outcomes[case.name]
    assert out.c_out, f"case {case.name}: the C program printed nothing"
    assert not out.problem, f"case {case.name}: {out.problem}\nC printed:\n{out.c_out}"
    assert out.rust_out == out.c_out, (f"case {case.name}: outputs differ (one line per call {case.calls})\n"
                                       f"C:\n{out.c_out}\nRust:\n{out.rust_out}")


def behaviour_module(label: str):
    """The module-scoped `batch` fixture and the per-case test for the behaviour cases of folder `label`."""
    import pytest

    cases = load_cases(label)

    @pytest.fixture(scope="module")
    def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
        return run_batch(cases, tmp_path_factory.mktemp(label))

    @pytest.mark.slow
    @pytest.mark.parametrize("case", cases, ids=[c.name for c in cases])
    def test_behaviour(batch: Batch, case: Case) -> None:
        check(batch, case)

    return batch, test_behaviour
