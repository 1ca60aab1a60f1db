"""Settling the crate skeleton: items of shared.rs that do not build are demoted one by one (a struct made
opaque, anything else left out), with the reason, and the skeleton then builds (real cargo)."""

from __future__ import annotations

import pytest
from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.backends.builtin.items import translate_shared
from llmigrate.plan import make_plan
from llmigrate.reintegrate.crate_state import CrateState
from llmigrate.repair.skeleton import settle
from llmigrate.signatures.mapper import map_all

BROKEN = """
#[repr(C)]
#[derive(Clone, Copy)]
pub struct broken {
    pub x: NoSuchType,
}
const _: () = assert!(core::mem::size_of::<broken>() == 4);
pub const BAD: u32 = NO_SUCH_CONST;
// Declarations of functions that are not in SRC.
unsafe extern "C" {
    pub fn fine_fn(x: i32) -> i32;
    pub fn bad_fn(x: Missing) -> i32;
}
"""


@pytest.mark.slow
def test_shared_items_that_do_not_build_are_demoted_alone(tmp_path):
    cb = analyze_dir(DATA / "backends" / "builtin" / "skeleton")
    sigs = map_all(cb)
    good = translate_shared(cb).code
    state = CrateState(tmp_path / "out", "skel", cb, make_plan(cb), sigs, good + BROKEN, cb.config)
    settled = settle(state)
    assert settled.errors == [], settled.errors
    assert [s.split(":")[1].strip() for s in settled.shared] == ["struct 'broken'", "const 'BAD'",
                                                                   "fn 'bad_fn'"]
    assert all("the crate skeleton does not build with it" in s for s in settled.shared)
    assert "made opaque" in settled.shared[0] and "left out" in settled.shared[1]
    assert "pub struct broken {\n    _opaque_skeleton: [u8; 0],\n}" in state.shared
    assert "size_of::<broken>" not in state.shared and "NO_SUCH_CONST" not in state.shared
    assert "pub fn fine_fn(x: i32) -> i32;" in state.shared and "bad_fn" not in state.shared
    assert "// Declarations of functions that are not in SRC.\nunsafe extern \"C\" {" in state.shared
    assert state.shared.startswith(good.rstrip("\n"))  # everything else is untouched
    # the function the skeleton cannot express (odd.c) is demoted too, alone
    assert settled.functions == ["first"] and sigs["first"].unsupported
