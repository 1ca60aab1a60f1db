"""Function-pointer parameters of a type SRC exports no function of (a caller's comparator, a free
callback): the harness hands both sides the same small function of its own instead of NULL alone.
Hand-written C and crate; real analysis, gcc and cargo."""

from __future__ import annotations

import pytest
from helpers.handwritten import handwritten_library

from llmigrate.verify.difftest.driver import differential

pytestmark = pytest.mark.slow

LIB_C = """\
#include <stdbool.h>
int order(const void *a, const void *b, int (*cmp)(const void *, const void *))
{
	return cmp(a, b) * 2 + 1;
}
int same(const char *a, const char *b, bool (*eq)(const void *, const void *)) { return eq(a, b) ? 5 : 6; }
int each(int n, void (*visit)(int)) { for (int i = 0; i < (n & 3); i++) visit(i); return n & 3; }
"""

LIB_RS = """\
#[no_mangle] pub unsafe extern "C" fn order(a: *const u8, b: *const u8,
        cmp: Option<unsafe extern "C" fn(*const u8, *const u8) -> i32>) -> i32 {
    cmp.unwrap()(a, b) * 2 + 1
}
#[no_mangle] pub unsafe extern "C" fn same(a: *const i8, b: *const i8,
        eq: Option<unsafe extern "C" fn(*const i8, *const i8) -> bool>) -> i32 {
    if eq.unwrap()(a, b) { 5 } else { 6 }
}
#[no_mangle] pub unsafe extern "C" fn each(n: i32, visit: Option<unsafe extern "C" fn(i32)>) -> i32 {
    for i in 0..(n & 3) { visit.unwrap()(i); }
    n & 3
}
"""


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory):
    ctx = handwritten_library(tmp_path_factory.mktemp("callbacks"), "callbacks", {"cb.c": LIB_C}, LIB_RS)
    return differential(ctx)


@pytest.mark.parametrize("fid", ["order", "same", "each"])
def test_a_callback_no_function_of_src_can_be_is_the_harness_own(results, fid):
    r = results[fid]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested > 10
