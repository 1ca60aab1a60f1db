"""Rule byte-cursor as a signature (signatures/cursorslice.py) and its Rust (backends/builtin/bytecursors.py):
a proven byte cursor is a `&[u8]` of its count, its C pointer and `end` usize offsets, every read
bounds-checked; a read through a header function that does more than return the bytes it reads keeps the
pointer raw. gcc vs the Rust on lengths 0..20 and NULL with a count of 0: pipeline/bytecursor. The flow
analysis's shape (cursors and ends compared, a limit under `len >= 16`, `*p`): pipeline/bytecursor/walk,
gcc vs the Rust on lengths 0..40 and four seeds; a limit with no guard, a read past the end test and a
cursor written through stay raw."""

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


WALK = DATA / "pipeline" / "bytecursor" / "walk"  # the flow analysis's shape (cursorflow.py), same readers


@pytest.fixture(scope="module")
def walk():
    codebase = analyze_dir(WALK)
    return codebase, {s.c_name: s for s in map_all(codebase).values()}


@pytest.mark.parametrize(("name", "count", "slice"), [
    ("stripes", "len", "&[u8]"), ("pairs", "n", "&[u8]"), ("signed_sum", "n", "&[i8]"),
    ("signed_void", "n", "&[i8]"),  # a `void *` only converted to `const signed char *`
    ("mixed", "n", "&[u8]"),  # a `const char *` cursor over it: its bytes read as `i8`
])
def test_cursors_compared_with_ends_make_a_slice_of_the_count(walk, name, count, slice):
    sig = walk[1][name]
    p = sig.params[0]
    assert (p.rust_type, p.len_param, p.proof) == (slice, count, "byte-cursor"), sig.decl()
    assert not sig.unsafe, sig.unchecked


@pytest.mark.parametrize(("name", "param"), [
    ("unguarded", "input"),  # `limit = p + len - 16` with no `len >= 16`, a stripe read before any test
    ("skipping", "input"),  # `p[1]` where one byte is known left
    ("scramble", "buf"),  # written through its cursor
    ("char_words", "s"),  # 4-byte windows of an i8 slice: no from_ne_bytes of them
])
def test_cursors_that_may_leave_the_buffer_stay_raw(walk, name, param):
    codebase, sigs = walk
    sig = sigs[name]
    assert sig.params[0].rust_type.startswith("*") and sig.unsafe, sig.decl()
    assert raw_reasons(codebase.functions[sig.c_id], codebase)[param] == "pointer arithmetic"


@pytest.mark.slow
def test_the_rust_compares_offsets_as_gcc_compares_the_cursors(tmp_path: Path) -> None:
    from helpers.runs import function_code, safe_and_equivalent

    safe = ("stripes", "pairs", "signed_sum", "signed_void", "mixed")
    by_name, module = safe_and_equivalent(WALK, tmp_path / "out", "walk", safe)
    code = {name: function_code(module, name) for name in safe}
    assert not any("unsafe" in c for c in code.values())
    assert "let limit: usize = stop - 16usize;" in code["stripes"]  # only under `len >= 16`
    assert "while p + 4usize <= stop {" in code["stripes"]
    assert "(h ^ input[p] as u32)" in code["stripes"]  # `*p`
    assert "data[data_at1 + 5usize]" in code["pairs"]
    assert "data[p] as i8 as i32" in code["mixed"]  # C reads a char signed
    assert "pub unsafe fn unguarded(input: *const core::ffi::c_void" in module
    rules = {p["rule"] for p in by_name["stripes"]["safety"]["boundary"]["proofs"] if p["pointer"]}
    assert rules == {"byte-cursor"}
