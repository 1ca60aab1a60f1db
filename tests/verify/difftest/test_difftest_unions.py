"""Unions in the objects differential tests generate: an anonymous union member (a small-string buffer
sharing its storage with a capacity) is given and compared as its first member. Hand-written C and crate;
real analysis, gcc and cargo."""

from __future__ import annotations

import pytest
from helpers.handwritten import handwritten_library

from llmigrate.verify.difftest.driver import differential

pytestmark = pytest.mark.slow

LIB_C = """\
#include <stddef.h>
struct small_str {
	unsigned len;
	union {
		size_t cap;
		unsigned char buf[8];
	};
};
int str_room(const struct small_str *s) { return s->len <= 8 ? 8 - (int)s->len : (int)(s->cap & 0xff); }
"""

LIB_RS = """\
#[repr(C)] pub struct small_str { pub len: u32, pub cap: usize }
#[no_mangle] pub unsafe extern "C" fn str_room(s: *const small_str) -> i32 {
    let s = &*s;
    if s.len <= 8 { 8 - s.len as i32 } else { (s.cap & 0xff) as i32 }
}
"""


def test_an_anonymous_union_member_is_generated_as_its_first_member(tmp_path):
    results = differential(handwritten_library(tmp_path, "unions", {"str.c": LIB_C}, LIB_RS))
    r = results["str_room"]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested > 10
