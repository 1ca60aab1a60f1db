"""A migrated OUT directory on disk the way the pipeline leaves it (crate with markers, generated copy,
journal, lock), so report and check are tested on real files."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from llmigrate import journal as jr
from llmigrate.reintegrate.crate_format import crate_spans, span_hash

CARGO_TOML = """[package]
name = "mini"
version = "0.1.0"
edition = "2021"

[lib]
path = "src/lib.rs"
"""

# id -> (file, module, Rust body); callees reference each other through crate paths like the pipeline's code
RUST = {
    "add": ("calc.c", "calc", "pub fn add(a: u32, b: u32) -> u32 {\n    a.wrapping_add(b)\n}\n"),
    "twice": ("calc.c", "calc", "pub fn twice(a: u32) -> u32 {\n    crate::calc::add(a, a)\n}\n"),
    "peek": ("mem.c", "mem", "pub unsafe fn peek(p: *const u8) -> u8 {\n    unsafe { *p }\n}\n"),
}


def module_text(module: str, ids: list[str]) -> str:
    parts = ["use crate::shared::*;\n"]
    for fid in ids:
        parts.append(f"\n// llmigrate:begin {fid}\n{RUST[fid][2]}// llmigrate:end {fid}\n")
    return "".join(parts)


def make_out(tmp: Path, src: Path | None = None, statuses: dict[str, str] | None = None) -> Path:
    """OUT with modules calc (add, twice) and mem (peek), a kept-in-C function `slow`, journal and lock."""
    out = tmp / "out"
    (out / "src").mkdir(parents=True)
    (out / "Cargo.toml").write_text(CARGO_TOML)
    (out / "src" / "lib.rs").write_text("pub mod shared;\npub mod calc;\npub mod mem;\n")
    (out / "src" / "shared.rs").write_text("#![allow(unused)]\npub const LIMIT: u32 = 7;\n")
    (out / "src" / "calc.rs").write_text(module_text("calc", ["add", "twice"]))
    (out / "src" / "mem.rs").write_text(module_text("mem", ["peek"]))
    shutil.copytree(out / "src", out / ".llmigrate" / "generated" / "src")
    statuses = statuses or {"add": "verified", "twice": "compiled", "peek": "compiled", "slow": "kept_in_c"}
    j = jr.Journal.create(out, str(src or tmp / "src"), "builtin", None)
    spans = crate_spans(out)
    lock = {"version": 1, "source": str(src or tmp / "src"), "functions": {}}
    for fid, status in statuses.items():
        file, module, rust = RUST.get(fid, ("slow.c", "slow", None))
        c_hash = hashlib.sha256(f"c of {fid}".encode()).hexdigest()
        e = jr.FunctionRecord(fid, file, fid, c_hash, module, c_source=f"c of {fid}", start_line=3)
        e.update(status=jr.Status(status), rust=rust, rust_lines=len(rust.splitlines()) if rust else 0,
                 unsafe_lines=1 if fid == "peek" else 0, tokens_in=100, tokens_out=40, attempts=1,
                 backend="builtin" if rust else None)
        j.functions[fid] = e
        lock["functions"][fid] = {"file": file, "c_hash": c_hash,
                                  "rust_hash": span_hash(spans[fid].text) if fid in spans else None}
    j.functions["twice"].callees = ["add"]
    j.functions["twice"].rounds = [jr.RepairRound(
        1, "compile", ["error[E0425]: cannot find function `ad`"],
        "pub fn twice(a: u32) -> u32 {\n    ad(a, a)\n}\n", "backend", "fixed")]
    j.functions["add"].update(equivalence="equivalent", inputs_tested=64,
                              evidence=jr.Evidence(["tests/test_calc.c"], 64, verified_by=["c_tests"]))
    if "slow" in j.functions:
        j.functions["slow"].reasons = ["kept in C: the model's Rust never compiled"]
    j.functions["twice"].update(equivalence="differs", counterexample="a=2147483648")
    j.run.c_tests = [jr.CTestRecord("tests/test_calc.c", "passed", "passed", "", False, True, ["add"])]
    j.save()
    (out / "llmigrate.lock").write_text(json.dumps(lock, indent=1))
    return out
