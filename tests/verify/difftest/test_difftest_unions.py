"""Members of the objects differential tests generate: an anonymous or named union member (a small-string
buffer sharing its storage with a capacity) is given and compared as its first member, one holding a pointer
as that pointer (to a generated object; compared as NULL or not, since the function may store another member
there); an array member whose elements hold pointers has each of them followed. Hand-written C and crate;
real analysis, gcc and cargo."""

from __future__ import annotations

import pytest
from helpers.handwritten import handwritten_library

from llmigrate.verify.difftest.driver import differential

pytestmark = pytest.mark.slow

LIB_C = """\
#include <stddef.h>
#include <stdlib.h>
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
struct cell { int v; struct cell *next; };
struct obj {
	int type;
	union {
		int num;
		struct cell *cell;
	};
};
int obj_peek(const struct obj *o) { return o->type & 1 ? (o->cell ? o->cell->v : -1) : o->num & 0xff0; }
void obj_box(struct obj *o, int value)
{
	if (value & 1) {
		o->type = 1;
		o->cell = malloc(sizeof *o->cell); /* another pointer: its address differs between the sides */
		o->cell->v = value;
		o->cell->next = o->cell;
	} else {
		o->type = 0;
		o->num = value;
	}
}
/* The union's int read over the pointer the input gave it: the address's low bits, equal on both sides only
   when the input's objects are at the same addresses there. */
int obj_num(const struct obj *o) { return o->type & 1 ? -1 : o->num; }
void obj_drop(struct obj *o)
{
	if (o->type & 1)
		free(o->cell);
	o->cell = NULL;
}
struct vec { int *data; unsigned n; };
void vec_push(struct vec *v, int x)
{
	unsigned n = v->n % 4;
	int *grown = realloc(v->data, (n + 1) * sizeof *grown);
	if (!grown)
		return;
	grown[n] = x;
	v->data = grown;
	v->n = n + 1;
}
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
#[repr(C)] pub struct cell { pub v: i32, pub next: *mut cell }
#[repr(C)] pub struct obj { pub r#type: i32, pub cell: *mut cell }
#[no_mangle] pub unsafe extern "C" fn obj_peek(o: *const obj) -> i32 {
    let o = &*o;
    if o.r#type & 1 == 0 { return o.cell as usize as i32 & 0xff0; } // `num`: the pointer's low bits
    if o.cell.is_null() { -1 } else { (*o.cell).v }
}
#[no_mangle] pub unsafe extern "C" fn obj_box(o: *mut obj, value: i32) {
    if value & 1 != 0 {
        (*o).r#type = 1;
        let c = Box::into_raw(Box::new(cell { v: value, next: core::ptr::null_mut() }));
        (*c).next = c;
        (*o).cell = c;
    } else {
        (*o).r#type = 0;
        *(core::ptr::addr_of_mut!((*o).cell) as *mut i32) = value; // `num`: the union's first 4 bytes
    }
}
#[no_mangle] pub unsafe extern "C" fn obj_num(o: *const obj) -> i32 {
    if (*o).r#type & 1 != 0 { -1 } else { (*o).cell as usize as i32 }
}
extern "C" {
    fn free(p: *mut core::ffi::c_void);
    fn realloc(p: *mut core::ffi::c_void, n: usize) -> *mut core::ffi::c_void;
}
#[no_mangle] pub unsafe extern "C" fn obj_drop(o: *mut obj) {
    if (*o).r#type & 1 != 0 { free((*o).cell as *mut core::ffi::c_void); }
    (*o).cell = core::ptr::null_mut();
}
#[repr(C)] pub struct vec { pub data: *mut i32, pub n: u32 }
#[no_mangle] pub unsafe extern "C" fn vec_push(v: *mut vec, x: i32) {
    let n = (*v).n % 4;
    let grown = realloc((*v).data as *mut core::ffi::c_void, (n as usize + 1) * 4) as *mut i32;
    if grown.is_null() { return; }
    *grown.add(n as usize) = x;
    (*v).data = grown;
    (*v).n = n + 1;
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


@pytest.mark.parametrize("fid", ["obj_peek", "obj_box"])
def test_a_union_holding_a_pointer_is_given_an_object_and_compared_as_null_or_not(results, fid):
    # obj_peek follows the pointer when its tag says so; obj_box stores a number or a new cell there: the
    # cell's address and contents are not compared across the sides, nor the number read as a pointer.
    r = results[fid]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested > 10


def test_a_union_int_read_over_a_generated_pointer_reads_the_same_address_on_both_sides(results):
    # The input's objects come from an arena at the same address in both executables, started afresh for
    # every input: the pointer's bits, read as an int, are the same number in C and in Rust.
    r = results["obj_num"]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested > 10


@pytest.mark.parametrize("fid", ["obj_drop", "vec_push"])
def test_the_function_may_free_or_grow_what_the_input_gave_it(results, fid):
    # free() of an arena block poisons it (C side ASan), realloc() moves it to the heap with its bytes: the
    # C's only undefined behaviour is the NULL object's, none a free or a read of the input's storage.
    r = results[fid]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested > 10 and all("null pointer" in f for f in r.findings), r.findings


def test_the_pointers_held_by_an_array_members_elements_are_followed(results):
    r = results["table_sum"]
    assert r.equivalence == "equivalent", r.untested_reason or r.counterexample
    assert r.inputs_tested > 10 and r.skipped_c_failed < r.inputs_tested
