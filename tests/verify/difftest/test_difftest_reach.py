"""Reach of differential tests: static functions, types defined only in the .c, anonymous typedefs, and
pointer values. A hand-written C library and crate (one Rust function deliberately wrong, to show the Rust
side of a static function is the one called); real analysis, gcc, rustc and cargo."""

from __future__ import annotations

import pytest
from helpers.handwritten import handwritten_library

from llmigrate.verify.difftest.driver import differential

pytestmark = pytest.mark.slow

# In a header outside SRC: analysis never reads it.
SHIM = "struct shim_rect { int w, h; };\n#define SHIM_ROWS 64\n"

HEADER = """\
#ifndef REACH_H
#define REACH_H
#include "shim.h"
int shim_area(const struct shim_rect *r);
int get_limit(int k);
int positive(int x);
int maybe(int x);
typedef struct { int a; unsigned b; } pair_t;
struct local;
int pair_total(const pair_t *p);
int local_span(const struct local *l);
int clamp_all(int v);
int fill_row(int n);
int half_sum(int a, int b);
void bump_at(signed char i, int *v);
void fill_rows(unsigned char rows[SHIM_ROWS], unsigned char seed);
#endif
"""

LIB_C = """\
#include <assert.h>
#include <stdlib.h>
#include "reach.h"

struct local { int lo; int hi; };
typedef struct { short s; } inner_t;

static int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }
static int twice_inner(inner_t i) { return i.s * 2; }
static int page_bits(const char *s) { return (int)(((unsigned long)s >> 12) & 0xff); }
static int shim_width(struct shim_rect *r) { return r->w & 0xff; } /* only reads: a reference, once seen */
static int off_by_type(int x) { return x & 3; }
int pair_total(const pair_t *p) { return p ? (p->a >> 1) + (int)(p->b & 0xff) : -1; }
int local_span(const struct local *l) { return l ? (l->hi >> 1) - (l->lo >> 1) : 0; }
int clamp_all(int v) { return clamp(v, -100, 100); }
int fill_row(int n)
{
	int *row, v;

	if (n <= 0 || n > 64)
		return -1;
	row = calloc(n, sizeof *row);
	row[n] = 7; /* one past the calloc'd row */
	v = row[0];
	free(row);
	return v;
}
int half_sum(int a, int b) { return (a + b) / 2; }
int shim_area(const struct shim_rect *r) { return (r->w & 0xff) * (r->h & 0xff); }
#define GLOBAL(type, name, value) type name = value
GLOBAL(int, limit, 100); /* a definition whose text analysis does not see */
int get_limit(int k) { return limit + (k & 1); }
int maybe(int x)
{
	if (x > 0)
		return x & 7;
} /* no return for x <= 0: whatever the C leaves in its return register */
int positive(int x)
{
	if (x < 0)
		exit(3); /* the C ends the program: its exit status is the result */
	assert(x != 1);
	return x & 0xff;
}
void bump_at(signed char i, int *v) { v[i] += 1; }
void fill_rows(unsigned char rows[SHIM_ROWS], unsigned char seed)
{
	for (int i = 0; i < SHIM_ROWS; i++)
		rows[i] = (unsigned char)(seed + i);
}
"""

LIB_RS = """\
#![allow(non_camel_case_types)]
pub mod shared {
    #[repr(C)] pub struct pair_t { pub a: i32, pub b: u32 }
    #[repr(C)] pub struct local { pub lo: i32, pub hi: i32 }
    #[repr(C)] #[derive(Clone, Copy)] pub struct inner_t { pub s: i16 }
    #[repr(C)] pub struct shim_rect { pub w: i32, pub h: i32 }
    #[no_mangle] pub static mut limit: i32 = 100;
}
pub mod reach {
    use crate::shared::*;
    pub fn clamp(v: i32, lo: i32, hi: i32) -> i32 { if v < lo { lo } else if v > hi { hi } else { v } }
    pub fn twice_inner(i: inner_t) -> i32 { i.s as i32 * 3 } // wrong on purpose
    pub unsafe fn page_bits(s: *const i8) -> i32 { ((s as usize >> 12) & 0xff) as i32 }
    // As the crate is signed: the struct of the header outside SRC is complete (analyze_outside), so the
    // pointer only read is a reference.
    pub fn shim_width(r: &shim_rect) -> i32 { r.w & 0xff }
    pub fn off_by_type(x: i64) -> i32 { (x & 3) as i32 } // not the signature the C asks for
    pub unsafe fn pair_total(p: *const pair_t) -> i32 {
        if p.is_null() { return -1; }
        unsafe { ((*p).a >> 1) + ((*p).b & 0xff) as i32 }
    }
    pub unsafe fn local_span(l: *const local) -> i32 {
        if l.is_null() { return 0; }
        unsafe { ((*l).hi >> 1) - ((*l).lo >> 1) }
    }
    pub fn clamp_all(v: i32) -> i32 { clamp(v, -100, 100) }
    pub fn fill_row(n: i32) -> i32 {
        if n <= 0 || n > 64 { return -1; }
        let mut row = vec![0i32; n as usize];
        row[n as usize] = 7; // the same write, checked: Rust panics where the C is undefined
        row[0]
    }
    pub fn half_sum(a: i32, b: i32) -> i32 { a.wrapping_add(b) / 2 }
    pub unsafe fn bump_at(i: i8, v: *mut i32) { unsafe { *v.offset(i as isize) += 1 } }
}
pub mod ffi {
    use crate::shared::*;
    #[no_mangle] pub unsafe extern "C" fn pair_total(p: *const pair_t) -> i32 { crate::reach::pair_total(p) }
    #[no_mangle] pub unsafe extern "C" fn local_span(l: *const local) -> i32 { crate::reach::local_span(l) }
    #[no_mangle] pub unsafe extern "C" fn clamp_all(v: i32) -> i32 { crate::reach::clamp_all(v) }
    #[no_mangle] pub unsafe extern "C" fn fill_row(n: i32) -> i32 { crate::reach::fill_row(n) }
    #[no_mangle] pub unsafe extern "C" fn half_sum(a: i32, b: i32) -> i32 { crate::reach::half_sum(a, b) }
    #[no_mangle] pub unsafe extern "C" fn bump_at(i: i8, v: *mut i32) { crate::reach::bump_at(i, v) }
    #[no_mangle] pub unsafe extern "C" fn fill_rows(rows: *mut u8, seed: u8) {
        for i in 0..64 { *rows.add(i) = seed.wrapping_add(i as u8); }
    }
    #[no_mangle] pub unsafe extern "C" fn get_limit(k: i32) -> i32 { crate::shared::limit + (k & 1) }
    #[no_mangle] pub extern "C" fn positive(x: i32) -> i32 { if x < 0 { std::process::exit(3) } x & 0xff }
    #[no_mangle] pub extern "C" fn maybe(x: i32) -> i32 { if x > 0 { x & 7 } else { 0 } }
    #[no_mangle] pub unsafe extern "C" fn shim_area(r: *const shim_rect) -> i32 {
        ((*r).w & 0xff) * ((*r).h & 0xff)
    }
}
"""


