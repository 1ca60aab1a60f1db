"""Stepped slices (rule stepped-count) another parameter may overlap, so their C ABI entry checks them at run
time (rule disjoint-checked): the body still walks them by an offset local, `*p++` anywhere in an expression
being `p[at]`, bounds-checked. They were emitted as raw pointers assigned to (`(p.as_mut_ptr() as *mut T) =
...`, E0070), so the function failed to build and stayed C. The C is data/backends/builtin/stepped_checked."""

from __future__ import annotations

import pytest
from helpers.builtin_translate import translated_code
from helpers.paths import DATA, data_text
from helpers.runs import migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons

C = data_text("backends/builtin/stepped_checked/lib.c")
STEPPED = ("sc_crc", "sc_plus", "sc_cond", "sc_store", "sc_short", "sc_pick", "sc_arg")
RAW = ("sc_again", "sc_pre", "sc_index")


def test_checked_stepped_slices_keep_the_rule_beneath_and_the_others_stay_raw(tmp_path):
    (tmp_path / "lib.c").write_text(C)
    cb = analyze_dir(tmp_path)
    sigs = map_all(cb)
    for name in STEPPED:
        p = next(p for p in sigs[name].params if p.name in ("d", "p"))
        assert (p.proof, p.beneath) == ("disjoint-checked", "stepped-count"), name
    for name in RAW:  # read again beside the step, pre-incremented, stepped in an index
        assert raw_reasons(cb.functions[name], cb)["p"] == "pointer arithmetic", name


def test_a_checked_stepped_slice_is_indexed_at_its_offset(tmp_path):
    code = translated_code(tmp_path, "lib.c", C)
    assert "c = t[((c as i32 ^ d[d_at1] as i32) & 0xff_i32) as usize];\n        d_at1 += 1;" in code["sc_crc"]
    # in a condition, under `&&` or `?:`, the step is where C makes it, not after the statement
    for name in ("sc_cond", "sc_short", "sc_pick"):
        assert "p[{ let i = p_at1; p_at1 += 1; i }]" in code[name], name
    assert "p[p_at1] = v4;" in code["sc_store"] and "twice(p[p_at1])" in code["sc_arg"]
    assert not any("as_mut_ptr()" in code[name] for name in STEPPED)


@pytest.mark.slow
def test_checked_stepped_slices_build_and_behave_as_the_c(tmp_path):
    # the C test compares sc_run's results with gcc's; the overlapping calls run the C through the entry
    out = tmp_path / "out"
    migrated_and_verified(DATA / "backends" / "builtin" / "stepped_checked", out)
    ffi = " ".join((out / "src" / "ffi.rs").read_text().split())
    # the bytes a count covers: a size_t count is not cast to usize (clippy), an int one is
    assert "else { n.saturating_mul(core::mem::size_of::<u8>()) }" in ffi
    assert "else { (n as usize).saturating_mul(core::mem::size_of::<i32>()) }" in ffi
