"""Builds a migrated OUT directory on disk the way the pipeline leaves it (crate with markers, generated copy,
journal, lock), so report and check are tested on real files; plus tests of the marker/edit measure."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from llmigrate import journal as jr
from llmigrate.report.edits import changed_lines, crate_spans, find_spans, measure_edits, span_hash

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
    j.functions["add"].update(equivalence="equivalent", inputs_tested=64, tested_by=["tests/test_calc.c"])
    j.functions["twice"].update(equivalence="differs", counterexample="a=2147483648")
    j.run.c_tests = [jr.CTestRecord("tests/test_calc.c", "passed", "passed", "", False, True)]
    j.save()
    (out / "llmigrate.lock").write_text(json.dumps(lock, indent=1))
    return out


def test_spans_and_hash_match_the_lock(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    spans = crate_spans(out)
    assert set(spans) == {"add", "twice", "peek"}
    assert spans["add"].file == "src/calc.rs" and spans["add"].text == RUST["add"][2]
    lock = json.loads((out / "llmigrate.lock").read_text())
    assert lock["functions"]["twice"]["rust_hash"] == hashlib.sha256(RUST["twice"][2].encode()).hexdigest()


def test_unpaired_marker_gives_no_span() -> None:
    assert find_spans("// llmigrate:begin f\nfn f() {}\n", "x.rs") == {}


def test_changed_lines_counts_edits_once_and_insertions_by_length() -> None:
    assert changed_lines(["a", "b", "c"], ["a", "B", "c"]) == 1
    assert changed_lines(["a"], ["a", "x", "y"]) == 2
    assert changed_lines(["a", "b"], []) == 2


def test_manual_edits_of_a_hand_edited_crate(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    assert measure_edits(out).ratio == 0.0
    calc = out / "src" / "calc.rs"
    calc.write_text(calc.read_text().replace("a.wrapping_add(b)", "a.checked_add(b).unwrap_or(u32::MAX)"))
    mem = out / "src" / "mem.rs"  # markers gone: peek can no longer be attributed
    mem.write_text(mem.read_text().replace("// llmigrate:begin peek\n", ""))
    edits = measure_edits(out)
    assert edits.functions["add"].state == "edited" and edits.functions["add"].changed_lines == 1
    assert edits.functions["add"].generated_lines == 3
    assert edits.functions["twice"].state == "unchanged"
    assert edits.functions["peek"].state == "markers_removed"
    assert edits.functions["peek"].changed_lines == edits.functions["peek"].generated_lines == 3
    generated = sum(len(p.read_text().splitlines())
                    for p in (out / ".llmigrate" / "generated" / "src").rglob("*.rs"))
    assert edits.generated_lines == generated
    assert edits.changed_lines == 2  # one edited line in calc.rs, one deleted marker line in mem.rs
    assert edits.ratio == round(2 / generated, 4)
    assert set(edits.file_diffs) == {"src/calc.rs", "src/mem.rs"}
    assert "+    a.checked_add(b)" in edits.file_diffs["src/calc.rs"]


def test_no_generated_copy_means_no_ratio(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    shutil.rmtree(out / ".llmigrate" / "generated")
    assert measure_edits(out).ratio is None
