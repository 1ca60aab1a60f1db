"""Shared items (src/shared.rs) from the builtin translator: layouts, constants, initializers vs gcc.

The generated shared.rs is compiled by rustc together with a `main` reading the items; a C `main` prints the
same facts through gcc; both outputs must agree. rustc also evaluates the layout assertions shared.rs carries.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from llmigrate.backends.builtin.items import translate_shared
from llmigrate.config import Config
from llmigrate.core import CMacro, Codebase

C_SRC = r"""
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdint.h>
#define N 16
#define NAME "hello"
#define HALF 0.5f
#define BIG (1UL << 40)
#define NEG (-3)
#define U32_ALL ((uint32_t)~0U)
#define SQR(x) ((x) * (x))
#define NOT_CONST malloc(1)
struct list { struct list *next; int v; char name[N]; };
typedef struct { int a; union { int x; float y; }; struct { char c; } s; } anon_t;
typedef int (*cb_t)(const void *, const void *);
struct ops { cb_t cmp; void (*release)(void *); };
enum color { RED, GREEN = 5, BLUE };
enum neg { M1 = -1, Z };
struct bf { unsigned a:3; unsigned b:5; };
union ubf { unsigned a:3; int i; };
struct flex { short n; long data[]; };
struct __attribute__((packed)) pk { char c; int i; short s; };
struct __attribute__((aligned(16))) al { char c; };
struct mixed { char c; double d; struct pk p; struct al a; uint8_t bytes[3]; };
struct holds_bf { union ubf inner; int z; };
struct ptr_bf { union ubf *p; long n; };
#pragma pack(push, 2)
struct pk2 { char c; long l; };
#pragma pack(pop)
static int counter = 3;
int table[6] = {1, 2, [4] = 9};
struct list head = { .v = -4, .name = "hd" };
struct ops my_ops = { .cmp = 0, .release = free };
const char *msg = "hi\tthere";
int *pp = &table[4];
int *p_member = &head.v;
char *p_name = head.name;
const struct list *p_self = &head;
struct ops *p_ops = &my_ops;
unsigned char small = 300;
double dbl = 1.0 / 3;
struct nest { struct { int a, b; } i; int arr[3]; };
struct nest nested = { .i.b = 4, .arr[1] = 9, .arr[2] = 8 };
int ranged[8] = { [1 ... 3] = 7, [5] = 2, 6 };
struct pt2 { int x, y; } pts[3] = { [1].y = 5, [2] = { 1, 2 } };
union ui { int i; char c[4]; } u_first = { 0x01020304 }, u_str = { .c = "ab" },
    u_last = { .i = 1, .c[3] = 5 };
