"""`static inline` functions of a header outside SRC proven as SRC's functions are (signatures/hdrinline.py,
issue 15): one writing only through its struct pointer gets `&mut T`, one only reading `&T`, and their SRC
callers keep the references they pass; one that stores its pointer in a global, takes two pointers that may
be one object, indexes past the one element it is given or writes a mutable global stays as it was, and its
callers' pointers stay raw. gcc's C test and the differential tests judge the migrated Rust."""

from __future__ import annotations

import pytest

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures import interproc
from llmigrate.signatures.hdrinline import helper
from llmigrate.signatures.mapper import map_all, raw_reasons
from tests.helpers.paths import DATA
from tests.helpers.runs import safe_and_equivalent

SRC = DATA / "signatures" / "hdrinline" / "src"  # its helpers in ../include/track.h, outside SRC
_RAW = {"keep": ["s"], "swap_both": ["a", "b"], "next_of": ["s"], "counted": ["k"]}


@pytest.fixture(scope="module")
def codebase():
    return analyze_dir(SRC)


def test_helpers_writing_or_reading_their_struct_pointer_get_references(codebase):
    reset, best = helper("track_reset", codebase), helper("track_best", codebase)
    assert reset is not None and best is not None
    assert reset.sig.decl() == "pub fn track_reset(k: &mut track, t: u32, v: u32) -> u32"
    assert best.sig.decl() == "pub fn track_best(k: &track) -> u32"
    assert reset.sig.path == "crate::shared::track_reset" and not reset.sig.exported


def test_their_callers_pass_references(codebase):
    sigs = map_all(codebase)
    assert sigs["track_max"].decl() == "pub fn track_max(k: &mut track, win: u32, t: u32, v: u32) -> u32"
    assert sigs["track_peek"].decl() == "pub fn track_peek(k: &track) -> u32"
    for name in ("track_max", "track_peek"):
        assert raw_reasons(codebase.functions[name], codebase) == {}, name


def test_unprovable_helpers_stay_and_their_callers_stay_raw(codebase):
    # a global keeps the pointer; two samples that may be one; s[i] past the one element; a mutable global
    for name in ("sample_keep", "sample_swap", "sample_next", "track_count"):
        assert helper(name, codebase) is None, name
    sigs = map_all(codebase)
    for name, params in _RAW.items():
        assert sigs[name].unsafe, name
        assert sorted(raw_reasons(codebase.functions[name], codebase)) == params, name


def test_reading_a_helper_keeps_the_proofs_of_its_callers_codebase():
    # the helper is read in a codebase of its own (it lists the helper among the functions): the memo of
    # SRC's proofs made before it is the one SRC's callers go on with, not reset and proven again
    cb = analyze_dir(SRC)
    interproc.proven(cb.functions["sample_sum"], cb)
    memo = interproc.proofs(cb)
    before = dict(memo.upgrades)
    assert "sample_sum" in before
    found = helper("track_reset", cb)
    assert found is not None and found.scratch is not cb and "track_reset" not in cb.functions
    assert interproc.proofs(cb) is memo
    assert all(memo.upgrades[fid] is up for fid, up in before.items())
    assert interproc.proofs(found.scratch) is not memo  # its own, and made afresh: forgotten after it
    interproc.proven(cb.functions["track_max"], cb)
    assert interproc.proofs(cb) is memo and "track_max" in memo.upgrades


_UNSEEN_H = """int bump(int *p);
static inline void twice(int *p) { bump(p); bump(p); }
static inline void hook(int *p, void (*f)(int *)) { f(p); }
static inline void asm_set(int *p) { __asm__ volatile("" ::: "memory"); *p = 1; }
"""
_UNSEEN_C = """#include "h.h"
int bump(int *p) { return ++*p; }
static void noop(int *p) { (void)p; }
int a(int *p) { twice(p); return *p; }
int b(int *p) { hook(p, noop); return *p; }
int c(int *p) { asm_set(p); return *p; }
"""


def test_a_helper_calling_src_a_pointer_or_asm_is_none(tmp_path):
    files = {"inc/h.h": _UNSEEN_H, "src/llmigrate.toml": '[c]\ninclude_dirs = ["../inc"]\n',
             "src/m.c": _UNSEEN_C}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    cb = analyze_dir(tmp_path / "src")
    assert [helper(h, cb) for h in ("twice", "hook", "asm_set", "bump")] == [None] * 4
    for name in ("a", "b", "c"):
        assert "p" in raw_reasons(cb.functions[name], cb), name


@pytest.mark.slow
def test_migrated_helpers_and_callers_behave_as_the_c(tmp_path):
    funcs, module = safe_and_equivalent(SRC, tmp_path / "out", "track", ("track_max", "track_peek", "summed"))
    shared = (tmp_path / "out" / "src" / "shared.rs").read_text()
    assert "pub fn track_reset(k: &mut track, t: u32, v: u32) -> u32 {" in shared
    assert "pub fn track_best(k: &track) -> u32 {" in shared
    assert "crate::shared::track_reset(k, t, v)" in module or "crate::shared::track_reset(&mut *k, t, v)" in \
        module
    for name in _RAW:
        assert f"pub unsafe fn {name}(" in module, name
    assert "pub unsafe fn sample_keep(s: *mut sample)" in shared
    assert "crate::track::sample_sum(&x)" in module  # a local lent for a `const` pointer: no raw pointer
