"""Members of the objects differential tests generate: an anonymous or named union member (a small-string
buffer sharing its storage with a capacity) is given and compared as its first member; an array member whose
elements hold pointers has each of them followed. Hand-written C and crate;
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
struct tagged {
	int kind;
	union {
		int number;
		unsigned char bytes[4];
	} as;
};
int tagged_value(const struct tagged *t) { return t->kind & 1 ? t->as.bytes[0] : t->as.number >> 4; }
struct binding { const char *name; int *value; };
struct table { struct binding slots[3]; int used; };
int table_sum(const struct table *t)
{
	int sum = 0;
	for (int i = 0; i < 3; i++)
		if (t->slots[i].name && t->slots[i].value)
			sum += t->slots[i].name[0] + (*t->slots[i].value & 0xff);
	return sum;
}
"""

LIB_RS = """\
#[repr(C)] pub struct small_str { pub len: u32, pub cap: usize }
#[repr(C)] pub struct tagged { pub kind: i32, pub number: i32 }
#[no_mangle] pub unsafe extern "C" fn tagged_value(t: *const tagged) -> i32 {
    let t = &*t;
    if t.kind & 1 != 0 { (t.number as u32 & 0xff) as i32 } else { t.number >> 4 }
}
#[repr(C)] pub struct binding { pub name: *const u8, pub value: *const i32 }
#[repr(C)] pub struct table { pub slots: [binding; 3], pub used: i32 }
#[no_mangle] pub unsafe extern "C" fn table_sum(t: *const table) -> i32 {
    let mut sum = 0;
    for b in (*t).slots.iter() {
        if !b.name.is_null() && !b.value.is_null() { sum += *b.name as i8 as i32 + (*b.value & 0xff); }
    }
    sum
}
#[no_mangle] pub unsafe extern "C" fn str_room(s: *const small_str) -> i32 {
    let s = &*s;
    if s.len <= 8 { 8 - s.len as i32 } else { (s.cap & 0xff) as i32 }
}
"""


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory):
    ctx = handwritten_library(tmp_path_factory.mktemp("unions"), "unions", {"str.c": LIB_C}, LIB_RS)
    return differential(ctx)


# str_room: an anonymous union member; tagged_value: a named one, which analysis writes `union {...}`.
@pytest.mark.parametrize("fid", ["str_room", "tagged_value"])
def test_a_union_member_is_generated_as_its_first_member(results, fid):
    r = results[fid]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested > 10


def test_the_pointers_held_by_an_array_members_elements_are_followed(results):
    r = results["table_sum"]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested > 10 and r.skipped_c_failed < r.inputs_tested
