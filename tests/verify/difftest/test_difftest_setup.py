"""A library that must be set up first: its functions assert that its initialiser ran. Differential tests
call each side's initialiser before such a function (and only when it cannot run without it); hand-written C
and crate, real analysis, gcc and cargo."""

from __future__ import annotations

import pytest
from helpers.handwritten import handwritten_library

from llmigrate.verify.difftest.driver import differential

pytestmark = pytest.mark.slow

HEADER = "int lib_init(void);\nint lib_scaled(int x);\nint lib_idle(void);\n"

LIB_C = """\
#include <assert.h>
#include "lib.h"

static int users;
static int scale;

int lib_init(void)
{
	if (!users++)
		scale = 3;
	return users;
}
int lib_scaled(int x)
{
	assert(users > 0);
	return (x & 0xffff) * scale;
}
int lib_idle(void) { assert(users == 0); return 7; }
"""

LIB_RS = """\
pub mod shared {
    pub static mut USERS: i32 = 0;
    pub static mut SCALE: i32 = 0;
}
pub mod ffi {
    use crate::shared::*;
    #[no_mangle] pub unsafe extern "C" fn lib_init() -> i32 {
        if USERS == 0 { SCALE = 3; }
        USERS += 1;
        USERS
    }
    #[no_mangle] pub unsafe extern "C" fn lib_scaled(x: i32) -> i32 {
        assert!(USERS > 0);
        (x & 0xffff) * SCALE
    }
    #[no_mangle] pub unsafe extern "C" fn lib_idle() -> i32 { assert!(USERS == 0); 7 }
}
"""


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory):
    files = {"lib.h": HEADER, "lib.c": LIB_C}
    return differential(handwritten_library(tmp_path_factory.mktemp("setup"), "setup", files, LIB_RS))


def test_a_function_asserting_its_library_was_set_up_is_compared_after_the_initialiser(results):
    r = results["lib_scaled"]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested > 100 and r.skipped_c_failed == 0


def test_a_function_that_runs_without_set_up_keeps_its_own_verdict(results):
    r = results["lib_idle"]  # after lib_init() its assert would fail: it is compared as it is
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert results["lib_init"].equivalence == "equivalent"