def _line(text: str) -> int:
    """The line of reach.c holding `text`."""
    return next(i for i, line in enumerate(LIB_C.splitlines(), 1) if text in line)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory):
    files = {"reach.h": HEADER, "reach.c": LIB_C, "../inc/shim.h": SHIM,
             "llmigrate.toml": '[c]\ninclude_dirs = ["../inc"]\n'}
    return differential(handwritten_library(tmp_path_factory.mktemp("reach"), "reach", files, LIB_RS))


def test_static_functions_are_compared_with_their_rust_translation(results):
    assert results["clamp"].equivalence == "equivalent", results["clamp"].untested_reason
    assert results["clamp"].inputs_tested > 100
    wrong = results["twice_inner"]  # takes a type the header never names, by value
    assert wrong.equivalence == "differs", wrong.untested_reason
    assert wrong.counterexample == "twice_inner({s=1}): C returned 2, Rust returned 3"


@pytest.mark.parametrize("fid", ["pair_total", "local_span", "clamp_all", "shim_area", "get_limit"])
def test_types_of_the_c_file_and_anonymous_typedefs_are_generated(results, fid):
    r = results[fid]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested > 10


def test_a_static_function_is_exported_with_the_signature_the_crate_has(results):
    # struct shim_rect is defined by the header outside SRC, which analysis reads as the harness does: the
    # crate's signature takes a reference, and so does the export.
    r = results["shim_width"]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample


def test_a_static_export_that_does_not_build_costs_only_its_own_test(results):
    r = results["off_by_type"]
    assert r.equivalence == "untested"
    assert r.untested_reason.startswith("static, and the test-only export of its Rust side did not build: "
                                        "error[E0308]: mismatched types"), r.untested_reason
    assert results["clamp"].equivalence == "equivalent"


def test_an_array_parameter_sized_by_a_macro_outside_src_gets_that_many_elements(results):
    r = results["fill_rows"]  # [SHIM_ROWS]: 64 elements, learned from the compiler; not a 33-byte string
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested > 100 and r.skipped_ub == 0 and not r.findings, r.findings


def test_pointer_values_are_the_same_on_both_sides(results):
    r = results["page_bits"]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample


def test_a_heap_write_past_a_calloc_is_the_cs_undefined_behaviour_not_a_rust_crash(results):
    r = results["fill_row"]
    # The Rust panics on exactly the inputs where the C writes past its row: no counterexample, no repair.
    assert r.equivalence == "equivalent" and r.counterexample is None
    assert r.skipped_ub > 10 and r.inputs_tested > 100
    assert len(r.findings) == 1, r.findings
    line = _line("row[n] = 7")
    assert r.findings[0] == (f"writes 4 bytes past a heap buffer at reach.c:{line} on input fill_row(1) "
                             f"({r.skipped_ub} inputs)")


def test_undefined_arithmetic_in_the_c_is_a_finding_with_its_place(results):
    r = results["half_sum"]
    assert r.equivalence == "equivalent" and r.skipped_ub > 0
    assert r.findings and r.findings[0].startswith("signed integer overflow: "), r.findings
    assert f" at reach.c:{_line('int half_sum')} on input half_sum(" in r.findings[0]


def test_an_index_before_an_argument_is_the_cs_undefined_behaviour(results):
    # v[-1] is the int just before v: the C reads and writes there (no fault: the page is mapped); that is
    # the finding, whatever the Rust does there.
    r = results["bump_at"]
    assert r.equivalence == "equivalent", r.counterexample
    where = f"reach.c:{_line('void bump_at')}"
    assert any(f.startswith(f"reads 4 bytes outside an argument's storage at {where} on input bump_at(-1, ")
               for f in r.findings), r.findings


def test_an_exit_is_compared_and_an_input_failing_an_assert_skipped(results):
    r = results["positive"]
    assert r.equivalence == "equivalent", r.counterexample
    assert r.skipped_c_failed == 1 and r.inputs_tested > 100  # x == 1: the assert


def test_a_result_the_c_may_not_return_is_not_compared(results):
    r = results["maybe"]
    assert r.equivalence == "equivalent", r.counterexample
    assert r.findings[0].startswith("can end without returning a value"), r.findings