int grid2[2][3] = { 1, 2, 3, 4 };
struct el { int a[2]; struct { short p, q; } in; char s[3]; } els[2] = { 1, 2, 3, 4, "xy", 5 };
struct zero_first { struct list l; int k; } zf = { 0 };
struct lh { struct lh *next, *prev; } lhead = { &lhead, &lhead };
char *table_end = (char *)table + sizeof(table);
int *last = table + 5, *before_last = &table[5] - 1, *fifth = 4 + table;
int probe(void) { return printf("%d", counter) + (int)strlen(msg); }
"""

C_MAIN = r"""
#include <stddef.h>
int main(void) {
    printf("%zu %zu %zu %zu\n", sizeof(struct list), sizeof(anon_t), offsetof(anon_t, s), sizeof(struct ops));
    printf("%zu %zu %zu %zu\n", sizeof(struct flex), offsetof(struct flex, data), sizeof(struct pk),
           offsetof(struct pk, s));
    printf("%zu %zu %zu %zu\n", sizeof(struct al), _Alignof(struct al), sizeof(struct mixed),
           offsetof(struct mixed, bytes));
    printf("%zu %zu %zu\n", sizeof(struct ptr_bf), sizeof(struct pk2), offsetof(struct pk2, l));
    printf("%d %d %d %d %d\n", RED, GREEN, BLUE, M1, Z);
    printf("%d %s %a %lu %d %u\n", N, NAME, (double)HALF, BIG, NEG, U32_ALL);
    printf("%d %d %d %d %d %d\n", table[0], table[1], table[2], table[3], table[4], table[5]);
    printf("%d %s %d %d\n", head.v, head.name, head.next == 0, my_ops.cmp == 0);
    printf("%s %d %d %a %d\n", msg, *pp, small, dbl, counter);
    printf("%d %s %d %d\n", *p_member, p_name, p_self->v, p_ops->release == free);
    printf("%d %d %d %d %d %d\n", nested.i.a, nested.i.b, nested.arr[0], nested.arr[1], nested.arr[2],
           ranged[0] + ranged[1] * 10 + ranged[3] * 100 + ranged[4] * 1000 + ranged[5] * 10000
           + ranged[6] * 100000);
    printf("%d %d %d %d %d\n", pts[0].x, pts[1].y, pts[2].x, pts[2].y, pts[1].x);
    printf("%d %d %d\n", u_first.i, u_str.i, u_last.i);
    printf("%d %d %d %d %d %d\n", grid2[0][2], grid2[1][0], grid2[1][1], els[0].in.q, els[0].s[1],
           els[1].a[0]);
    printf("%d %d\n", zf.l.v, zf.k);
    printf("%d %d %d %d %d\n", lhead.next == &lhead && lhead.prev == &lhead, (int)(table_end - (char *)table),
           *last, *before_last, *fifth);
    return 0;
}
"""

RUST_MAIN = r"""
fn main() {
    use shared::*;
    use core::mem::{offset_of, size_of, align_of};
    unsafe {
        println!("{} {} {} {}", size_of::<list>(), size_of::<anon_t>(), offset_of!(anon_t, s),
                 size_of::<ops>());
        println!("{} {} {} {}", size_of::<flex>(), offset_of!(flex, data), size_of::<pk>(),
                 offset_of!(pk, s));
        println!("{} {} {} {}", size_of::<al>(), align_of::<al>(), size_of::<mixed>(),
                 offset_of!(mixed, bytes));
        println!("{} {} {}", size_of::<ptr_bf>(), size_of::<pk2>(), offset_of!(pk2, l));
        println!("{} {} {} {} {}", RED, GREEN, BLUE, M1, Z);
        let name = core::ffi::CStr::from_ptr(NAME).to_str().unwrap();
        println!("{} {} {} {} {} {}", N, name, hexf(HALF as f64), BIG, NEG, U32_ALL);
        let t = &*core::ptr::addr_of!(table);
        println!("{} {} {} {} {} {}", t[0], t[1], t[2], t[3], t[4], t[5]);
        let hn = core::ffi::CStr::from_ptr(head.name.as_ptr()).to_str().unwrap();
        println!("{} {} {} {}", head.v, hn, head.next.is_null() as i32, my_ops.cmp.is_none() as i32);
        let m = core::ffi::CStr::from_ptr(msg).to_str().unwrap();
        println!("{} {} {} {} {}", m, *pp, small, hexf(dbl), counter);
        let pn = core::ffi::CStr::from_ptr(p_name).to_str().unwrap();
        let rel = (*p_ops).release.map(|f| f as usize) == Some(free as usize);
        println!("{} {} {} {}", *p_member, pn, (*p_self).v, rel as i32);
        let (n, r) = (&*core::ptr::addr_of!(nested), &*core::ptr::addr_of!(ranged));
        println!("{} {} {} {} {} {}", n.i.a, n.i.b, n.arr[0], n.arr[1], n.arr[2],
                 r[0] + r[1] * 10 + r[3] * 100 + r[4] * 1000 + r[5] * 10000 + r[6] * 100000);
        let p = &*core::ptr::addr_of!(pts);
        println!("{} {} {} {} {}", p[0].x, p[1].y, p[2].x, p[2].y, p[1].x);
        println!("{} {} {}", u_first.i, u_str.i, u_last.i);
        let (g, e) = (&*core::ptr::addr_of!(grid2), &*core::ptr::addr_of!(els));
        println!("{} {} {} {} {} {}", g[0][2], g[1][0], g[1][1], e[0].r#in.q, e[0].s[1], e[1].a[0]);
        println!("{} {}", zf.l.v, zf.k);
        let lh = &raw mut lhead;
        let circular = (*lh).next == lh && (*lh).prev == lh;
        let span = table_end.offset_from(core::ptr::addr_of_mut!(table) as *mut i8);
        println!("{} {} {} {} {}", circular as i32, span, *last, *before_last, *fifth);
    }
}
"""


def _hexf_helper() -> str:
    # C's %a for normal doubles: 0x1.<13 hex digits trimmed>p<exp>; enough for the values printed here.
    return r"""
fn hexf(v: f64) -> String {
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut frac = format!("{:013x}", bits & ((1u64 << 52) - 1));
    while frac.ends_with('0') { frac.pop(); }
    let sign = if v < 0.0 { "-" } else { "" };
    if frac.is_empty() { format!("{sign}0x1p{exp:+}") } else { format!("{sign}0x1.{frac}p{exp:+}") }
}
"""


def _codebase(root: Path) -> Codebase:
    macros = {}
    for i, line in enumerate(C_SRC.splitlines(), 1):
        m = re.match(r"#define\s+(\w+)(\()?\s*(.*)", line)
        if m:
            macros[m[1]] = CMacro(m[1], "items.c", i, [] if m[2] else None, m[3])
    return Codebase(root=str(root), config=Config(), files=["items.c"], macros=macros)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("items")
    (root / "items.c").write_text(C_SRC)
    return root, translate_shared(_codebase(root))


def test_failures_name_union_bitfields_and_their_holders(shared) -> None:
    _, st = shared
    assert len(st.failures) == 2, st.failures
    assert re.match(r"items\.c:\d+: bitfield: 'ubf\.a' in a union", st.failures[0])
    assert re.match(r"items\.c:\d+: struct member: 'holds_bf' holds 'ubf'", st.failures[1])
    # Both stay usable behind pointers, as opaque types.
    assert re.search(r"pub struct ubf \{\n    _opaque: \[u8; 0\],", st.code)
    assert "pub p: *mut ubf," in st.code


def test_names_and_externs(shared) -> None:
    _, st = shared
    assert st.names["struct list"] == "list" and st.names["anon_t"] == "anon_t"
    assert "pub fn printf(format: *const i8, ...) -> i32;" in st.code
    assert re.search(r"pub fn strlen\(\w+: \*const i8\) -> u64;", st.code)
    assert "pub fn malloc" not in st.code  # only used by a macro that is not a constant
    assert "SQR" not in st.code and "NOT_CONST" not in st.code
    assert "#[repr(C, packed(1))]" in st.code and "#[repr(C, align(16))]" in st.code
    assert "#[repr(C, packed(2))]" in st.code


@pytest.mark.slow
def test_layout_and_values_match_gcc(shared) -> None:
    root, st = shared
    (root / "main.c").write_text(C_SRC + C_MAIN)
    c = subprocess.run(["gcc", "-w", "-o", str(root / "c_prog"), str(root / "main.c")], capture_output=True,
                       text=True, timeout=60)
    assert c.returncode == 0, c.stderr
    expected = subprocess.run([str(root / "c_prog")], capture_output=True, text=True, timeout=10).stdout
    assert st.names["counter"] == "counter"  # a file-static with a unique name keeps it
    rust = ("#![allow(dead_code, non_camel_case_types, non_upper_case_globals, static_mut_refs)]\n"
            f"mod shared {{\n{st.code}\n}}\n{_hexf_helper()}{RUST_MAIN}")
    (root / "main.rs").write_text(rust)
    r = subprocess.run(["rustc", "--edition", "2021", "-o", str(root / "rust_prog"), str(root / "main.rs")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-4000:]
    got = subprocess.run([str(root / "rust_prog")], capture_output=True, text=True, timeout=10).stdout
    assert got == expected, f"C:\n{expected}\nRust:\n{got}"


def test_typedef_clashing_with_a_tag_is_a_failure(tmp_path: Path) -> None:
    # C keeps `struct foo` and `typedef ... foo` apart; Rust would silently confuse them.
    (tmp_path / "t.c").write_text("struct foo_s { int a; };\nstruct foo { long b; };\n"
                                  "typedef struct foo_s foo;\ntypedef struct foo foo2;\nfoo g;\nfoo2 h;\n")
    st = translate_shared(Codebase(root=str(tmp_path), config=Config(), files=["t.c"]))
    assert st.failures == ["t.c:3: typedef 'foo': a struct/union of that name already exists and is a "
                           "different type",
                           "t.c:5: global 'g': its type uses a typedef whose name Rust gives to another "
                           "struct"]
    assert "pub type foo2 = foo;" in st.code and "pub static mut h: foo2" in st.code
    assert "static mut g" not in st.code


def test_thread_locals_are_failures_not_shared_statics(tmp_path: Path) -> None:
    (tmp_path / "t.c").write_text("_Thread_local int tl = 3;\n__thread long t2;\nint normal = 1;\n")
    st = translate_shared(Codebase(root=str(tmp_path), config=Config(), files=["t.c"]))
    assert [f.split(": ")[0] for f in st.failures] == ["t.c:1", "t.c:2"]
    assert all("thread-local" in f for f in st.failures)
    assert "pub static mut normal: i32 = 1i32;" in st.code and "tl" not in st.code


def test_overaligned_globals_are_failures(tmp_path: Path) -> None:
    # A Rust static has its type's alignment; code relying on the declared one would break silently.
    (tmp_path / "t.c").write_text("static unsigned char buf[64] __attribute__((aligned(16)));\n"
                                  "long l __attribute__((aligned(sizeof(long))));\n")
    st = translate_shared(Codebase(root=str(tmp_path), config=Config(), files=["t.c"]))
    assert st.failures == ["t.c:1: global 'buf': declared with alignment 16, more than its type has; a Rust "
                           "static cannot be over-aligned"]
    assert "pub static mut l: i64 = 0i64;" in st.code


def test_definitions_win_over_forward_declarations_and_same_name_structs_are_failures(tmp_path: Path) -> None:
    (tmp_path / "a.c").write_text("struct foo;\nstruct foo *gp;\n"
                                  "int usea(struct foo *p) { return p != 0; }\n")
    (tmp_path / "b.c").write_text("struct foo { int x; long y; };\nint useb(struct foo *p) { return p->x; }\n"
                                  "struct pair { int a, b; };\n"
                                  "int pb(void) { struct pair p = {1, 2}; return p.a; }\n")
    (tmp_path / "c.c").write_text("struct pair { long a; };\n"
                                  "int pc(void) { struct pair p = {3}; return p.a; }\n")
    st = translate_shared(Codebase(root=str(tmp_path), config=Config(), files=["a.c", "b.c", "c.c"]))
    assert "pub struct foo {\n    pub x: i32,\n    pub y: i64,\n}" in st.code  # a.c alone saw it incomplete
    assert "pub struct pair {\n    pub a: i32,\n    pub b: i32,\n}" in st.code
    assert st.failures == ["c.c:1: struct 'pair': another definition of that name (b.c:3) is in shared.rs; "
                           "bodies using this one would get the wrong layout"]
