"""Rule byte-cursor as a signature (signatures/cursorslice.py) and its Rust (backends/builtin/bytecursors.py):
a proven byte cursor is a `&[u8]` of its count, its C pointer and `end` usize offsets, every read
bounds-checked; a read through a header function that does more than return the bytes it reads keeps the
pointer raw. gcc vs the Rust on lengths 0..20 and NULL with a count of 0: pipeline/bytecursor."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures import voidwhy
from llmigrate.signatures.mapper import map_all, raw_reasons

SRC = DATA / "pipeline" / "bytecursor" / "src"  # its readers in ../include, outside SRC


@pytest.fixture(scope="module")
def sigs():
    return {s.c_name: s for s in map_all(analyze_dir(SRC)).values()}


@pytest.mark.parametrize("name", ["fold8", "fold_words", "fold4"])
def test_a_proven_byte_cursor_is_a_slice_of_its_count(sigs, name):
    sig = sigs[name]
    p = sig.params[0]
    assert (p.rust_type, p.len_param, p.proof) == ("&[u8]", sig.params[1].name, "byte-cursor"), sig.decl()
    assert not sig.unsafe, sig.unchecked


def test_a_reader_that_changes_the_bytes_it_reads_keeps_the_pointer_raw(sigs):
    sig = sigs["fold_swapped"]
    assert sig.params[0].rust_type.startswith("*") and sig.unsafe
    codebase = analyze_dir(SRC)
    assert raw_reasons(codebase.functions[sig.c_id], codebase)["data"] == f"{voidwhy.VOID}: {voidwhy.CURSOR}"


@pytest.mark.slow
def test_the_rust_reads_offsets_of_the_slice_as_gcc_reads_the_buffer(tmp_path: Path) -> None:
    from helpers.runs import safe_and_equivalent

    out = tmp_path / "out"
    by_name, module = safe_and_equivalent(SRC, out, "fold", ("fold8", "fold_words", "fold4"))
    assert "pub fn fold8(data: &[u8], len: usize) -> u64" in module
    assert "u64::from_ne_bytes(data[data_at1..data_at1 + 8].try_into().unwrap())" in module
    assert "u32::from_ne_bytes(data[end..end + 4].try_into().unwrap())" in module  # get32(end)
    assert "pub unsafe fn fold_swapped(data: *const core::ffi::c_void" in module
    rules = {p["rule"] for p in by_name["fold8"]["safety"]["boundary"]["proofs"] if p["pointer"]}
    assert rules == {"byte-cursor"}
